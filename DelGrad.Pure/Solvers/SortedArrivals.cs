namespace DelGrad.Solvers;

/// <summary>
/// The sorted arrivals of one neuron as the closed-form spike-time searches read them (<see cref="EqualTauMath"/>,
/// <see cref="DoubleTauMath"/>): one at a time and only up to the spike, so a caller whose weights and times live in its
/// own layout (a generated network's [input][neuron] weights, a sort index, a dendritic delay) need not copy every arrival
/// first. Implemented by <c>ref struct</c>s; the searches are generic over them, so the JIT compiles one specialized loop
/// per layout, as it does per constants struct (<see cref="ISolverConstants"/>).
/// </summary>
public interface ISortedArrivals
{
    /// <summary>Number of (finite) arrivals.</summary>
    int Count { get; }

    /// <summary>The <paramref name="k"/>-th arrival time, ascending in k.</summary>
    /// <param name="k">0-based rank.</param>
    /// <returns>The time.</returns>
    double Time(int k);

    /// <summary>The weight of the <paramref name="k"/>-th arrival.</summary>
    /// <param name="k">0-based rank.</param>
    /// <returns>The weight.</returns>
    double Weight(int k);
}

/// <summary>Arrivals given as two spans in arrival order.</summary>
/// <param name="weights">Weights in arrival order.</param>
/// <param name="times">Arrival times, ascending and finite.</param>
public readonly ref struct SpanArrivals(ReadOnlySpan<double> weights, ReadOnlySpan<double> times) : ISortedArrivals
{
    private readonly ReadOnlySpan<double> weights = weights;
    private readonly ReadOnlySpan<double> times = times;

    /// <inheritdoc />
    public int Count => times.Length;

    /// <inheritdoc />
    public double Time(int k) => times[k];

    /// <inheritdoc />
    public double Weight(int k) => weights[k];
}

/// <summary>
/// Arrivals of neuron <paramref name="neuron"/> of a layer: sorted times with the input each came from, weights in the
/// layer's [input][neuron] layout (what the generated networks hold).
/// </summary>
/// <param name="times">The sorted arrival times.</param>
/// <param name="inputs">The input of each sorted arrival.</param>
/// <param name="weights">The layer's weights, [input][neuron].</param>
/// <param name="neurons">Neurons of the layer (the weights' row length).</param>
/// <param name="neuron">The neuron.</param>
public readonly ref struct IndexedArrivals(ReadOnlySpan<double> times, ReadOnlySpan<int> inputs, ReadOnlySpan<double> weights, int neurons, int neuron) : ISortedArrivals
{
    private readonly ReadOnlySpan<double> times = times;
    private readonly ReadOnlySpan<int> inputs = inputs;
    private readonly ReadOnlySpan<double> weights = weights;

    /// <inheritdoc />
    public int Count => times.Length;

    /// <inheritdoc />
    public double Time(int k) => times[k];

    /// <inheritdoc />
    public double Weight(int k) => weights[(inputs[k] * neurons) + neuron];
}

/// <summary>
/// <see cref="IndexedArrivals"/> behind a dendritic delay: the neuron's own <paramref name="shift"/> delays every arrival
/// alike, so the layer's order is the neuron's.
/// </summary>
/// <param name="times">The sorted arrival times (before the shift).</param>
/// <param name="inputs">The input of each sorted arrival.</param>
/// <param name="weights">The layer's weights, [input][neuron].</param>
/// <param name="neurons">Neurons of the layer.</param>
/// <param name="neuron">The neuron.</param>
/// <param name="shift">The neuron's dendritic delay.</param>
public readonly ref struct ShiftedArrivals(ReadOnlySpan<double> times, ReadOnlySpan<int> inputs, ReadOnlySpan<double> weights, int neurons, int neuron, double shift) : ISortedArrivals
{
    private readonly ReadOnlySpan<double> times = times;
    private readonly ReadOnlySpan<int> inputs = inputs;
    private readonly ReadOnlySpan<double> weights = weights;

    /// <inheritdoc />
    public int Count => times.Length;

    /// <inheritdoc />
    public double Time(int k) => times[k] + shift;

    /// <inheritdoc />
    public double Weight(int k) => weights[(inputs[k] * neurons) + neuron];
}
