using System.Globalization;
using System.Text.Json;
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
            using var doc = JsonDocument.Parse(summaryText);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return FinFail<RunRecord>(Error.New($"{summaryFile}: expected a JSON object"));
            }

            var metrics = metricsText is null ? (Train: double.NaN, Bumps: -1, Steady: double.NaN) : ReadMetrics(metricsText, metricsFile);
            return new RunRecord(
                directory,
                Text(root, "name", summaryFile),
                Int(root, "seed", summaryFile),
                Int(root, "epochs", summaryFile),
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
        catch (JsonException e)
        {
            return FinFail<RunRecord>(Error.New($"{summaryFile}:{(e.LineNumber ?? 0) + 1}: not valid JSON ({e.Message.Split('.')[0]})"));
        }
        catch (FormatException e)
        {
            return FinFail<RunRecord>(Error.New(e.Message));
        }
    }

    private static (double Train, int Bumps, double Steady) ReadMetrics(string text, string file)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0)
        {
            throw new FormatException($"{file}: empty");
        }

        var header = lines[0].Split(',');
        int train = Column(header, "train_accuracy", file), bumps = Column(header, "bumps", file), wall = Column(header, "wall_seconds", file);
        double lastTrain = double.NaN;
        int totalBumps = 0;
        var walls = new List<double>();
        for (int i = 1; i < lines.Length; i++)
        {
            var f = lines[i].Split(',');
            if (f.Length != header.Length)
            {
                throw new FormatException($"{file}:{i + 1}: expected {header.Length} fields, got {f.Length}");
            }

            lastTrain = Parse(f[train], file, i, "train_accuracy");
            totalBumps += (int)Parse(f[bumps], file, i, "bumps");
            walls.Add(Parse(f[wall], file, i, "wall_seconds"));
        }

        return (lastTrain, totalBumps, walls.Count == 0 ? double.NaN : RunTable.SteadySecondsPerEpoch(walls));
    }

    private static int Column(string[] header, string name, string file)
    {
        int index = System.Array.IndexOf(header, name);
        return index >= 0 ? index : throw new FormatException($"{file}:1: no column '{name}'");
    }

    private static double Parse(string field, string file, int line, string column) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v
            : throw new FormatException($"{file}:{line + 1}: {column}: '{field}' is not a number");

    private static JsonElement? Field(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    private static string Text(JsonElement root, string name, string file) =>
        Field(root, name) is { ValueKind: JsonValueKind.String } v
            ? v.GetString()!
            : throw new FormatException($"{file}: {name}: {(Field(root, name) is null ? "missing" : "expected a string")}");

    private static int Int(JsonElement root, string name, string file) =>
        Field(root, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out int i) && i >= 0
            ? i
            : throw new FormatException($"{file}: {name}: {(Field(root, name) is null ? "missing" : "expected a whole number >= 0")}");

    private static double Number(JsonElement root, string name, string file, bool required) => Field(root, name) switch
    {
        { ValueKind: JsonValueKind.Number } v => v.GetDouble(),
        null when !required => double.NaN,
        null => throw new FormatException($"{file}: {name}: missing"),
        _ => throw new FormatException($"{file}: {name}: expected a number"),
    };

    private static double Seconds(JsonElement root, string name, string file, bool required)
    {
        double v = Number(root, name, file, required);
        return double.IsNaN(v) || v >= 0 ? v : throw new FormatException($"{file}: {name}: expected seconds >= 0, got {v.ToString("R", CultureInfo.InvariantCulture)}");
    }

    private static double Fraction(JsonElement root, string name, string file, bool required)
    {
        double v = Number(root, name, file, required);
        return double.IsNaN(v) || v is >= 0 and <= 1 ? v : throw new FormatException($"{file}: {name}: expected a fraction in [0, 1], got {v.ToString("R", CultureInfo.InvariantCulture)}");
    }
}
