using DelGrad.Cluster;
using DelGrad.Effects.Cluster;
using DelGrad.Effects.Runtimes;
using DelGrad.Effects.Traits;

namespace DelGrad.Tests.Cluster;

/// <summary>Submitting, resubmitting and reading a grid's status, on the test runtime: every sbatch, squeue and sacct call recorded, none run.</summary>
public class SlurmGridTests
{
    private const string Dir = "/grids/g";
    private static readonly string[] Host = ["/opt/tools/delgrad"];
    private readonly TestRuntime rt = TestRuntime.New();

    private RecordingProcesses Processes => rt.Env.Processes;

    private LanguageExt.Fin<GridSubmission> Submit(bool dryRun = false, params int[] seeds) =>
        SlurmGrid<TestRuntime>.Submit(ClusterTestConfigs.Two, seeds.Length == 0 ? [0, 1] : seeds, Dir, Host, ["train", "again"], new SlurmOptions(CpusPerTask: 2), dryRun).Run(rt);

    private void Slurm(Func<string, IReadOnlyList<string>, ProcessResult> respond)
    {
        foreach (var p in new[] { "sbatch", "squeue", "sacct" })
        {
            Processes.Installed.Add(p);
        }

        Processes.Respond = respond;
    }

    private string Text(string path) => rt.Env.Files.ReadAllText(path);

    private void Finish(string run)
    {
        rt.Env.Files.CreateDirectory(Path.Combine(Dir, run));
        rt.Env.Files.WriteAtomic(Path.Combine(Dir, run, "checkpoint.json"), [1]);
        rt.Env.Files.WriteAtomic(Path.Combine(Dir, run, "summary.json"), [1]);
    }

    // sbatch answers job ids 41, 42, ... in order; squeue and sacct answer what the test gives.
    private static Func<string, IReadOnlyList<string>, ProcessResult> Cluster(string squeue = "", int firstJob = 41)
    {
        int next = firstJob;
        return (program, _) => program switch
        {
            "sbatch" => new ProcessResult(0, $"{next++}\n", ""),
            "squeue" => new ProcessResult(0, squeue, ""),
            _ => new ProcessResult(1, "", "Slurm accounting storage is disabled"),
        };
    }

    [Fact]
    public void SubmitsOneArrayOfAllRunsThenTheReportAfterItAndRecordsBoth()
    {
        Slurm(Cluster());
        var result = Submit().ThrowIfFail();
        Assert.Equal([0, 1, 2, 3], result.Tasks);
        var submitted = result.Submitted.IfNone(() => throw new InvalidOperationException("not submitted"));
        Assert.Equal(("41", "42"), (submitted.Job, submitted.ReportJob));
        Assert.Equal([0, 1, 2, 3], submitted.Tasks);
        var calls = Processes.Calls;
        Assert.Equal(2, calls.Count);
        Assert.Equal(["sbatch", "--parsable", "--array=0-3", "/grids/g/slurm/tasks.sh"], [calls[0].Program, .. calls[0].Arguments]);
        Assert.Equal(["sbatch", "--parsable", "--dependency=afterany:41", "/grids/g/slurm/report.sh"], [calls[1].Program, .. calls[1].Arguments]);
        Assert.Equal("job,tasks,report_job\n41,\"0-3\",42\n", Text("/grids/g/slurm/jobs.csv"));
        Assert.Contains("#SBATCH --cpus-per-task=2\n", Text("/grids/g/slurm/tasks.sh"), StringComparison.Ordinal);
        Assert.True(GridManifest.Read(Text("/grids/g/slurm/grid.json"), "grid.json").ThrowIfFail().SameGrid(result.Manifest));
        Assert.Equal(2, rt.Env.Files.All.Keys.Count(k => k.StartsWith("/grids/g/slurm/configs/", StringComparison.Ordinal)));
    }

    [Fact]
    public void ADryRunWritesTheGridAndCallsNothing()
    {
        var result = Submit(dryRun: true).ThrowIfFail();
        Assert.Empty(Processes.Calls);
        Assert.True(result.Submitted.IsNone);
        Assert.Equal(["sbatch", "--parsable", "--array=0-3", "/grids/g/slurm/tasks.sh"], result.Sbatch[0]);
        Assert.True(rt.Env.Files.FileExists("/grids/g/slurm/tasks.sh"));
        Assert.False(rt.Env.Files.FileExists("/grids/g/slurm/jobs.csv"));
    }

    [Fact]
    public void WithoutSbatchNothingIsWrittenOrCalled()
    {
        string error = Submit().Match(_ => "", e => e.Message);
        Assert.Equal("--slurm: sbatch is not on PATH (run on a Slurm login node, or add --dry-run to only write the scripts)", error);
        Assert.Empty(Processes.Calls);
        Assert.Empty(rt.Env.Files.All);
    }

    [Fact]
    public void ARefusedArrayShowsSbatchsMessageOnOneLineAndRecordsNoJob()
    {
        Slurm((_, _) => new ProcessResult(1, "", "sbatch: error: Batch job submission failed:\n  Invalid account or account/partition combination specified\n"));
        string error = Submit().Match(_ => "", e => e.Message);
        Assert.Equal("sbatch refused the job array: sbatch: error: Batch job submission failed:; Invalid account or account/partition combination specified", error);
        Assert.False(rt.Env.Files.FileExists("/grids/g/slurm/jobs.csv"));
    }

    [Fact]
    public void ARefusedReportJobKeepsTheSubmittedArrayRecordedSoItIsNeverSubmittedTwice()
    {
        int calls = 0;
        Slurm((program, _) => program == "sbatch" && calls++ == 0 ? new ProcessResult(0, "41;cluster\n", "") : new ProcessResult(1, "", "sbatch: error: no dependency allowed"));
        Assert.Contains("sbatch refused the report job (the job array 41 is submitted): sbatch: error: no dependency allowed", Submit().Match(_ => "", e => e.Message), StringComparison.Ordinal);
        Assert.Equal("job,tasks,report_job\n41,\"0-3\",\n", Text("/grids/g/slurm/jobs.csv"));

        // Submitting again while Slurm still runs the array: nothing is submitted twice.
        Processes.Respond = Cluster("41_0|RUNNING\n41_[1-3]|PENDING\n");
        var again = Submit().ThrowIfFail();
        Assert.Empty(again.Tasks);
        Assert.DoesNotContain(Processes.Calls.Skip(2), c => c.Program == "sbatch");
    }

    [Fact]
    public void ResubmittingSubmitsOnlyFailedAndMissingTasksAndStatusSaysWhy()
    {
        Slurm(Cluster());
        Submit().ThrowIfFail();
        Finish("yinyang-h5-ws-seed0");
        Finish("yinyang-h30-ws-seed1");
        rt.Env.Files.CreateDirectory("/grids/g/yinyang-h5-ws-seed1");
        rt.Env.Files.WriteAtomic("/grids/g/yinyang-h5-ws-seed1/checkpoint.json", [1]);
        // Task 1 ended without a summary (interrupted, Slurm forgot it); task 2 still runs.
        Processes.Respond = Cluster("41_2|RUNNING\n", firstJob: 50);

        var (_, runs) = SlurmGrid<TestRuntime>.Status(Dir).Run(rt).ThrowIfFail();
        Assert.Equal([RunState.Finished, RunState.Failed, RunState.Running, RunState.Finished], runs.Select(r => r.State));
        Assert.Equal(["41_0", "41_1", "41_2", "41_3"], runs.Select(r => r.SlurmId));

        var again = Submit().ThrowIfFail();
        Assert.Equal([1], again.Tasks);
        Assert.Contains(Processes.Calls, c => c.Program == "sbatch" && c.Arguments.SequenceEqual(["--parsable", "--array=1", "/grids/g/slurm/tasks.sh"]));
        Assert.Equal("job,tasks,report_job\n41,\"0-3\",42\n50,\"1\",51\n", Text("/grids/g/slurm/jobs.csv"));
        var (_, after) = SlurmGrid<TestRuntime>.Status(Dir).Run(rt).ThrowIfFail();
        Assert.Equal("50_1", after[1].SlurmId);
    }

    [Fact]
    public void AFolderHoldingAnotherGridIsRefusedAndNothingSubmitted()
    {
        Slurm(Cluster());
        Submit().ThrowIfFail();
        string error = Submit(false, 0, 1, 2).Match(_ => "", e => e.Message);
        Assert.Equal("/grids/g: holds another grid (other configs, seeds or epochs; see /grids/g/slurm/grid.json); use another --out", error);
        Assert.Equal(2, Processes.Calls.Count(c => c.Program == "sbatch"));
        Assert.Equal(4, GridManifest.Read(Text("/grids/g/slurm/grid.json"), "grid.json").ThrowIfFail().Runs.Count);
    }

    [Fact]
    public void StatusOfAFolderWithoutAGridSaysHowToSubmitOne() =>
        Assert.StartsWith("/grids/g: not a Slurm grid (no slurm/grid.json", SlurmGrid<TestRuntime>.Status(Dir).Run(rt).Match(_ => "", e => e.Message), StringComparison.Ordinal);
}
