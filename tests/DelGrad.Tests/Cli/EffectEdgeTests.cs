using System.Text.Json;
using System.Text.RegularExpressions;
using DelGrad.Effects.Training;
using DelGrad.Tests.Data;

namespace DelGrad.Tests.Cli;

/// <summary>The commands meet the outside world only through the runtime: its clock, its files, one JSON writer.</summary>
public partial class EffectEdgeTests
{
    private static readonly RunSummary Software = new("run", "a \"quoted\" \\ name", 3, 300, 420, 0.978, 0.0021, double.NaN, 0.007, 2.1, 2, "YinyangH30WsNetwork", new ModelSelection("final", 0.978, 120, 0.981, 0.975));

    [Fact]
    public void ASoftwareSummaryIsJsonThatReadsBackToItsFields()
    {
        string text = SummaryFormat.Write(Software);
        using var doc = JsonDocument.Parse(text);
        Assert.Equal(Software.Name, doc.RootElement.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("validation_accuracy").ValueKind);
        Assert.Equal("YinyangH30WsNetwork", doc.RootElement.GetProperty("kernel").GetString());
        Assert.False(doc.RootElement.TryGetProperty("chip_seed", out _));

        var record = RunRecordReader.Read("run", text, "run/summary.json", null, "run/metrics.csv").ThrowIfFail();
        Assert.Equal((Software.Name, Software.Seed, Software.TestAccuracy, 0.975, Software.SecondsPerEpoch), (record.Name, record.Seed, record.TestAccuracy, record.TestAccuracyBestValidation, record.SecondsPerEpoch));
    }

    [Fact]
    public void AChipSummaryIsTheSoftwareFieldsAndTheChipsInOneObject()
    {
        var run = Software with { Selection = null, Kernel = "runtime" };
        var chip = new ChipRunSummary(run, 7, 0.95, 12.5, 1e5, double.PositiveInfinity);
        string text = SummaryFormat.Write(run, chip);
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        Assert.Equal((7L, 0.95, 12.5, 2.1), (root.GetProperty("chip_seed").GetInt64(), root.GetProperty("test_accuracy_software").GetDouble(), root.GetProperty("chip_seconds").GetDouble(), root.GetProperty("host_seconds").GetDouble()));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("host_samples_per_second").ValueKind);
        Assert.Equal(run.TestAccuracy, root.GetProperty("test_accuracy").GetDouble());

        var record = RunRecordReader.Read("run", text, "run/summary.json", null, "run/metrics.csv").ThrowIfFail();
        Assert.Equal((0.95, 12.5), (record.SoftwareTestAccuracy, record.ChipSeconds));
    }

    [Fact]
    public void EveryRuntimeCapsWhatItReads()
    {
        var rt = DelGrad.Effects.Runtimes.TestRuntime.New();
        rt.Env.Files.WriteAtomic("big.json", new byte[DelGrad.Effects.Traits.FilesIO.MaxReadBytes + 1]);
        rt.Env.Files.WriteAtomic("fits.json", "{}"u8.ToArray());
        var big = DelGrad.Effects.Traits.Files<DelGrad.Effects.Runtimes.TestRuntime>.ReadAllText("big.json").Run(rt);
        Assert.Equal("big.json: cannot read: larger than 64 MB; not a delgrad file", big.Match(_ => "(read)", e => e.Message));
        Assert.Equal("{}", DelGrad.Effects.Traits.Files<DelGrad.Effects.Runtimes.TestRuntime>.ReadAllText("fits.json").Run(rt).ThrowIfFail());
    }

    [Fact]
    public void RunAndSweepFoldersAreNamedFromTheGivenTimeInsideRuns()
    {
        var at = new DateTime(2026, 12, 6, 13, 15, 0);
        Assert.Equal(Path.Combine("runs", "h30-seed3-20261206-131500"), DelGrad.Training.RunPaths.DefaultRunDirectory("h30", 3, at));
        Assert.Equal(Path.Combine("runs", "a+b-seeds0-4-20261206-131500"), DelGrad.Training.RunPaths.DefaultSeedsDirectory("a+b", "0-4", at));
        Assert.Equal(Path.Combine("runs", "sweep-a+b-delay_jitter_ns-20261206-131500"), DelGrad.Training.RunPaths.DefaultSweepDirectory("a+b", "delay_jitter_ns", at));
        Assert.Throws<ArgumentException>(() => DelGrad.Training.RunPaths.DefaultSweepDirectory("a", "x/../..", at));
    }

    [Fact]
    public void NoCommandReadsTheClockOrAFileBehindTheRuntimesBack()
    {
        string root = ReferenceFiles.RepositoryRoot();
        var offending = Directory.GetFiles(Path.Combine(root, "DelGrad.Cli"), "*.cs")
            .Concat(Directory.GetFiles(Path.Combine(root, "DelGrad.Effects"), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !Edges.Contains(Path.GetFileName(f)))
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, Text: line)))
            .Where(l => Ambient().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.Empty(offending);
    }

    // The edges themselves: the live runtime, and the MNIST cache (downloads and verified IDX files of up to 47 MB,
    // read as bytes outside the text-file trait).
    private static readonly string[] Edges = ["LiveRuntime.cs", "MnistStore.cs"];

    // The wall clock and whole-file reads of System.IO, which only the live runtime may call.
    [GeneratedRegex(@"\bDateTime(Offset)?\.(Now|UtcNow|Today)\b|\bFile\.(ReadAll\w*|ReadLines|OpenRead|OpenText)\(")]
    private static partial Regex Ambient();
}
