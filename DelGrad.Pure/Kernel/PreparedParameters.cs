using DelGrad.Model;

namespace DelGrad.Kernel;

/// <summary>
/// A parameter set made ready for the kernels: effective delays and d(delay)/d(raw) computed once per
/// parameter update instead of once per sample. Immutable; share it across threads.
/// </summary>
public sealed class PreparedParameters
{
    private readonly Func<NetworkParameters, double[], LaneLayouts> buildLanes;
    private readonly object lanesLock = new();
    private LaneLayouts? lanes;

    internal PreparedParameters(Network network, NetworkParameters parameters, double[] delays, double[] slopes, Func<NetworkParameters, double[], LaneLayouts> buildLanes)
    {
        Network = network;
        Parameters = parameters;
        Delays = delays;
        DelaySlopes = slopes;
        this.buildLanes = buildLanes;
    }

    /// <summary>The network these parameters belong to.</summary>
    public Network Network { get; }

    /// <summary>The raw parameters.</summary>
    public NetworkParameters Parameters { get; }

    internal double[] Delays { get; }

    internal double[] DelaySlopes { get; }

    /// <summary>Per neuron stage: the <see cref="Kernel.SynapticLanes"/> layout, or null.</summary>
    internal SynapticLaneWeights?[] SynapticLanes => Lanes.Synaptic;

    /// <summary>Per neuron stage: the <see cref="SharedLanes"/> weight layout, or null.</summary>
    internal double[]?[] SharedLaneWeights => Lanes.Shared;

    /// <summary>The lane layouts if some kernel has built them (for recycling their buffers), else null.</summary>
    internal LaneLayouts? BuiltLanes => Volatile.Read(ref lanes);

    // Built once, by whichever worker needs them first (the others wait): the same layouts for every thread.
    private LaneLayouts Lanes
    {
        get
        {
            if (Volatile.Read(ref lanes) is { } built)
            {
                return built;
            }

            lock (lanesLock)
            {
                if (lanes is null)
                {
                    Volatile.Write(ref lanes, buildLanes(Parameters, Delays));
                }

                return lanes!;
            }
        }
    }
}

/// <summary>The lane kernels' parameter layouts of one parameter set, per neuron stage (null where a stage runs no lanes).</summary>
/// <param name="Synaptic">The <see cref="SynapticLanes"/> layouts.</param>
/// <param name="Shared">The <see cref="SharedLanes"/> weight layouts.</param>
internal sealed record LaneLayouts(SynapticLaneWeights?[] Synaptic, double[]?[] Shared);
