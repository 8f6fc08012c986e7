using DelGrad.Model;

namespace DelGrad.Kernel;

/// <summary>
/// A parameter set made ready for the kernels: effective delays and d(delay)/d(raw) computed once per
/// parameter update instead of once per sample. Immutable; share it across threads.
/// </summary>
public sealed class PreparedParameters
{
    internal PreparedParameters(Network network, NetworkParameters parameters, double[] delays, double[] slopes)
    {
        Network = network;
        Parameters = parameters;
        Delays = delays;
        DelaySlopes = slopes;
    }

    /// <summary>The network these parameters belong to.</summary>
    public Network Network { get; }

    /// <summary>The raw parameters.</summary>
    public NetworkParameters Parameters { get; }

    internal double[] Delays { get; }

    internal double[] DelaySlopes { get; }
}
