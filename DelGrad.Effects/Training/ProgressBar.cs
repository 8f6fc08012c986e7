using System.Globalization;
using DelGrad.Training;
using LanguageExt;

namespace DelGrad.Effects.Training;

/// <summary>
/// The status line of a training run on a terminal: a bar over all epochs, the epoch and batch, the batch loss,
/// the last epoch's accuracies and the time left, e.g.
/// <c>[######--------------]  31% epoch 94/300 batch 12/50 loss 0.0123 | train 95.1% val 94.8% | ETA 2m05s</c>.
/// Pure: the same numbers give the same text.
/// </summary>
public static class ProgressBar
{
    /// <summary>Characters inside the brackets.</summary>
    public const int Width = 20;

    /// <summary>The status line for batch <paramref name="batch"/> of a run.</summary>
    /// <param name="batch">The batch just trained.</param>
    /// <param name="epochs">Epochs the run trains in total.</param>
    /// <param name="done">Epochs finished so far: their metrics (the last gives the accuracies) and host seconds.</param>
    /// <param name="wallSeconds">Host seconds of each finished epoch, for the time left (none yet: no ETA).</param>
    /// <returns>The line.</returns>
    public static string Line(BatchProgress batch, int epochs, Seq<EpochMetrics> done, Seq<double> wallSeconds)
    {
        double fraction = epochs <= 0 ? 1 : Math.Clamp((batch.Epoch - 1 + ((double)batch.Batch / Math.Max(batch.Batches, 1))) / epochs, 0, 1);
        int filled = (int)Math.Floor(fraction * Width);
        string text = string.Create(CultureInfo.InvariantCulture, $"[{new string('#', filled)}{new string('-', Width - filled)}] {fraction * 100,3:F0}% epoch {batch.Epoch}/{epochs} batch {batch.Batch}/{batch.Batches} loss {batch.Loss:F4}");
        if (!done.IsEmpty)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" | train {done.Last.TrainAccuracy * 100:F1}% val {done.Last.ValidationAccuracy * 100:F1}%");
        }

        if (!wallSeconds.IsEmpty)
        {
            // Mean seconds per finished epoch times the epochs still to go (this one's rest included).
            text += " | ETA " + Duration(wallSeconds.Average() * epochs * (1 - fraction));
        }

        return text;
    }

    /// <summary>Seconds as "42s", "3m07s" or "2h05m".</summary>
    /// <param name="seconds">Seconds (non-finite or negative: "?").</param>
    /// <returns>The text.</returns>
    public static string Duration(double seconds) =>
        !(seconds >= 0) || double.IsInfinity(seconds) ? "?" :
        seconds < 60 ? string.Create(CultureInfo.InvariantCulture, $"{seconds:F0}s") :
        seconds < 3600 ? string.Create(CultureInfo.InvariantCulture, $"{(int)(seconds / 60)}m{(int)(seconds % 60):D2}s") :
        string.Create(CultureInfo.InvariantCulture, $"{(int)(seconds / 3600)}h{(int)(seconds % 3600 / 60):D2}m");
}
