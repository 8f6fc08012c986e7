namespace DelGrad.Solvers;

/// <summary>
/// A spike-time solver for one neuron model. Static abstract members let generic kernels
/// (<c>where TSolver : struct, ISpikeTimeSolver&lt;TSolver&gt;</c>) be specialized by the JIT per
/// model with no virtual calls; the instance carries whatever constants the model needs at run time
/// (generated solvers fold them into code and carry nothing).
/// </summary>
/// <typeparam name="TSelf">The implementing struct.</typeparam>
public interface ISpikeTimeSolver<TSelf>
    where TSelf : struct, ISpikeTimeSolver<TSelf>
{
    /// <summary>
    /// First spike time for inputs sorted by arrival (all finite, ascending), with their weights in
    /// the same order. Applies the causal-set rule: for each prefix of k arrivals the candidate must lie
    /// in [t_(k), t_(k+1)] (no upper bound for the last). Returns +infinity when the neuron stays silent
    /// (never NaN) and the size of the causal set in <paramref name="causalCount"/> (0 when silent).
    /// </summary>
    static abstract double SpikeTime(in TSelf neuron, ReadOnlySpan<double> weights, ReadOnlySpan<double> arrivals, out int causalCount);

    /// <summary>
    /// True when <see cref="SpikeTimeShared"/> can reuse per-arrival factors that a layer computes once
    /// for all its neurons (they share one arrival order). Default: false.
    /// </summary>
    static virtual bool UsesSharedFactors => false;

    /// <summary>Computes the per-arrival factors of sorted arrivals, once for a whole layer (default: none).</summary>
    static virtual void SharedFactors(in TSelf neuron, ReadOnlySpan<double> sortedArrivals, Span<double> factors)
    {
    }

    /// <summary>
    /// <see cref="SpikeTime"/> with the factors <see cref="SharedFactors"/> computed for the same sorted
    /// arrivals: the same result without recomputing them per neuron. Default: <see cref="SpikeTime"/>.
    /// </summary>
    static virtual double SpikeTimeShared(in TSelf neuron, ReadOnlySpan<double> weights, ReadOnlySpan<double> arrivals, ReadOnlySpan<double> factors, out int causalCount) =>
        TSelf.SpikeTime(neuron, weights, arrivals, out causalCount);

    /// <summary>Membrane response (relative to the leak) at elapsed time <paramref name="s"/> &gt;= 0 after a unit-weight input.</summary>
    static abstract double Psp(in TSelf neuron, double s);

    /// <summary>Time derivative of <see cref="Psp"/> at elapsed time <paramref name="s"/>.</summary>
    static abstract double PspSlope(in TSelf neuron, double s);

    /// <summary>
    /// <see cref="Psp"/> and <see cref="PspSlope"/> together (the backward pass needs both for every
    /// causal input); closed forms override it to share one exponential.
    /// </summary>
    static virtual void PspAndSlope(in TSelf neuron, double s, out double psp, out double slope)
    {
        psp = TSelf.Psp(neuron, s);
        slope = TSelf.PspSlope(neuron, s);
    }
}
