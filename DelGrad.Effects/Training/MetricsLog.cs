using System.Globalization;
using System.Text;
using DelGrad.Training;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace DelGrad.Effects.Training;

/// <summary>
/// metrics.csv: one row per epoch, appended as the run goes (never rewritten per epoch), every number written
/// shortest round-trip, so the rows read back bit for bit and restore a checkpoint's metrics on resume.
/// </summary>
public static class MetricsLog
{
    /// <summary>The header line.</summary>
    public const string Header = "epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,learning_rate_factor,learning_rate_weights,bumps,wall_seconds\n";

    private const int Fields = 9;

    /// <summary>One epoch's row (with its newline); <paramref name="baseRate"/> is the first weight layer's rate, for the learning_rate_weights column.</summary>
    public static string Row(EpochMetrics m, double wallSeconds, double baseRate) => string.Create(
        CultureInfo.InvariantCulture,
        $"{m.Epoch},{m.TrainLoss:R},{m.TrainAccuracy:R},{m.ValidationLoss:R},{m.ValidationAccuracy:R},{m.LearningRateFactor:R},{baseRate * m.LearningRateFactor:R},{m.Bumps},{wallSeconds:R}\n");

    /// <summary>The whole file for <paramref name="metrics"/> (and their <paramref name="wall"/> seconds).</summary>
    public static string Text(Seq<EpochMetrics> metrics, Seq<double> wall, double baseRate)
    {
        var sb = new StringBuilder(Header);
        int i = 0;
        foreach (var m in metrics)
        {
            sb.Append(Row(m, i < wall.Count ? wall[i] : 0, baseRate));
            i++;
        }

        return sb.ToString();
    }

    /// <summary>
    /// The first <paramref name="epochs"/> rows of <paramref name="text"/>: epochs 1, 2, ... in order, each a whole
    /// line. Whatever follows them is ignored: a row appended after the last checkpoint (the run was stopped between
    /// the two writes) or a torn last line. Fewer whole rows than <paramref name="epochs"/> is an error.
    /// </summary>
    public static Fin<(Seq<EpochMetrics> Metrics, Seq<double> WallSeconds)> Read(string text, string file, int epochs)
    {
        var lines = text.Split('\n');
        if (lines[0] + "\n" != Header)
        {
            return Fail(file, 1, "header", $"expected '{Header.TrimEnd()}'");
        }

        var metrics = new List<EpochMetrics>(epochs);
        var wall = new List<double>(epochs);

        // Line k + 1 holds epoch k; it is whole when a newline follows it (another element after it in the split).
        for (int k = 1; k <= epochs; k++)
        {
            if (k + 1 >= lines.Length)
            {
                return Fail(file, k + 1, "epoch", $"the checkpoint is at epoch {epochs}, but only {k - 1} whole rows follow the header");
            }

            var f = lines[k].Split(',');
            if (f.Length != Fields)
            {
                return Fail(file, k + 1, "row", $"expected {Fields} fields, got {f.Length}");
            }

            if (!int.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out int epoch) || epoch != k)
            {
                return Fail(file, k + 1, "epoch", $"expected {k}, got '{f[0]}'");
            }

            var v = new double[Fields];
            for (int c = 1; c < Fields; c++)
            {
                if (!double.TryParse(f[c], NumberStyles.Float, CultureInfo.InvariantCulture, out v[c]))
                {
                    return Fail(file, k + 1, Header.Split(',')[c].TrimEnd(), $"'{f[c]}' is not a number");
                }
            }

            if (v[7] != Math.Floor(v[7]) || v[7] < 0)
            {
                return Fail(file, k + 1, "bumps", $"expected a whole number >= 0, got '{f[7]}'");
            }

            metrics.Add(new EpochMetrics(epoch, v[1], v[2], v[3], v[4], v[5], (int)v[7]));
            wall.Add(v[8]);
        }

        return (toSeq(metrics), toSeq(wall));
    }

    private static Fin<(Seq<EpochMetrics>, Seq<double>)> Fail(string file, int line, string key, string problem) =>
        FinFail<(Seq<EpochMetrics>, Seq<double>)>(Error.New($"{file}:{line}:1: {key}: {problem} [DG0009]"));
}
