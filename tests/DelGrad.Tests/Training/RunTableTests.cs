using CsCheck;
using DelGrad.Cluster;
using DelGrad.Effects.Runtimes;
using DelGrad.Effects.Training;
using DelGrad.Reporting;
using DelGrad.Training;
using LanguageExt;
using static LanguageExt.Prelude;

namespace DelGrad.Tests.Training;

/// <summary>The run report: statistics, grouping, renderings, reading run directories and their errors.</summary>
public class RunTableTests
{
    private static RunRecord Run(string name, int seed, double test, double bestValidation = double.NaN, int epochs = 300, int parameters = 420) =>
        new($"runs/{name}-seed{seed}", name, seed, epochs, parameters, test, 0.9, bestValidation, 0.95, 3, 0.01, 0.005);

    [Fact]
    public void SpreadMatchesHandComputedValues()
    {
        var s = Spread.Of([4.0, 1.0, 3.0, 2.0]);
        Assert.Equal(4, s.Count);
        Assert.Equal(2.5, s.Median);
        Assert.Equal(2.5, s.Mean);
        Assert.Equal(Math.Sqrt(5.0 / 3.0), s.StandardDeviation, 15);
        Assert.Equal((1.0, 4.0), (s.Min, s.Max));

        var odd = Spread.Of([0.97, double.NaN, 0.95, 0.99]);
        Assert.Equal(3, odd.Count); // NaN (a run that does not say) is left out
        Assert.Equal(0.97, odd.Median);

        var none = Spread.Of([double.NaN]);
        Assert.Equal(0, none.Count);
        Assert.True(double.IsNaN(none.Median));
    }

    [Fact]
    public void SpreadIsOrderFreeAndItsMedianLiesBetweenMinAndMax() =>
        Gen.Double[0, 1].Array[1, 40].Select(Gen.Int).Sample((values, seed) =>
        {
            var s = Spread.Of(values);
            var shuffled = values.OrderBy(_ => new Random(seed).Next()).ToArray();
            var t = Spread.Of(shuffled);
            Assert.Equal(s, t); // bit for bit: sums run in sorted order
            Assert.InRange(s.Median, s.Min, s.Max);
            Assert.InRange(s.Mean, s.Min, s.Max);
            Assert.True(s.StandardDeviation >= 0);
            Assert.Equal(values.Length, s.Count);
            if (values.Length % 2 == 1)
            {
                Assert.Contains(s.Median, values);
            }
        });

    [Theory]
    [InlineData(new int[0], "")]
    [InlineData(new[] { 3 }, "3")]
    [InlineData(new[] { 0, 1, 2, 3, 4 }, "0-4")]
    [InlineData(new[] { 0, 1, 2, 3, 4, 7, 9, 10 }, "0-4, 7, 9-10")]
    public void SeedsPrintAsRanges(int[] seeds, string expected) => Assert.Equal(expected, SeedList.Format(seeds));

    [Fact]
    public void RunsGroupByConfigEpochsAndSizeInTheOrderFound()
    {
        var runs = new[]
        {
            Run("yinyang-h30-ws", 1, 0.98, 0.981), Run("yinyang-h30-w", 0, 0.96), Run("yinyang-h30-ws", 0, 0.97, 0.975),
            Run("yinyang-h30-ws", 2, 0.99, 0.99), Run("yinyang-h30-ws", 0, 0.50, epochs: 3),
        };
        var groups = RunTable.Group(runs);
        Assert.Equal(["yinyang-h30-ws", "yinyang-h30-w", "yinyang-h30-ws"], groups.Select(g => g.Name));
        Assert.Equal([0, 1, 2], groups[0].Seeds);
        Assert.Equal(0.98, groups[0].TestAccuracy.Median);
        Assert.Equal(0.981, groups[0].BestValidationTestAccuracy.Median);
        Assert.Equal(0, groups[1].BestValidationTestAccuracy.Count);
        Assert.Equal(3, groups[2].Epochs);

        string table = RunTable.Markdown(groups);
        var lines = table.TrimEnd().Split('\n');
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("| yinyang-h30-ws | 300 | 3 (0-2) | 98.0 % | 98.0 +- 1.0 | 97.0 % | 99.0 % | 98.1 % | 95.0 % | 420 | 0.0050 |", lines[2]);
        Assert.Contains("| yinyang-h30-w | 300 | 1 (0) | 96.0 % | 96.0 +- 0.0 | 96.0 % | 96.0 % | - |", lines[3]);

        var csv = RunTable.Csv(runs).TrimEnd().Split('\n');
        Assert.Equal(RunTable.CsvHeader, csv[0]);
        Assert.Equal("yinyang-h30-ws,0,300,420,0.97,0.9,0.95,3,0.01,0.975,,", csv[1]); // by seed within its group
        Assert.Equal("yinyang-h30-w,0,300,420,0.96,0.9,0.95,3,0.01,,,", csv[4]); // empty where the run does not say
        Assert.DoesNotContain("chip", lines[0], StringComparison.Ordinal); // software runs only: no chip columns
    }

    [Fact]
    public void ChipRunsAddTheSoftwareAccuracyAndTheChipsOwnTime()
    {
        var runs = new[]
        {
            Run("yinyang-bss2-w", 0, 0.91) with { SoftwareTestAccuracy = 0.83, ChipSeconds = 324 },
            Run("yinyang-bss2-w", 1, 0.93) with { SoftwareTestAccuracy = 0.85, ChipSeconds = 330 },
            Run("yinyang-h30-ws", 0, 0.98),
        };
        var groups = RunTable.Group(runs);
        Assert.True(groups[0].OnChip);
        Assert.False(groups[1].OnChip);
        Assert.Equal(0.84, groups[0].SoftwareTestAccuracy.Median, 15);
        Assert.Equal(1.09, groups[0].ChipSecondsPerEpoch, 15); // median of 324/300 and 330/300

        var lines = RunTable.Markdown(groups).TrimEnd().Split('\n');
        Assert.EndsWith("| s/epoch | same parameters in software | chip s/epoch |", lines[0]);
        Assert.Equal(lines[0].Count(ch => ch == '|'), lines[1].Count(ch => ch == '|'));
        Assert.EndsWith("| 420 | 0.0050 | 84.0 % | 1.09 |", lines[2]);
        Assert.EndsWith("| 420 | 0.0050 | - | - |", lines[3]); // a software run in a table with chip runs

        var csv = RunTable.Csv(runs).TrimEnd().Split('\n');
        Assert.Equal("yinyang-bss2-w,1,300,420,0.93,0.9,0.95,3,0.01,,0.85,330", csv[2]);
    }

    [Fact]
    public void SteadySecondsPerEpochSkipsTheWarmUpEpochs()
    {
        Assert.Equal(1.0, RunTable.SteadySecondsPerEpoch([9, 9, 9, 9, 9, 1, 1, 2]));
        Assert.Equal(2.0, RunTable.SteadySecondsPerEpoch([1, 2, 3])); // short runs: every epoch
    }

    private const string Summary = """
        {
          "name": "yinyang-h30-ws",
          "seed": 4,
          "epochs": 3,
          "parameter_count": 420,
          "test_accuracy": 0.832,
          "test_loss": 0.0147,
          "validation_accuracy": null,
          "test_accuracy_best_validation": 0.84,
          "seconds_per_epoch": 0.02,
          "kernel": "runtime"
        }
        """;

    private const string Metrics = "epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,learning_rate_factor,learning_rate_weights,bumps,wall_seconds\n1,0.1,0.5,0.1,0.6,1,0.01,2,0.05\n2,0.1,0.7,0.1,0.7,1,0.01,0,0.01\n3,0.1,0.8,0.1,0.8,1,0.01,1,0.02\n";

    [Fact]
    public void ASummaryAndItsMetricsReadBack()
    {
        var r = RunRecordReader.Read("d", Summary, "d/summary.json", Metrics, "d/metrics.csv").ThrowIfFail();
        Assert.Equal(("yinyang-h30-ws", 4, 3, 420), (r.Name, r.Seed, r.Epochs, r.ParameterCount));
        Assert.Equal((0.832, 0.84, 0.02), (r.TestAccuracy, r.TestAccuracyBestValidation, r.SecondsPerEpoch));
        Assert.True(double.IsNaN(r.ValidationAccuracy));
        Assert.Equal((0.8, 3, 0.02), (r.TrainAccuracy, r.Bumps, r.SteadySecondsPerEpoch));

        var bare = RunRecordReader.Read("d", Summary, "d/summary.json", null, "d/metrics.csv").ThrowIfFail();
        Assert.Equal(-1, bare.Bumps);
        Assert.True(double.IsNaN(bare.TrainAccuracy));
        Assert.True(double.IsNaN(bare.SoftwareTestAccuracy) && double.IsNaN(bare.ChipSeconds)); // a software run

        string chipSummary = Summary.Replace("\"kernel\": \"runtime\"", "\"substrate\": \"bss2\", \"test_accuracy_software\": 0.8, \"chip_seconds\": 3.25", StringComparison.Ordinal);
        var chip = RunRecordReader.Read("d", chipSummary, "d/summary.json", null, "d/metrics.csv").ThrowIfFail();
        Assert.Equal((0.8, 3.25), (chip.SoftwareTestAccuracy, chip.ChipSeconds));
    }

    [Theory]
    [InlineData("\"seed\": 4", "\"seed\": -4", "seed: expected a whole number >= 0")]
    [InlineData("\"name\": \"yinyang-h30-ws\",", "", "name: missing")]
    [InlineData("\"test_accuracy\": 0.832", "\"test_accuracy\": \"high\"", "test_accuracy: expected a number")]
    [InlineData("\"test_accuracy\": 0.832", "\"test_accuracy\": 83.2", "test_accuracy: expected a fraction in [0, 1], got 83.2")]
    [InlineData("\"epochs\": 3,", "\"epochs\": 3", "malformed JSON")]
    [InlineData("\"seconds_per_epoch\": 0.02", "\"seconds_per_epoch\": -0.02", "seconds_per_epoch: expected seconds >= 0, got -0.02")]
    [InlineData("\"kernel\": \"runtime\"", "\"test_accuracy_software\": 1.5", "test_accuracy_software: expected a fraction in [0, 1], got 1.5")]
    [InlineData("\"kernel\": \"runtime\"", "\"chip_seconds\": \"fast\"", "chip_seconds: expected a number")]
    public void ABadSummaryIsNamedByFileAndField(string from, string to, string expected)
    {
        var result = RunRecordReader.Read("d", Summary.Replace(from, to, StringComparison.Ordinal), "d/summary.json", null, "m");
        string message = result.Match(_ => "", e => e.Message);
        Assert.Matches(@"^d/summary\.json:\d+:\d+: ", message);
        Assert.Contains(expected, message);
        Assert.Matches(@" \[DG000\d\]$", message);
    }

    [Theory]
    [InlineData("wall_seconds", "wall", "d/metrics.csv:1:1: header: expected 'epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,learning_rate_factor,learning_rate_weights,bumps,wall_seconds' [DG0009]")]
    [InlineData("2,0.1,0.7,", "2,0.1,x,", "d/metrics.csv:3:7: train_accuracy: 'x' is not a number [DG0009]")]
    [InlineData("2,0.1,0.7,", "2,0.1,1.7,", "d/metrics.csv:3:7: train_accuracy: must be an accuracy in [0, 1], got 1.7 [DG0009]")]
    [InlineData("1,0.01,1,0.02", "1,0.01,1", "d/metrics.csv:4:1: row: expected 9 fields, got 8 [DG0009]")]
    [InlineData("2,0.1,0.7,", "1,0.1,0.7,", "d/metrics.csv:3:1: epoch: expected 2 (rows are epochs 1, 2, ...), got 1 [DG0009]")]
    [InlineData("3,0.1,0.8,0.1,0.8,1,0.01,1,0.02\n", "", "d/metrics.csv:4:1: epoch: the run finished at epoch 3, but only 2 whole rows follow the header (truncated?) [DG0009]")]
    [InlineData("3,0.1,0.8,0.1,0.8,1,0.01,1,0.02\n", "3,0.1,0.8,0.1,0.8,1,0.01,1,0.02\n4,0.1,0.8,0.1,0.8,1,0.01,1,0.02\n", "d/metrics.csv:5:1: epoch: the run finished at epoch 3, but more rows follow (the file does not belong to this run) [DG0009]")]
    public void BadMetricsAreNamedByFileAndLine(string from, string to, string expected)
    {
        string metrics = Metrics.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Metrics, metrics);
        var result = RunRecordReader.Read("d", Summary, "d/summary.json", metrics, "d/metrics.csv");
        Assert.Equal(expected, result.Match(_ => "(succeeded)", e => e.Message));
    }

    private static TestRuntime WithRuns(params (string Dir, string Summary)[] runs)
    {
        var rt = TestRuntime.New();
        foreach (var (dir, summary) in runs)
        {
            rt.Env.Files.CreateDirectory(Path.GetDirectoryName(dir)!);
            rt.Env.Files.CreateDirectory(dir);
            rt.Env.Files.WriteAtomic(Path.Combine(dir, RunFiles.Summary), System.Text.Encoding.UTF8.GetBytes(summary));
        }

        return rt;
    }

    [Fact]
    public void RunsAreFoundAsDirectoriesOrDirectoriesOfRunsEachOnce()
    {
        var rt = WithRuns(("out/b-seed1", Summary.Replace("\"seed\": 4", "\"seed\": 1", StringComparison.Ordinal)), ("out/a-seed0", Summary.Replace("\"seed\": 4", "\"seed\": 0", StringComparison.Ordinal)));
        rt.Env.Files.CreateDirectory("out/not-a-run");
        var runs = RunCollection<TestRuntime>.Load(Seq("out", "out/a-seed0", "out/a-seed0/")).Run(rt).ThrowIfFail();
        Assert.Equal(new[] { "out/a-seed0", "out/b-seed1" }, runs.Map(r => r.Directory).ToArray());
        Assert.Equal(new[] { 0, 1 }, runs.Map(r => r.Seed).ToArray());
    }

    [Fact]
    public void APathWithoutRunsOrABrokenSummaryFailsWithOneLine()
    {
        var rt = WithRuns(("out/a-seed0", "{ \"name\": 3 }"));
        rt.Env.Files.CreateDirectory("empty");
        Assert.Equal("missing: no such directory", Message(RunCollection<TestRuntime>.Load(Seq1("missing")).Run(rt)));
        Assert.Equal("empty: no finished runs (no summary.json in it or in its subdirectories)", Message(RunCollection<TestRuntime>.Load(Seq1("empty")).Run(rt)));
        Assert.Equal("out/a-seed0/summary.json:1:11: name: expected a string [DG0009]", Message(RunCollection<TestRuntime>.Load(Seq1("out")).Run(rt)));
        Assert.Equal("out/a-seed0/summary.json: not a directory (give a run directory or a directory of runs)", Message(RunCollection<TestRuntime>.Load(Seq1("out/a-seed0/summary.json")).Run(rt)));
    }

    private static string Message<A>(Fin<A> result) => result.Match(_ => "(succeeded)", e => e.Message);
}
