using System.Globalization;
using System.Text;
using DelGrad.Cluster;

namespace DelGrad.Reporting;

/// <summary>Runs of one experiment (same name, epochs and parameter count) and their statistics.</summary>
/// <param name="Name">Experiment name.</param>
/// <param name="Epochs">Epochs every run trained.</param>
/// <param name="ParameterCount">Trainable parameters.</param>
/// <param name="Seeds">The runs' seeds, ascending.</param>
/// <param name="TestAccuracy">Test accuracy of the reported networks.</param>
/// <param name="BestValidationTestAccuracy">Test accuracy of the best-validation networks (Count 0 when no run says).</param>
/// <param name="TrainAccuracy">Last-epoch training accuracy.</param>
/// <param name="SecondsPerEpoch">Median host seconds per epoch (after warm-up when the runs have metrics).</param>
/// <param name="SoftwareTestAccuracy">Chip-in-the-loop runs: the same parameters on the ideal software model (Count 0 for software runs).</param>
/// <param name="ChipSecondsPerEpoch">Chip-in-the-loop runs: median time per epoch on the emulated chip itself (NaN for software runs).</param>
public sealed record RunGroup(string Name, int Epochs, int ParameterCount, IReadOnlyList<int> Seeds, Spread TestAccuracy, Spread BestValidationTestAccuracy, Spread TrainAccuracy, double SecondsPerEpoch, Spread SoftwareTestAccuracy, double ChipSecondsPerEpoch)
{
    /// <summary>Whether any run of the group trained chip-in-the-loop.</summary>
    public bool OnChip => SoftwareTestAccuracy.Count > 0 || double.IsFinite(ChipSecondsPerEpoch);
}

/// <summary>
/// The accuracy and speed table of a set of finished runs (for example one config over seeds 0-4):
/// grouping, statistics, and the Markdown and CSV renderings the README and the scripts use.
/// </summary>
public static class RunTable
{
    /// <summary>Epochs left out of the steady-state seconds per epoch (JIT and cache warm-up).</summary>
    public const int WarmupEpochs = 5;

    /// <summary>The CSV header of <see cref="Csv"/>.</summary>
    public const string CsvHeader = "config,seed,epochs,parameters,test_accuracy,validation_accuracy,train_accuracy,bumps_total,seconds_per_epoch,test_accuracy_best_validation,test_accuracy_software,chip_seconds";

    /// <summary>Groups runs by (name, epochs, parameter count), in the order each group first appears.</summary>
    public static IReadOnlyList<RunGroup> Group(IEnumerable<RunRecord> runs) =>
        ByExperiment(runs)
            .Select(g => new RunGroup(
                g.Key.Name,
                g.Key.Epochs,
                g.Key.ParameterCount,
                g.Select(r => r.Seed).Order().ToArray(),
                Spread.Of(g.Select(r => r.TestAccuracy)),
                Spread.Of(g.Select(r => r.TestAccuracyBestValidation)),
                Spread.Of(g.Select(r => r.TrainAccuracy)),
                SecondsPerEpoch(g),
                Spread.Of(g.Select(r => r.SoftwareTestAccuracy)),
                Spread.Of(g.Select(r => r.Epochs > 0 ? r.ChipSeconds / r.Epochs : double.NaN)).Median))
            .ToArray();

    /// <summary>Median seconds per epoch of <paramref name="wallSeconds"/> after <see cref="WarmupEpochs"/> epochs (all of them for short runs).</summary>
    public static double SteadySecondsPerEpoch(IReadOnlyList<double> wallSeconds) =>
        Spread.Of(wallSeconds.Count > WarmupEpochs ? wallSeconds.Skip(WarmupEpochs) : wallSeconds).Median;

    /// <summary>
    /// A Markdown table: one row per group, accuracies in %. When a group trained chip-in-the-loop, two more
    /// columns give the same parameters' accuracy on the ideal software model and the emulated chip's own
    /// time per epoch (test accuracy is then the chip's).
    /// </summary>
    public static string Markdown(IReadOnlyList<RunGroup> groups)
    {
        bool chip = groups.Any(g => g.OnChip);
        var sb = new StringBuilder();
        sb.Append("| config | epochs | runs (seeds) | median test acc | mean +- sd | min | max | best-validation median | train acc median | parameters | s/epoch |");
        sb.Append(chip ? " same parameters in software | chip s/epoch |\n" : "\n");
        sb.Append("|---|---|---|---|---|---|---|---|---|---|---|").Append(chip ? "---|---|\n" : "\n");
        foreach (var g in groups)
        {
            var t = g.TestAccuracy;
            sb.Append(Invariant($"| {g.Name} | {g.Epochs} | {g.Seeds.Count} ({SeedList.Format(g.Seeds)}) | {Percent(t.Median)} | {t.Mean * 100:F1} +- {t.StandardDeviation * 100:F1} | {Percent(t.Min)} | {Percent(t.Max)} | {Percent(g.BestValidationTestAccuracy.Median)} | {Percent(g.TrainAccuracy.Median)} | {g.ParameterCount} | {Seconds(g.SecondsPerEpoch, "F4")} |"));
            sb.Append(chip ? Invariant($" {Percent(g.SoftwareTestAccuracy.Median)} | {Seconds(g.ChipSecondsPerEpoch, "F2")} |\n") : "\n");
        }

        return sb.ToString();
    }

    /// <summary>One CSV row per run (fractions, not %; empty where a run does not say), grouped as <see cref="Group"/> orders them, by seed within a group.</summary>
    public static string Csv(IEnumerable<RunRecord> runs)
    {
        var sb = new StringBuilder(CsvHeader).Append('\n');
        foreach (var g in ByExperiment(runs))
        {
            foreach (var r in g.OrderBy(r => r.Seed))
            {
                sb.Append(Invariant($"{r.Name},{r.Seed},{r.Epochs},{r.ParameterCount},{Number(r.TestAccuracy)},{Number(r.ValidationAccuracy)},{Number(r.TrainAccuracy)},{(r.Bumps >= 0 ? r.Bumps.ToString(CultureInfo.InvariantCulture) : "")},{Number(r.SecondsPerEpoch)},{Number(r.TestAccuracyBestValidation)},{Number(r.SoftwareTestAccuracy)},{Number(r.ChipSeconds)}\n"));
            }
        }

        return sb.ToString();
    }

    private static IEnumerable<IGrouping<(string Name, int Epochs, int ParameterCount), RunRecord>> ByExperiment(IEnumerable<RunRecord> runs) =>
        runs.GroupBy(r => (r.Name, r.Epochs, r.ParameterCount));

    private static double SecondsPerEpoch(IEnumerable<RunRecord> runs)
    {
        var steady = Spread.Of(runs.Select(r => r.SteadySecondsPerEpoch));
        return steady.Count > 0 ? steady.Median : Spread.Of(runs.Select(r => r.SecondsPerEpoch)).Median;
    }

    private static string Percent(double fraction) => double.IsFinite(fraction) ? Invariant($"{fraction * 100:F1} %") : "-";

    private static string Seconds(double v, string format) => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Number(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
