using System.Globalization;
using System.Text;
using DelGrad.Effects.Data;
using DelGrad.Effects.Traits;
using DelGrad.Plots;
using DelGrad.Reporting;
using DelGrad.Substrate;
using DelGrad.Training;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace DelGrad.Effects.Training;

/// <summary>One sweep point: a config at one value of the swept setting, for one seed.</summary>
/// <param name="Config">The config's name.</param>
/// <param name="Value">The setting's value.</param>
/// <param name="Seed">The training seed (the chip seed moves with it).</param>
/// <param name="Accuracy">Test accuracy on the emulated chip.</param>
public readonly record struct SweepPoint(string Config, double Value, int Seed, double Accuracy);

/// <summary>
/// Chip-in-the-loop training of several configs for each value of one substrate setting; writes
/// <c>sweep.csv</c> and <c>sweep.png</c>. Generic over the runtime like every experiment.
/// </summary>
/// <typeparam name="RT">The runtime.</typeparam>
public static class SweepRun<RT>
    where RT : struct, HasFiles<RT>, HasProgress<RT>, HasData<RT>
{
    /// <summary>
    /// Runs the sweep. <paramref name="configs"/> gives, per config, its substrate and each value of the
    /// swept setting with the substrate settings to use; run r of a point uses training seed S + r and
    /// chip seed C + r.
    /// </summary>
    /// <param name="configs">The configs with their swept substrate settings.</param>
    /// <param name="key">The swept setting's name.</param>
    /// <param name="seeds">Runs per point.</param>
    /// <param name="threads">Worker threads.</param>
    /// <param name="outDir">Where sweep.csv and sweep.png go.</param>
    public static Eff<RT, Seq<SweepPoint>> Run(IReadOnlyList<(ExperimentConfig Config, SubstrateOptions Substrate, IReadOnlyList<(double Value, Bss2Config Bss2)> Values)> configs, string key, int seeds, int threads, string outDir) =>
        from _0 in Files<RT>.CreateDirectory(outDir)
        from points in configs.ToSeq().Map(c => Config(c.Config, c.Substrate, c.Values, key, seeds, threads)).Sequence()
        let all = toSeq(points.SelectMany(p => p).ToArray())
        let values = configs.Count == 0 ? [] : configs[0].Values.Select(v => v.Value).ToArray()
        from _1 in Write(outDir, key, seeds, values, all)
        select all;

    /// <summary>Writes sweep.csv and sweep.png of <paramref name="points"/> into <paramref name="outDir"/> and logs their table.</summary>
    /// <param name="outDir">Where sweep.csv and sweep.png go.</param>
    /// <param name="key">The swept setting's name.</param>
    /// <param name="seeds">Runs per point.</param>
    /// <param name="values">The setting's values, in order.</param>
    /// <param name="points">The points.</param>
    public static Eff<RT, Unit> Write(string outDir, string key, int seeds, double[] values, Seq<SweepPoint> points) =>
        from _1 in Files<RT>.WriteText(Path.Combine(outDir, SweepReport.CsvFile), SweepReport.Csv(key, points))
        from _2 in Files<RT>.WriteBytes(Path.Combine(outDir, SweepReport.PngFile), SweepReport.Plot(key, values, points.ToArray(), seeds).ToPng())
        from _3 in ProgressLog<RT>.Line($"wrote {Path.Combine(outDir, SweepReport.CsvFile)} and {Path.Combine(outDir, SweepReport.PngFile)}")
        from _4 in ProgressLog<RT>.Line(SweepReport.Markdown(key, points.ToArray()).TrimEnd())
        select unit;

    private static Eff<RT, Seq<SweepPoint>> Config(ExperimentConfig config, SubstrateOptions substrate, IReadOnlyList<(double Value, Bss2Config Bss2)> values, string key, int seeds, int threads) =>
        from splits in DataSets<RT>.Load(config.Data)
        let jobs = toSeq(values.SelectMany(v => Enumerable.Range(0, seeds).Select(r => (v.Value, v.Bss2, Run: r))).ToArray())
        from points in jobs.Map(p => Point(config, substrate, p.Value, p.Bss2, p.Run, splits, key, threads)).Sequence()
        select points;

    private static Eff<RT, SweepPoint> Point(ExperimentConfig config, SubstrateOptions substrate, double value, Bss2Config bss2, int r, Splits splits, string key, int threads) =>
        from point in Eff<RT, SweepPoint>(_ =>
        {
            var run = config with { Training = config.Training with { Seed = config.Training.Seed + r } };
            var trainer = new Trainer(run with { Substrate = new SubstrateOptions(bss2, substrate.ChipSeed + r) }, threads);
            var state = trainer.Initial();
            for (int epoch = 0; epoch < run.Training.Epochs; epoch++)
            {
                state = trainer.Epoch(state, splits.Train, splits.Validation).State;
            }

            double accuracy = trainer.Evaluate(state.Parameters, splits.Test, withOutputs: false).Accuracy;
            return new SweepPoint(config.Name, value, run.Training.Seed, accuracy);
        })
        from _ in ProgressLog<RT>.Line(string.Create(CultureInfo.InvariantCulture, $"{point.Config}: {key} = {point.Value:R}, seed {point.Seed}: test accuracy on chip {point.Accuracy * 100:F2}% after {config.Training.Epochs} epochs"))
        select point;
}

/// <summary>The pure parts of a sweep's report: its CSV, its table and its plot.</summary>
public static class SweepReport
{
    /// <summary>The CSV header.</summary>
    public const string Header = "config,key,value,seed,test_accuracy";

    /// <summary>The sweep's CSV file name.</summary>
    public const string CsvFile = "sweep.csv";

    /// <summary>The sweep's plot file name.</summary>
    public const string PngFile = "sweep.png";

    /// <summary>The points of a sweep.csv <see cref="Csv"/> wrote (accuracies read back bit for bit).</summary>
    public static Fin<Seq<SweepPoint>> Read(string text, string fileName)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || lines[0] != Header)
        {
            return FinFail<Seq<SweepPoint>>(Error.New($"{fileName}:1:1: expected the header {Header}"));
        }

        var points = new List<SweepPoint>();
        for (int i = 1; i < lines.Length; i++)
        {
            var f = lines[i].Split(',');
            if (f.Length != 5 || !double.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                || !int.TryParse(f[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed)
                || !double.TryParse(f[4], NumberStyles.Float, CultureInfo.InvariantCulture, out double accuracy))
            {
                return FinFail<Seq<SweepPoint>>(Error.New(string.Create(CultureInfo.InvariantCulture, $"{fileName}:{i + 1}:1: not a sweep point: {lines[i]}")));
            }

            points.Add(new SweepPoint(f[0], value, seed, accuracy));
        }

        return FinSucc(toSeq(points));
    }

    /// <summary>sweep.csv text.</summary>
    public static string Csv(string key, IEnumerable<SweepPoint> points)
    {
        var csv = new StringBuilder(Header + "\n");
        foreach (var p in points)
        {
            csv.Append(string.Create(CultureInfo.InvariantCulture, $"{p.Config},{key},{p.Value:R},{p.Seed},{p.Accuracy:R}\n"));
        }

        return csv.ToString();
    }

    /// <summary>
    /// A Markdown table of the median test accuracy on the chip, in %: one row per value of the setting (in the
    /// order first seen), one column per config; "-" where a config has no run at that value.
    /// </summary>
    public static string Markdown(string key, IReadOnlyCollection<SweepPoint> points)
    {
        var configs = points.Select(p => p.Config).Distinct().ToArray();
        var sb = new StringBuilder($"| {key} |");
        foreach (var c in configs)
        {
            sb.Append($" {c} median test acc (chip) |");
        }

        sb.Append("\n|---|").Append(string.Concat(Enumerable.Repeat("---|", configs.Length))).Append('\n');
        foreach (double v in points.Select(p => p.Value).Distinct())
        {
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"| {v:R} |"));
            foreach (var c in configs)
            {
                double m = Median(points, c, v);
                sb.Append(double.IsNaN(m) ? " - |" : string.Create(CultureInfo.InvariantCulture, $" {m * 100:F1} % |"));
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Accuracy against the setting: one median line per config (single runs dashed when there is one config).</summary>
    public static LineChart Plot(string key, double[] values, IReadOnlyCollection<SweepPoint> points, int seeds)
    {
        var series = new List<LineSeries>();
        var configs = points.Select(r => r.Config).Distinct().ToArray();
        foreach (var config in configs)
        {
            var median = values.Select(v => Median(points, config, v)).ToArray();
            if (seeds > 1 && configs.Length == 1)
            {
                foreach (var seed in points.Select(r => r.Seed).Distinct())
                {
                    series.Add(new LineSeries($"seed {seed}", values, values.Select(v => points.First(r => r.Value == v && r.Seed == seed).Accuracy * 100).ToArray()) { Dashed = true });
                }
            }

            series.Add(new LineSeries(seeds > 1 ? $"{config}: median of {seeds}" : config, values, median.Select(m => m * 100).ToArray()) { Markers = true });
        }

        // Accuracy axis from <= 0.8 to 1: an automatic range would blow differences of a few samples up.
        double low = points.Count == 0 ? 0.8 : Math.Min(0.8, Math.Floor((points.Min(r => r.Accuracy) - 0.05) * 20) / 20);
        return new LineChart("test accuracy on the emulated chip", key, "test accuracy [%]", series) { YRange = new AxisRange(Math.Max(0, low) * 100, 100.5), Legend = ScottPlot.Alignment.LowerLeft };
    }

    private static double Median(IEnumerable<SweepPoint> points, string config, double value) =>
        Spread.Of(points.Where(p => p.Config == config && p.Value == value).Select(p => p.Accuracy)).Median;
}
