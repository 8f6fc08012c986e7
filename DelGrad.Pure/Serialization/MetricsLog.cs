using System.Globalization;
using System.Text;
using DelGrad.Specs.Format;
using DelGrad.Training;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace DelGrad.Serialization;

/// <summary>
/// metrics.csv, the one reader and writer of it: one row per epoch, appended as the run goes (never rewritten per
/// epoch), every number written shortest round-trip, so the rows read back bit for bit and restore a format-2
/// checkpoint's metrics on resume. The rules a row must meet (<see cref="RowProblems"/>) are also the rules for the
/// rows a format-1 checkpoint carried inline (<see cref="CheckpointValidation"/>).
/// </summary>
public static class MetricsLog
{
    /// <summary>The header line.</summary>
    public const string Header = "epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,learning_rate_factor,learning_rate_weights,bumps,wall_seconds\n";

    /// <summary>Column of the bumps (the only whole number after the epoch).</summary>
    internal const int BumpsColumn = 7;

    /// <summary>Column of the wall seconds (kept beside the metrics, not in <see cref="EpochMetrics"/>).</summary>
    internal const int WallColumn = 8;

    /// <summary>The column names, in order.</summary>
    internal static readonly string[] Columns = Header.TrimEnd('\n').Split(',');

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
    /// The rows of epochs 1..<paramref name="epochs"/> of <paramref name="text"/>, each whole (ending in a newline)
    /// and meeting <see cref="RowProblems"/>; any problem is one line <c>file:line:col: column: problem [DG0009]</c>.
    /// A <paramref name="finished"/> run's file holds exactly these rows. Beside a checkpoint, what follows them is
    /// ignored (the run was stopped between appending a row and replacing the checkpoint): whole lines must still be
    /// the rows of epochs <paramref name="epochs"/> + 1, ... in order; a torn last line (no newline) is dropped.
    /// </summary>
    public static Fin<(Seq<EpochMetrics> Metrics, Seq<double> WallSeconds)> Read(string text, string file, int epochs, bool finished = false)
    {
        var lines = text.Split('\n');
        if (lines[0] + "\n" != Header)
        {
            return Fail<(Seq<EpochMetrics>, Seq<double>)>(file, 1, 1, "header", $"expected '{Header.TrimEnd()}'");
        }

        var metrics = new List<EpochMetrics>(epochs);
        var wall = new List<double>(epochs);

        // Line k + 1 holds epoch k; it is whole when a newline follows it (another element after it in the split).
        for (int k = 1; k <= epochs; k++)
        {
            if (k + 1 >= lines.Length)
            {
                return Fail<(Seq<EpochMetrics>, Seq<double>)>(file, k + 1, 1, "epoch", $"{(finished ? "the run finished" : "the checkpoint is")} at epoch {epochs}, but only {k - 1} whole rows follow the header (truncated?)");
            }

            var row = ParseRow(lines[k], file, k + 1, k);
            if (row.IsFail)
            {
                return row.Map(_ => default((Seq<EpochMetrics>, Seq<double>)));
            }

            var (m, w) = row.ThrowIfFail();
            metrics.Add(m);
            wall.Add(w);
        }

        // What may follow the rows: nothing (the last split element is empty) in a finished run's file; before that,
        // the rows of later epochs appended before their checkpoint (whole lines, still rows in order) and a torn
        // last line (no newline).
        int whole = lines.Length - 1;
        if (finished && (epochs + 1 < whole || lines[^1].Length > 0))
        {
            return Fail<(Seq<EpochMetrics>, Seq<double>)>(file, epochs + 2, 1, "epoch", $"the run finished at epoch {epochs}, but more rows follow (the file does not belong to this run)");
        }

        for (int k = epochs + 1; k < whole; k++)
        {
            var later = ParseRow(lines[k], file, k + 1, k);
            if (later.IsFail)
            {
                return later.Map(_ => default((Seq<EpochMetrics>, Seq<double>)));
            }
        }

        return (toSeq(metrics), toSeq(wall));
    }

    /// <summary>
    /// What is wrong with the row of epoch <paramref name="epoch"/> (holding <paramref name="m"/> and its
    /// <paramref name="wallSeconds"/>): (column in <see cref="Columns"/>, problem). A checkpoint whose rows break these
    /// rules would resume into duplicate rows or report nonsense.
    /// </summary>
    internal static IEnumerable<(int Column, string Problem)> RowProblems(EpochMetrics m, double wallSeconds, int epoch)
    {
        if (m.Epoch != epoch)
        {
            yield return (0, $"expected {epoch} (rows are epochs 1, 2, ...), got {m.Epoch}");
        }

        if (double.IsNaN(m.TrainLoss))
        {
            yield return (1, "must be a number, got NaN");
        }

        if (!(m.TrainAccuracy >= 0 && m.TrainAccuracy <= 1))
        {
            yield return (2, $"must be an accuracy in [0, 1], got {NeuronRules.Show(m.TrainAccuracy)}");
        }

        if (double.IsNaN(m.ValidationLoss))
        {
            yield return (3, "must be a number, got NaN");
        }

        if (!(m.ValidationAccuracy >= 0 && m.ValidationAccuracy <= 1))
        {
            yield return (4, $"must be an accuracy in [0, 1], got {NeuronRules.Show(m.ValidationAccuracy)}");
        }

        if (!(m.LearningRateFactor >= 0) || !double.IsFinite(m.LearningRateFactor))
        {
            yield return (5, $"must be finite and >= 0, got {NeuronRules.Show(m.LearningRateFactor)}");
        }

        if (m.Bumps < 0)
        {
            yield return (BumpsColumn, $"must be >= 0, got {m.Bumps}");
        }

        if (!(wallSeconds >= 0) || !double.IsFinite(wallSeconds))
        {
            yield return (WallColumn, $"must be finite seconds >= 0, got {NeuronRules.Show(wallSeconds)}");
        }
    }

    private static Fin<(EpochMetrics Metrics, double Wall)> ParseRow(string line, string file, int lineNumber, int epoch)
    {
        var f = line.Split(',');
        int At(int column) => 1 + f.Take(column).Sum(x => x.Length + 1);
        Fin<(EpochMetrics, double)> Bad(int column, string problem) => Fail<(EpochMetrics, double)>(file, lineNumber, At(column), Columns[column], problem);
        if (f.Length != Columns.Length)
        {
            return Fail<(EpochMetrics, double)>(file, lineNumber, 1, "row", $"expected {Columns.Length} fields, got {f.Length}");
        }

        if (!int.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out int e))
        {
            return Bad(0, $"expected {epoch} (rows are epochs 1, 2, ...), got '{f[0]}'");
        }

        var v = new double[Columns.Length];
        for (int c = 1; c < Columns.Length; c++)
        {
            if (!double.TryParse(f[c], NumberStyles.Float, CultureInfo.InvariantCulture, out v[c]))
            {
                return Bad(c, $"'{f[c]}' is not a number");
            }
        }

        if (v[BumpsColumn] != Math.Floor(v[BumpsColumn]) || v[BumpsColumn] < 0 || v[BumpsColumn] > int.MaxValue)
        {
            return Bad(BumpsColumn, $"expected a whole number >= 0, got '{f[BumpsColumn]}'");
        }

        var m = new EpochMetrics(e, v[1], v[2], v[3], v[4], v[5], (int)v[BumpsColumn]);
        var problems = RowProblems(m, v[WallColumn], epoch).Take(1).ToList();
        return problems.Count > 0 ? Bad(problems[0].Column, problems[0].Problem) : (m, v[WallColumn]);
    }

    private static Fin<A> Fail<A>(string file, int line, int column, string key, string problem) =>
        FinFail<A>(Error.New($"{file}:{line}:{column}: {key}: {problem} [{SpecCodes.BadValue}]"));
}
