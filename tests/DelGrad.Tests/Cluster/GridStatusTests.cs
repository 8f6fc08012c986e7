using CsCheck;
using DelGrad.Cluster;

namespace DelGrad.Tests.Cluster;

/// <summary>How <c>delgrad status</c> classifies runs, reads squeue and sacct, and records submissions.</summary>
public class GridStatusTests
{
    [Theory]
    [InlineData(true, true, true, true, "FAILED", RunState.Finished)] // the summary decides
    [InlineData(true, false, false, false, "", RunState.Finished)]
    [InlineData(false, false, false, true, "", RunState.Missing)]
    [InlineData(false, false, true, true, "PENDING", RunState.Pending)]
    [InlineData(false, true, true, true, "RUNNING", RunState.Running)]
    [InlineData(false, true, true, true, "COMPLETING", RunState.Running)]
    [InlineData(false, true, true, true, "TIMEOUT", RunState.Failed)]
    [InlineData(false, true, true, true, "CANCELLED", RunState.Failed)]
    [InlineData(false, false, true, true, "COMPLETED", RunState.Failed)] // ended without a summary
    [InlineData(false, true, true, true, "", RunState.Failed)] // Slurm no longer knows it
    [InlineData(false, true, true, false, "", RunState.Running)] // no Slurm to ask: the run directory says
    [InlineData(false, false, true, false, "", RunState.Pending)]
    public void ClassifiesFromTheRunDirectoryAndSlurm(bool finished, bool started, bool submitted, bool asked, string state, RunState expected) =>
        Assert.Equal(expected, GridStatus.Classify(finished, started, submitted, asked, state));

    [Fact]
    public void ReadsSqueueAndSacctLinesWithArrayRangesAndPlainJobs()
    {
        var states = GridStatus.ParseStates("12_0|RUNNING\n12_[3-5,8%2]|PENDING\n13|PENDING\n11_2|CANCELLED by 0\n\n garbage \n");
        Assert.Equal("RUNNING", states[("12", 0)]);
        Assert.All(new[] { 3, 4, 5, 8 }, t => Assert.Equal("PENDING", states[("12", t)]));
        Assert.Equal("PENDING", states[("13", -1)]);
        Assert.Equal("CANCELLED", states[("11", 2)]);
        Assert.Equal(7, states.Count);
    }

    [Fact]
    public void OnlyFailedAndMissingRunsAreSubmittedAgain()
    {
        var runs = Enum.GetValues<RunState>().Select((s, i) => new RunStatus(new GridRun(i, "c", i, $"c-seed{i}", []), s, "", "")).ToArray();
        Assert.Equal([(int)RunState.Failed, (int)RunState.Missing], GridStatus.ToSubmit(runs));
        string table = GridStatus.Markdown(runs);
        Assert.Contains("| 2 | c-seed2 | finished | - | - |", table, StringComparison.Ordinal);
        Assert.EndsWith("1 pending, 1 running, 1 finished, 1 failed, 1 missing\n", table, StringComparison.Ordinal);
    }

    [Fact]
    public void SubmissionsReadBackAsWritten()
    {
        var gen = Gen.Select(Gen.Int[1, 99999], Gen.Int[0, 300].HashSet[1, 20], Gen.Bool)
            .Select((job, tasks, reported) => new Submission(job.ToString(System.Globalization.CultureInfo.InvariantCulture), tasks.Order().ToArray(), reported ? (job + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : ""))
            .Array[0, 4];
        gen.Sample(submissions =>
        {
            var read = Submission.Read(Submission.Write(submissions), "jobs.csv").ThrowIfFail();
            Assert.Equal(submissions.Length, read.Count);
            foreach (var (a, b) in submissions.Zip(read))
            {
                Assert.Equal((a.Job, a.ReportJob), (b.Job, b.ReportJob));
                Assert.Equal(a.Tasks, b.Tasks);
            }
        });
        Assert.Equal("0-3,7", Submission.ArraySpec([0, 1, 2, 3, 7]));
        Assert.Contains("jobs.csv:2:1: not a submission", Submission.Read("job,tasks,report_job\n12,0-3,\n", "jobs.csv").Match(_ => "", e => e.Message), StringComparison.Ordinal);
    }
}
