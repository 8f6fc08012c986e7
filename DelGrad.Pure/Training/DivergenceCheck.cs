using System.Globalization;
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

        return FinFail<Unit>(Error.New(Message(metrics.Epoch, what)));
    }

    /// <summary>
    /// Throws (with the same one line) as soon as a batch's step leaves non-finite parameters, before the next
    /// batch would run them (<see cref="Kernel.Network.Prepare(Model.NetworkParameters)"/> refuses them). Allocates nothing when finite.
    /// </summary>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite.</exception>
    internal static void ThrowIfDiverged(ReadOnlySpan<double> parameters, int epoch)
    {
        if (FirstNonFinite("parameters", parameters) is string what)
        {
            throw new InvalidOperationException(Message(epoch, what));
        }
    }

    private static string Message(int epoch, string what)
    {
        string kept = epoch > 1 ? $"the checkpoint of epoch {epoch - 1} is kept" : "no epoch had finished, so there is no checkpoint";
        return $"training diverged in epoch {epoch}: {what} (learning rates too large?); stopped, {kept}";
    }

    private static string? FirstNonFinite(string name, ReadOnlySpan<double> values)
    {
        int i = Numerics.Finite.FirstNonFinite(values);
        return i < 0 ? null : values.Length == 1 ? $"{name} is {values[i].ToString(CultureInfo.InvariantCulture)}" : $"{name}[{i}] is {values[i].ToString(CultureInfo.InvariantCulture)}";
    }
}
