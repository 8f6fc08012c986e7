using DelGrad.Model;

namespace DelGrad.Kernel;

/// <summary>
/// A parameter set made ready for the kernels: effective delays and d(delay)/d(raw) computed once per
/// parameter update instead of once per sample. Immutable; share it across threads.
/// </summary>
public sealed class PreparedParameters
{
    internal PreparedParameters(Network network, NetworkParameters parameters, double[] delays, double[] slopes, SynapticLaneWeights?[] synapticLanes, double[]?[] sharedLaneWeights)
    {
        Network = network;
        Parameters = parameters;
        Delays = delays;
        DelaySlopes = slopes;
        SynapticLanes = synapticLanes;
        SharedLaneWeights = sharedLaneWeights;
    }

    /// <summary>The network these parameters belong to.</summary>
    public Network Network { get; }

    /// <summary>The raw parameters.</summary>
    public NetworkParameters Parameters { get; }

    internal double[] Delays { get; }

    internal double[] DelaySlopes { get; }

    /// <summary>Per neuron stage: the <see cref="Kernel.SynapticLanes"/> layout, or null.</summary>
    internal SynapticLaneWeights?[] SynapticLanes { get; }

    /// <summary>Per neuron stage: the <see cref="SharedLanes"/> weight layout, or null.</summary>
    internal double[]?[] SharedLaneWeights { get; }
}
