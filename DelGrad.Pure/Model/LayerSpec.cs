using LanguageExt;

namespace DelGrad.Model;

/// <summary>One stage of a network's structure; applied in order to each sample's spike-time vector.</summary>
public abstract record LayerSpec
{
    private protected LayerSpec()
    {
    }
}

/// <summary>Appends fixed spike times (bias spikes) to the vector.</summary>
/// <param name="Times">The appended times.</param>
public sealed record BiasSpikesLayer(Seq<double> Times) : LayerSpec;

/// <summary>Copies each spike <paramref name="Factor"/> times in place: [a, b] -> [a x f, b x f].</summary>
/// <param name="Factor">Copies per spike.</param>
public sealed record MultiplexLayer(int Factor) : LayerSpec;

/// <summary>The next neuron layer receives the vector without delays.</summary>
public sealed record BroadcastLayer : LayerSpec;

/// <summary>Transmission delays for the next neuron layer.</summary>
/// <param name="Kind">Synaptic, axonal or dendritic.</param>
/// <param name="Positivity">Raw parameter to effective delay.</param>
/// <param name="PresynSharing">Raw block tiled this many times along the presynaptic axis.</param>
/// <param name="PostsynSharing">Raw block tiled this many times along the postsynaptic axis.</param>
/// <param name="PresynInterleaved">Presynaptic sharing in blocks (d0, d0, d1, d1, ...) instead of tiles (d0, d1, d0, d1, ...): the order that gives multiplexed copies of an input that input's delay.</param>
/// <exception cref="ArgumentNullException"><paramref name="Positivity"/> is null.</exception>
public sealed record DelayLayer(DelayKind Kind, Positivity Positivity, int PresynSharing = 1, int PostsynSharing = 1, bool PresynInterleaved = false) : LayerSpec
{
    /// <summary>Raw parameter to effective delay (never null).</summary>
    public Positivity Positivity { get; init; } = Positivity ?? throw new ArgumentNullException(nameof(Positivity), "a delay layer needs a positivity (e.g. new Positivity.Sigmoid())");
}

/// <summary>A layer of <paramref name="Size"/> LIF neurons with all-to-all weights from the previous vector.</summary>
/// <param name="Size">Number of neurons.</param>
/// <param name="Neuron">Their parameters.</param>
/// <exception cref="ArgumentNullException"><paramref name="Neuron"/> is null.</exception>
public sealed record NeuronLayer(int Size, NeuronParameters Neuron) : LayerSpec
{
    /// <summary>Their parameters (never null).</summary>
    public NeuronParameters Neuron { get; init; } = Neuron ?? throw new ArgumentNullException(nameof(Neuron), "a neuron layer needs its neuron parameters (e.g. NeuronParameters.EqualTau())");
}
