using DelGrad.Cli;

namespace DelGrad.Tests.Cli;

public sealed class TrainCliTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("delgrad-cli-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Commands.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string SmallConfig()
    {
        string text = File.ReadAllText(Path.Combine(Data.ReferenceFiles.RepositoryRoot(), "configs", "yinyang-h30-ws.json"))
            .Replace("\"size\": 5000", "\"size\": 300", StringComparison.Ordinal)
            .Replace("\"size\": 1000", "\"size\": 100", StringComparison.Ordinal);
        string path = Path.Combine(root, "small.json");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void TrainResumeAndEvalWorkEndToEnd()
    {
        string run = Path.Combine(root, "run");
        var train = Run("train", SmallConfig(), "--epochs", "2", "--seed", "3", "--threads", "2", "--out", run);
        Assert.True(train.Code == 0, train.Err);
        Assert.Contains("epoch    2/2", train.Out);
        Assert.Contains("test accuracy", train.Out);
        Assert.DoesNotContain('\r', train.Out); // not a terminal: a plain log

        var resume = Run("resume", run, "--epochs", "3", "--threads", "1");
        Assert.True(resume.Code == 0, resume.Err);
        Assert.Contains("epoch    3/3", resume.Out);

        string config = File.ReadAllText(Path.Combine(run, "config.json"));
        var shorter = Run("resume", run, "--epochs", "2");
        Assert.Equal(2, shorter.Code);
        Assert.Contains("has already trained 3 epochs; give at least 3", shorter.Err);
        Assert.Equal(config, File.ReadAllText(Path.Combine(run, "config.json"))); // nothing rewritten

        var eval = Run("eval", run);
        Assert.Equal(0, eval.Code);
        Assert.Matches(@"on test \(100 samples\): accuracy \d+\.\d\d%", eval.Out);
    }

    [Fact]
    public void SeedsTrainOneRunEachPrintTheirTableAndContinueWhereTheyStopped()
    {
        string dir = Path.Combine(root, "seeds");
        var first = Run("train", SmallConfig(), "--epochs", "1", "--seeds", "0-1,4", "--threads", "1", "--out", dir);
        Assert.True(first.Code == 0, first.Err);
        Assert.Contains("| yinyang-h30-ws | 1 | 3 (0-1, 4) |", first.Out);
        string[] runs = ["yinyang-h30-ws-seed0", "yinyang-h30-ws-seed1", "yinyang-h30-ws-seed4"];
        Assert.All(runs, r => Assert.True(File.Exists(Path.Combine(dir, r, "summary.json")), r));
        Assert.Contains("\"seed\": 4", File.ReadAllText(Path.Combine(dir, runs[2], "summary.json")));
        string csv = File.ReadAllText(Path.Combine(dir, "runs.csv"));
        Assert.Equal(4, csv.TrimEnd().Split('\n').Length);

        // Seed 1 "interrupted" after its last checkpoint: the same command resumes it and keeps the others,
        // and the table is the same.
        string summary1 = Path.Combine(dir, runs[1], "summary.json");
        string before = File.ReadAllText(summary1);
        File.Delete(summary1);
        var again = Run("train", SmallConfig(), "--epochs", "1", "--seeds", "0-1,4", "--threads", "2", "--out", dir);
        Assert.True(again.Code == 0, again.Err);
        Assert.Contains($"[1/3] seed 0: {Path.Combine(dir, runs[0])}: finished before, kept", again.Out);
        Assert.Contains($"[2/3] seed 1: {Path.Combine(dir, runs[1])}: resuming", again.Out);
        Assert.Contains("no epochs left to train (1 of 1 done)", again.Out);
        Assert.Equal(TableRow(first.Out), TableRow(again.Out));
        Assert.Equal(Accuracies(before), Accuracies(File.ReadAllText(summary1)));

        // Another config in the same folder would mix two experiments in one table.
        var other = Run("train", SmallConfig(), "--epochs", "2", "--seeds", "0", "--out", dir);
        Assert.Equal(2, other.Code);
        Assert.Contains("yinyang-h30-ws-seed0: holds a run of a different config", other.Err);

        var both = Run("train", SmallConfig(), "--seed", "1", "--seeds", "0-1", "--out", Path.Combine(root, "never"));
        Assert.Equal(2, both.Code);
        Assert.Contains("--seed and --seeds", both.Err);
        var reversed = Run("train", SmallConfig(), "--seeds", "3-1", "--out", Path.Combine(root, "never"));
        Assert.Equal(2, reversed.Code);
        Assert.Contains("--seeds: '3-1': the range ends before it starts", reversed.Err);
        Assert.False(Directory.Exists(Path.Combine(root, "never")));

        static string TableRow(string output) => output.Split('\n').Single(l => l.StartsWith("| yinyang-h30-ws |", StringComparison.Ordinal));

        static string Accuracies(string summary) =>
            string.Join("\n", summary.Split('\n').Where(l => l.Contains("accuracy", StringComparison.Ordinal)));
    }

    [Fact]
    public void TheKernelOptionChoosesWhatRunsAndIsRecorded()
    {
        string compiled = Path.Combine(root, "compiled"), runtime = Path.Combine(root, "runtime");
        var a = Run("train", SmallConfig(), "--epochs", "1", "--out", compiled);
        var b = Run("train", SmallConfig(), "--epochs", "1", "--kernel", "runtime", "--out", runtime);
        Assert.True(a.Code == 0 && b.Code == 0, a.Err + b.Err);
        Assert.Contains("kernel YinyangH30WsNetwork", a.Out);
        Assert.Contains("kernel runtime", b.Out);
        Assert.Contains("\"kernel\": \"runtime\"", File.ReadAllText(Path.Combine(runtime, "summary.json")));
        Assert.Contains("\"kernel\": \"runtime\"", File.ReadAllText(Path.Combine(runtime, "config.json"))); // resume keeps it

        var bad = Run("train", SmallConfig(), "--kernel", "fast", "--out", Path.Combine(root, "never"));
        Assert.Equal(2, bad.Code);
        Assert.Contains("fast", bad.Err);
        Assert.DoesNotContain("   at ", bad.Err);
        Assert.False(Directory.Exists(Path.Combine(root, "never")));
    }

    [Fact]
    public void ABadConfigLeavesNothingBehind()
    {
        string config = Path.Combine(root, "bad.json");
        File.WriteAllText(config, File.ReadAllText(SmallConfig()).Replace("\"epochs\"", "\"epocs\"", StringComparison.Ordinal));
        string run = Path.Combine(root, "never");
        var result = Run("train", config, "--out", run);
        Assert.Equal(2, result.Code);
        Assert.Contains("training.epocs: unknown key (did you mean \"epochs\"?)", result.Err);
        Assert.Single(result.Err.Trim().Split('\n'));
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void AnUnwritableOutputIsOneLineAndExitTwo()
    {
        string file = Path.Combine(root, "a-file");
        File.WriteAllText(file, "x");
        var result = Run("train", SmallConfig(), "--epochs", "1", "--out", Path.Combine(file, "run"));
        Assert.Equal(2, result.Code);
        Assert.StartsWith("error: ", result.Err);
        Assert.DoesNotContain("   at ", result.Err);
    }

    [Theory]
    [InlineData("train", "--epochs", "-1")]
    [InlineData("train", "--seed", "-5")]
    [InlineData("train", "--threads", "0")]
    [InlineData("train", "no-such-config")]
    [InlineData("train", "--epochs", "many")]
    [InlineData("resume", "/no/such/run")]
    [InlineData("eval", "/no/such/run")]
    [InlineData("dataset", "yinyang", "--split", "tests", "--out", "x.csv")]
    public void BadArgumentsExitTwoWithoutStackTrace(params string[] args)
    {
        var result = Run(args);
        Assert.Equal(2, result.Code);
        Assert.Contains("error", result.Err);
        Assert.DoesNotContain("   at ", result.Err);
    }

    [Fact]
    public void ACorruptCheckpointIsReported()
    {
        string run = Path.Combine(root, "run");
        Assert.Equal(0, Run("train", SmallConfig(), "--epochs", "1", "--out", run).Code);
        File.WriteAllText(Path.Combine(run, "checkpoint.json"), "{\"format\": \"delgrad-checkpoint-1\", \"epoch\": 1,");
        var result = Run("resume", run, "--epochs", "2");
        Assert.Equal(2, result.Code);
        Assert.Contains("corrupt checkpoint", result.Err);
        Assert.Contains("checkpoint.json:1:", result.Err);
    }

    [Fact]
    public void DatasetWritesTheExactSplit()
    {
        string csv = Path.Combine(root, "test.csv");
        var result = Run("dataset", "yinyang", "--split", "test", "--out", csv);
        Assert.Equal(0, result.Code);
        var lines = File.ReadAllLines(csv);
        Assert.Equal(1001, lines.Length);
        var set = DelGrad.Data.YinYang.Test();
        var first = lines[1].Split(',');
        Assert.Equal(set.Sample(0)[0], double.Parse(first[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(set.Label(0), int.Parse(first[4], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ReportTabulatesFinishedRunsByConfig()
    {
        string runs = Path.Combine(root, "runs");
        Directory.CreateDirectory(runs);
        foreach (string seed in new[] { "0", "1" })
        {
            var r = Run("train", SmallConfig(), "--epochs", "1", "--seed", seed, "--threads", "1", "--out", Path.Combine(runs, "ws-seed" + seed));
            Assert.True(r.Code == 0, r.Err);
        }

        Directory.CreateDirectory(Path.Combine(runs, "unfinished")); // no summary.json: not a run
        string csv = Path.Combine(root, "runs.csv");
        var report = Run("report", runs, "--csv", csv);
        Assert.True(report.Code == 0, report.Err);
        var lines = report.Out.TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("| yinyang-h30-ws | 1 | 2 (0-1) | ", lines[2]);
        Assert.Contains("| 420 |", lines[2]);

        var rows = File.ReadAllLines(csv);
        Assert.Equal(DelGrad.Reporting.RunTable.CsvHeader, rows[0]);
        Assert.Equal(3, rows.Length);
        string summary = File.ReadAllText(Path.Combine(runs, "ws-seed1", "summary.json"));
        string accuracy = rows[2].Split(',')[4];
        Assert.Contains($"\"test_accuracy\": {accuracy},", summary); // the CSV holds the run's own number, round-trip formatted
    }

    [Fact]
    public void ReportOfNothingIsOneLineAndExitTwo()
    {
        var missing = Run("report", Path.Combine(root, "nowhere"));
        Assert.Equal(2, missing.Code);
        Assert.Equal($"error: {Path.Combine(root, "nowhere")}: no such directory", missing.Err.Trim());

        var empty = Run("report", root);
        Assert.Equal(2, empty.Code);
        Assert.Contains("no finished runs", empty.Err);
        Assert.Single(empty.Err.Trim().Split('\n'));

        var noArguments = Run("report");
        Assert.Equal(2, noArguments.Code);
    }
}
