namespace DelGrad.Tests.Cli;

/// <summary><c>train --seeds --slurm</c>, <c>status</c> and a grid's <c>report</c> through the command line, without a cluster (dry runs; tasks run here).</summary>
public sealed class SlurmCliTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("delgrad-slurm-cli-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => CliHarness.Run(args);

    private string Small(string name) => CliHarness.SmallConfig(root, name);

    [Theory]
    [InlineData(new[] { "train", "yinyang-h5-ws", "--slurm" }, "error: --slurm and --runs-only: only with --seeds LIST")]
    [InlineData(new[] { "train", "yinyang-h5-ws", "--seeds", "0", "--partition", "p" }, "error: --partition, --time, --cpus-per-task, --mem, --account and --dry-run: only with --slurm")]
    [InlineData(new[] { "train", "yinyang-h5-ws", "--seeds", "0", "--slurm", "--cpus-per-task", "0" }, "error: --cpus-per-task: must be at least 1, got 0")]
    [InlineData(new[] { "train", "yinyang-h5-ws", "--seeds", "0", "--slurm", "--time", "1 h" }, "error: --time: expected a value without spaces, got '1 h'")]
    [InlineData(new[] { "train", "yinyang-h5-ws", "yinyang-h30-ws" }, "error: config: several configs need --seeds LIST")]
    [InlineData(new[] { "train", "yinyang-h5-ws", "yinyang-h5-ws", "--seeds", "0" }, "error: config: two configs have the same name (their runs would share directories)")]
    public void BadSlurmArgumentsAreOneLineAndExit2(string[] args, string message)
    {
        var r = Run(args);
        Assert.Equal(2, r.Code);
        Assert.Equal(message, r.Err.TrimEnd());
    }

    [Fact]
    public void StatusOfAFolderThatIsNoGridIsOneLineAndExit2()
    {
        var r = Run("status", root);
        Assert.Equal(2, r.Code);
        Assert.StartsWith($"error: {root}: not a Slurm grid", r.Err, StringComparison.Ordinal);
        Assert.Single(r.Err.TrimEnd().Split('\n'));
    }

    [Fact]
    public void TheGridsTasksRunHereGiveTheLocalTableAndRunsCsv()
    {
        string a = Small("yinyang-h5-ws"), b = Small("yinyang-h30-ws"), grid = Path.Combine(root, "grid");
        var dry = Run("train", a, b, "--seeds", "5", "--epochs", "1", "--out", grid, "--slurm", "--dry-run", "--cpus-per-task", "2");
        Assert.True(dry.Code == 0, dry.Err);
        Assert.Contains($"dry run, nothing submitted (tasks 0-1: 2 runs); to submit:\n  sbatch --parsable --array=0-1 {grid}/slurm/tasks.sh\n", dry.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(grid, "slurm", "jobs.csv")));

        // What each array task would exec, run here (the host is this process; its arguments are the task's).
        var manifest = DelGrad.Cluster.GridManifest.Read(File.ReadAllText(Path.Combine(grid, "slurm", "grid.json")), "grid.json").ThrowIfFail();
        foreach (var run in manifest.Runs)
        {
            Assert.Contains($"  {run.Task}) exec {DelGrad.Cluster.SlurmScript.Join(manifest.Command(run))} --threads \"$threads\" ;;", File.ReadAllText(Path.Combine(grid, "slurm", "tasks.sh")), StringComparison.Ordinal);
            var task = Run([.. run.Arguments, "--threads", "1"]);
            Assert.True(task.Code == 0, task.Err);
        }

        Assert.False(File.Exists(Path.Combine(grid, "runs.csv"))); // tasks leave the table to the report job
        var status = Run("status", grid);
        Assert.Contains("0 pending, 0 running, 2 finished, 0 failed, 0 missing", status.Out, StringComparison.Ordinal);

        var report = Run("report", grid);
        Assert.True(report.Code == 0, report.Err);
        var local = Run("train", a, b, "--seeds", "5", "--epochs", "1", "--out", Path.Combine(root, "local"), "--threads", "2");
        Assert.True(local.Code == 0, local.Err);
        Assert.Equal(WithoutTiming(File.ReadAllText(Path.Combine(root, "local", "runs.csv"))), WithoutTiming(File.ReadAllText(Path.Combine(grid, "runs.csv"))));
        Assert.Equal(TableWithoutTiming(local.Out), TableWithoutTiming(report.Out));
    }

    [Fact]
    public void TheSweepGridsTasksRunHereGiveTheLocalSweepCsvAndPlot()
    {
        string a = Small("yinyang-h5-ws"), grid = Path.Combine(root, "sweep-grid"), local = Path.Combine(root, "sweep-local");
        var dry = Run("sweep", a, "--set", "threshold_fp_std=0,0.16", "--epochs", "1", "--out", grid, "--slurm", "--dry-run");
        Assert.True(dry.Code == 0, dry.Err);
        Assert.Contains("(tasks 0-1: 2 runs)", dry.Out, StringComparison.Ordinal);
        var manifest = DelGrad.Cluster.GridManifest.Read(File.ReadAllText(Path.Combine(grid, "slurm", "grid.json")), "grid.json").ThrowIfFail();
        foreach (var run in manifest.Runs)
        {
            var task = Run([.. run.Arguments, "--threads", "1"]);
            Assert.True(task.Code == 0, task.Err);
        }

        var report = Run("report", grid);
        Assert.True(report.Code == 0, report.Err);
        var sweep = Run("sweep", a, "--set", "threshold_fp_std=0,0.16", "--epochs", "1", "--out", local, "--threads", "2");
        Assert.True(sweep.Code == 0, sweep.Err);
        Assert.Equal(File.ReadAllText(Path.Combine(local, "sweep.csv")), File.ReadAllText(Path.Combine(grid, "sweep.csv")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(local, "sweep.png")), File.ReadAllBytes(Path.Combine(grid, "sweep.png")));
        Assert.Equal(3, File.ReadAllText(Path.Combine(grid, "sweep.csv")).TrimEnd().Split('\n').Length);
    }

    // seconds_per_epoch (the 9th column) and the table's s/epoch column are wall time.
    private static string[] WithoutTiming(string csv) =>
        csv.TrimEnd().Split('\n').Select(l => string.Join(",", l.Split(',').Where((_, i) => i != 8))).ToArray();

    private static string[] TableWithoutTiming(string output) =>
        output.Split('\n').Where(l => l.StartsWith('|')).Select(l => l[..l.TrimEnd().TrimEnd('|').LastIndexOf('|')]).ToArray();
}
