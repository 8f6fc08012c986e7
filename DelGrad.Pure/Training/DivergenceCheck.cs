using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace DelGrad.Training;

/// <summary>
/// Stops a run whose numbers left the finite range (a learning rate of 1e308, say): without it the run would go on
/// at 0 % and write NaN and Infinity into its checkpoint and model, which nothing can read back. Checked after
/// every epoch, before that epoch's checkpoint is written, so the last good checkpoint stays on disk.
/// </summary>
public static class DivergenceCheck
{
    /// <summary>Succeeds when the state after an epoch and its metrics are all finite; else one line naming the first non-finite value.</summary>
    public static Fin<Unit> Check(TrainingState state, EpochMetrics metrics)
    {
        string? what = FirstNonFinite("parameters", state.Parameters.Values)
            ?? FirstNonFinite("adam.m", state.Adam.M)
            ?? FirstNonFinite("adam.v", state.Adam.V)
            ?? FirstNonFinite("training loss", [metrics.TrainLoss])
            ?? FirstNonFinite("validation loss", [metrics.ValidationLoss]);
        if (what is null)
        {
            return FinSucc(unit);
        }

        int good = metrics.Epoch - 1;
        string kept = good > 0 ? $"the checkpoint of epoch {good} is kept" : "no epoch had finished, so there is no checkpoint";
        return FinFail<Unit>(Error.New($"training diverged in epoch {metrics.Epoch}: {what} (learning rates too large?); stopped, {kept}"));
    }

    private static string? FirstNonFinite(string name, ReadOnlySpan<double> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                return values.Length == 1 ? $"{name} is {values[i]}" : $"{name}[{i}] is {values[i].ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            }
        }

        return null;
    }
}
