using System.Runtime.CompilerServices;

namespace DelGrad.Kernel;

/// <summary>
/// When input i's spike arrives at neuron j of a layer, read where the wiring keeps it: the backward pass
/// (<see cref="NeuronBackward"/>) is generic over these <c>ref struct</c>s, so each wiring gets its own specialized loop and
/// a generated network reads its delays in place instead of filling an arrival matrix.
/// </summary>
public interface ILayerArrivals
{
    /// <summary>
    /// Whether each synapse has its own arrival (index <c>(i * neurons) + j</c>) rather than each input (index i): the
    /// index of an arrival's product-form factor (<see cref="ProductFormPsp{TConstants, TForm}"/>). A constant per type,
    /// so the JIT folds the choice.
    /// </summary>
    static abstract bool PerSynapse { get; }

    /// <summary>The arrival time of <paramref name="input"/> at <paramref name="neuron"/>.</summary>
    /// <param name="input">The input i.</param>
    /// <param name="neuron">The neuron j.</param>
    /// <param name="synapse">The synapse (i * neurons) + j.</param>
    /// <returns>The time (non-finite: no spike).</returns>
    double Time(int input, int neuron, int synapse);
}

/// <summary>One arrival per synapse, [input][neuron]: synaptic delays, or the runtime's arrival matrix of any wiring.</summary>
/// <param name="arrivals">The arrivals, [input][neuron].</param>
public readonly ref struct ArrivalMatrix(ReadOnlySpan<double> arrivals) : ILayerArrivals
{
    private readonly ReadOnlySpan<double> arrivals = arrivals;

    /// <inheritdoc />
    public static bool PerSynapse => true;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per synapse from the backward loop
    public double Time(int input, int neuron, int synapse) => arrivals[synapse];
}

/// <summary>Axonal delays: input i's spike plus its own delay, the same at every neuron.</summary>
/// <param name="times">The inputs' spike times.</param>
/// <param name="delays">One effective delay per input.</param>
public readonly ref struct AxonalArrivals(ReadOnlySpan<double> times, ReadOnlySpan<double> delays) : ILayerArrivals
{
    private readonly ReadOnlySpan<double> times = times;
    private readonly ReadOnlySpan<double> delays = delays;

    /// <inheritdoc />
    public static bool PerSynapse => false;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per synapse from the backward loop
    public double Time(int input, int neuron, int synapse) => times[input] + delays[input];
}

/// <summary>Dendritic delays: input i's spike plus neuron j's delay.</summary>
/// <param name="times">The inputs' spike times.</param>
/// <param name="delays">One effective delay per neuron.</param>
public readonly ref struct DendriticArrivals(ReadOnlySpan<double> times, ReadOnlySpan<double> delays) : ILayerArrivals
{
    private readonly ReadOnlySpan<double> times = times;
    private readonly ReadOnlySpan<double> delays = delays;

    /// <inheritdoc />
    public static bool PerSynapse => false;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per synapse from the backward loop
    public double Time(int input, int neuron, int synapse) => times[input] + delays[neuron];
}

/// <summary>No delays: input i's spike itself.</summary>
/// <param name="times">The inputs' spike times.</param>
public readonly ref struct UndelayedArrivals(ReadOnlySpan<double> times) : ILayerArrivals
{
    private readonly ReadOnlySpan<double> times = times;

    /// <inheritdoc />
    public static bool PerSynapse => false;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per synapse from the backward loop
    public double Time(int input, int neuron, int synapse) => times[input];
}
