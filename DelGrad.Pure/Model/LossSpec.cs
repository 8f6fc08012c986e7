namespace DelGrad.Model;

/// <summary>A loss on the label layer's first-spike times. A sample whose loss is infinite or whose
/// label neuron is silent counts as <see cref="SilentLoss"/> with zero gradient.</summary>
public abstract record LossSpec
{
    /// <summary>The loss of a sample whose label neuron is silent (or whose loss is infinite).</summary>
    public const double SilentLoss = 100.0;

    private protected LossSpec()
    {
    }

    /// <summary>TTFS cross-entropy: <c>log sum_k exp(-t_k / xi) + t_label / xi</c>, plus the optional
    /// early-output regulariser <c>alpha exp(t_label / (beta tau_syn))</c>.</summary>
    /// <param name="Xi">Softmax temperature, in units of tau_syn.</param>
    /// <param name="Alpha">Regulariser factor (0 = off).</param>
    /// <param name="Beta">Regulariser time scale, in units of tau_syn.</param>
    /// <exception cref="ArgumentOutOfRangeException">Xi or Beta not positive and finite, or Alpha negative or not finite.</exception>
    public sealed record Ttfs(double Xi, double Alpha = 0.0, double Beta = 1.0) : LossSpec
    {
        /// <summary>Softmax temperature, in units of tau_syn (positive, finite).</summary>
        public double Xi { get; init; } = Positive(Xi, "xi");

        /// <summary>Regulariser factor (0 = off; finite, not negative).</summary>
        public double Alpha { get; init; } = Alpha >= 0 && double.IsFinite(Alpha) ? Alpha : throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "alpha must be finite and not negative");

        /// <summary>Regulariser time scale, in units of tau_syn (positive, finite).</summary>
        public double Beta { get; init; } = Positive(Beta, "beta");
    }

    /// <summary>Shift-invariant MSE: <c>0.5 sum_{k != label} (t_k - t_label - delta_t)^2</c>.</summary>
    /// <param name="DeltaT">Target gap between the label neuron and the others.</param>
    /// <exception cref="ArgumentOutOfRangeException">DeltaT not positive and finite (the label neuron must be trained to spike first).</exception>
    public sealed record ShiftInvariantMse(double DeltaT) : LossSpec
    {
        /// <summary>Target gap between the label neuron and the others (positive, finite).</summary>
        public double DeltaT { get; init; } = Positive(DeltaT, "delta_t");
    }

    /// <summary>MSE to target times: <c>0.5 sum_k (t_k - target_k)^2</c>.</summary>
    /// <param name="TargetCorrect">Target of the label neuron.</param>
    /// <param name="TargetWrong">Target of the others.</param>
    public sealed record Mse(double TargetCorrect, double TargetWrong) : LossSpec;

    private static double Positive(double value, string name) =>
        value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, name + " must be positive and finite");
}
