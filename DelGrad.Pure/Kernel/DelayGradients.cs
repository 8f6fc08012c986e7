using System.Runtime.CompilerServices;

namespace DelGrad.Kernel;

/// <summary>
/// Where the gradient of an arrival goes besides its input: a delay only shifts the arrival, so the delay's gradient is the
/// arrival's, summed over the synapses that share it. One <c>ref struct</c> per wiring; <see cref="NeuronBackward"/> is
/// generic over them (no branch on the wiring per synapse).
/// </summary>
public interface IDelayGradients
{
    /// <summary>Adds the gradient of the arrival of <paramref name="input"/> at <paramref name="neuron"/>.</summary>
    /// <param name="input">The input i.</param>
    /// <param name="neuron">The neuron j.</param>
    /// <param name="synapse">The synapse (i * neurons) + j.</param>
    /// <param name="gradient">dL/d(arrival).</param>
    void Add(int input, int neuron, int synapse, double gradient);
}

/// <summary>No delays: nothing to add.</summary>
public readonly ref struct NoDelayGradients : IDelayGradients
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per synapse from the backward loop
    public void Add(int input, int neuron, int synapse, double gradient)
    {
    }
}

/// <summary>Synaptic delays: one accumulator per synapse, [input][neuron].</summary>
/// <param name="gradients">The accumulators.</param>
public readonly ref struct SynapticDelayGradients(Span<double> gradients) : IDelayGradients
{
    private readonly Span<double> gradients = gradients;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per synapse from the backward loop
    public void Add(int input, int neuron, int synapse, double gradient) => gradients[synapse] += gradient;
}

/// <summary>Axonal delays: one accumulator per input.</summary>
/// <param name="gradients">The accumulators.</param>
public readonly ref struct AxonalDelayGradients(Span<double> gradients) : IDelayGradients
{
    private readonly Span<double> gradients = gradients;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per synapse from the backward loop
    public void Add(int input, int neuron, int synapse, double gradient) => gradients[input] += gradient;
}

/// <summary>Dendritic delays: one accumulator per neuron.</summary>
/// <param name="gradients">The accumulators.</param>
public readonly ref struct DendriticDelayGradients(Span<double> gradients) : IDelayGradients
{
    private readonly Span<double> gradients = gradients;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per synapse from the backward loop
    public void Add(int input, int neuron, int synapse, double gradient) => gradients[neuron] += gradient;
}
