using DelGrad.Effects.Runtimes;
using DelGrad.Effects.Training;
using DelGrad.Substrate;
using DelGrad.Training;

namespace DelGrad.Tests.Substrate;

public class SweepRunTests
{
    [Fact]
    public void ASweepRunsOnTheTestRuntimeWithFilesInMemory()
    {
        var config = Tests.Training.TrainingSmokeTests.Load("yinyang-bss2-w");
        config = config with
        {
            Training = config.Training with { Epochs = 1 },
            Data = config.Data with { TrainSize = 80, ValidationSize = 40, TestSize = 40 },
        };
        var substrate = config.Substrate ?? new SubstrateOptions(Bss2Config.Default);
        var values = new[] { 0.0, 0.16 }.Select(v => (v, substrate.Bss2.With("threshold_fp_std", v).ThrowIfFail())).ToList();
        var runtime = TestRuntime.New();
        var points = SweepRun<TestRuntime>.Run([(config, substrate, values)], "threshold_fp_std", seeds: 1, threads: 2, "sweep").Run(runtime).ThrowIfFail();

        Assert.Equal(2, points.Count);
        Assert.All(points, p => Assert.InRange(p.Accuracy, 0.0, 1.0));
        var csv = System.Text.Encoding.UTF8.GetString(runtime.Env.Files.All["sweep/sweep.csv"]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(SweepReport.Header, csv[0]);
        Assert.Equal(3, csv.Length);
        Assert.True(runtime.Env.Files.FileExists("sweep/sweep.png"));
        Assert.Equal(4, runtime.Env.Progress.Lines.Count); // one line per point, one for the files, the table
        Assert.Equal(SweepReport.Markdown("threshold_fp_std", points.ToArray()).TrimEnd(), runtime.Env.Progress.Lines[^1]);
        Assert.StartsWith("| threshold_fp_std | yinyang-bss2-w median test acc (chip) |", runtime.Env.Progress.Lines[^1], StringComparison.Ordinal);

        // Same seeds, same bits: a second run reproduces the accuracies exactly.
        var again = SweepRun<TestRuntime>.Run([(config, substrate, values)], "threshold_fp_std", 1, 1, "sweep").Run(TestRuntime.New()).ThrowIfFail();
        Assert.Equal(points, again);
    }
}
