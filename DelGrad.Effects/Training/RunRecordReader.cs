using System.Globalization;
using DelGrad.Reporting;
using DelGrad.Serialization;
using DelGrad.Specs.Format;
using DelGrad.Training;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace DelGrad.Effects.Training;

/// <summary>
/// Reads what a report needs from a run directory's summary.json (written by <see cref="SummaryFormat"/>)
/// and, when present, its metrics.csv. Pure text in, one-line errors naming the file and field out.
/// </summary>
public static class RunRecordReader
{
    /// <summary>Parses <paramref name="summaryText"/> (and <paramref name="metricsText"/>, which may be null) into a <see cref="RunRecord"/>.</summary>
    public static Fin<RunRecord> Read(string directory, string summaryText, string summaryFile, string? metricsText, string metricsFile)
    {
        try
        {
            var root = JsonParser.TryParse(summaryText, out var syntax);
            if (root == null)
            {
                return FinFail<RunRecord>(Error.New($"{summaryFile}:{syntax!.Line}:{syntax.Column}: malformed JSON: {syntax.Message} [DG0004]"));
            }

            if (root.Kind != JsonKind.Object)
            {
                return FinFail<RunRecord>(Error.New($"{summaryFile}:{root.Line}:{root.Column}: summary: expected a JSON object [DG0009]"));
            }

            string name = Text(root, "name", summaryFile);
            int epochs = Int(root, "epochs", summaryFile);
            var metrics = metricsText is null ? (Train: double.NaN, Bumps: -1, Steady: double.NaN) : ReadMetrics(metricsText, metricsFile, epochs);
            return new RunRecord(
                directory,
                name,
                Int(root, "seed", summaryFile),
                epochs,
                Int(root, "parameter_count", summaryFile),
                Fraction(root, "test_accuracy", summaryFile, required: true),
                Fraction(root, "validation_accuracy", summaryFile, required: false),
                Fraction(root, "test_accuracy_best_validation", summaryFile, required: false),
                metrics.Train,
                metrics.Bumps,
                Seconds(root, "seconds_per_epoch", summaryFile, required: true),
                metrics.Steady,
                Fraction(root, "test_accuracy_software", summaryFile, required: false),
                Seconds(root, "chip_seconds", summaryFile, required: false));
        }
        catch (FormatException e)
        {
            return FinFail<RunRecord>(Error.New(e.Message));
        }
    }

    // One row per epoch, numbered 1..epochs (read as resume reads them): a truncated or edited file is refused rather than summarised from the wrong epochs.
    private static (double Train, int Bumps, double Steady) ReadMetrics(string text, string file, int epochs)
    {
        var (metrics, walls) = MetricsLog.Read(text, file, epochs, finished: true).Match(rows => rows, e => throw new FormatException(e.Message));
        return (metrics.IsEmpty ? double.NaN : metrics.Last.TrainAccuracy, metrics.Sum(m => m.Bumps), walls.IsEmpty ? double.NaN : RunTable.SteadySecondsPerEpoch(walls.ToList()));
    }

    private static JsonNode? Field(JsonNode root, string name) =>
        root[name] is { Kind: not JsonKind.Null } v ? v : null;

    // file:line:col: key: problem [DG0009], at the value (or at the object when the key is missing).
    private static FormatException Problem(JsonNode root, string name, string file, string problem)
    {
        var at = root[name] ?? root;
        return new FormatException($"{file}:{at.Line}:{at.Column}: {name}: {problem} [DG0009]");
    }

    private static string Text(JsonNode root, string name, string file) =>
        Field(root, name) is { Kind: JsonKind.String } v
            ? v.Text
            : throw Problem(root, name, file, Field(root, name) is null ? "missing" : "expected a string");

    private static int Int(JsonNode root, string name, string file) =>
        Field(root, name) is { Kind: JsonKind.Number } v && v.Number >= 0 && v.Number <= int.MaxValue && v.Number == Math.Floor(v.Number)
            ? (int)v.Number
            : throw Problem(root, name, file, Field(root, name) is null ? "missing" : "expected a whole number >= 0");

    private static double Number(JsonNode root, string name, string file, bool required) => Field(root, name) switch
    {
        { Kind: JsonKind.Number } v => v.Number,
        null when !required => double.NaN,
        null => throw Problem(root, name, file, "missing"),
        _ => throw Problem(root, name, file, "expected a number"),
    };

    private static double Seconds(JsonNode root, string name, string file, bool required)
    {
        double v = Number(root, name, file, required);
        return double.IsNaN(v) || (v >= 0 && double.IsFinite(v)) ? v : throw Problem(root, name, file, $"expected seconds >= 0, got {v.ToString("R", CultureInfo.InvariantCulture)}");
    }

    private static double Fraction(JsonNode root, string name, string file, bool required)
    {
        double v = Number(root, name, file, required);
        return double.IsNaN(v) || v is >= 0 and <= 1 ? v : throw Problem(root, name, file, $"expected a fraction in [0, 1], got {v.ToString("R", CultureInfo.InvariantCulture)}");
    }
}
