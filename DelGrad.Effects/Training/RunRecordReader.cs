using System.Globalization;
using DelGrad.Reporting;
using DelGrad.Specs.Format;
using DelGrad.Training;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace DelGrad.Effects.Training;

/// <summary>
/// Reads what a report needs from a run directory's summary.json (written by <see cref="TrainingRun{RT}.SummaryJson"/>)
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

    // One row per epoch, numbered 1..epochs: a truncated or edited file is refused rather than summarised from the wrong epochs.
    private static (double Train, int Bumps, double Steady) ReadMetrics(string text, string file, int epochs)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0)
        {
            throw new FormatException($"{file}:1:1: metrics: empty [DG0009]");
        }

        var header = lines[0].Split(',');
        int epoch = Column(header, "epoch", file), train = Column(header, "train_accuracy", file), bumps = Column(header, "bumps", file), wall = Column(header, "wall_seconds", file);
        double lastTrain = double.NaN;
        int totalBumps = 0;
        var walls = new List<double>();
        for (int i = 1; i < lines.Length; i++)
        {
            var f = lines[i].Split(',');
            if (f.Length != header.Length)
            {
                throw new FormatException($"{file}:{i + 1}:1: metrics: expected {header.Length} fields, got {f.Length} [DG0009]");
            }

            if (Parse(f, epoch, file, i, "epoch") != i)
            {
                throw new FormatException($"{file}:{i + 1}:{ColumnOf(f, epoch)}: epoch: expected {i} (one row per epoch from 1), got '{f[epoch]}' [DG0009]");
            }

            lastTrain = Parse(f, train, file, i, "train_accuracy");
            totalBumps += (int)Parse(f, bumps, file, i, "bumps");
            walls.Add(Parse(f, wall, file, i, "wall_seconds"));
        }

        if (lines.Length - 1 != epochs)
        {
            throw new FormatException($"{file}:{lines.Length}:1: metrics: has {lines.Length - 1} epoch rows but the summary says {epochs} epochs (truncated?) [DG0009]");
        }

        return (lastTrain, totalBumps, walls.Count == 0 ? double.NaN : RunTable.SteadySecondsPerEpoch(walls));
    }

    private static int Column(string[] header, string name, string file)
    {
        int index = System.Array.IndexOf(header, name);
        return index >= 0 ? index : throw new FormatException($"{file}:1:1: {name}: no such column [DG0009]");
    }

    private static double Parse(string[] fields, int index, string file, int line, string column) =>
        double.TryParse(fields[index], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw new FormatException($"{file}:{line + 1}:{ColumnOf(fields, index)}: {column}: '{fields[index]}' is not a finite number [DG0009]");

    // 1-based character column of field <paramref name="index"/> in a comma-separated line.
    private static int ColumnOf(string[] fields, int index) => 1 + fields.Take(index).Sum(f => f.Length + 1);

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
