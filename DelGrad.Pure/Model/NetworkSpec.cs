using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace DelGrad.Model;

/// <summary>
/// A network's structure (no numbers to train): the input size and the layers in order. Create it
/// with <see cref="Create"/>, which checks that the layers fit together.
/// </summary>
public sealed record NetworkSpec
{
    private NetworkSpec(int inputs, Seq<LayerSpec> layers, ParameterLayout layout)
    {
        Inputs = inputs;
        Layers = layers;
        Layout = layout;
    }

    /// <summary>Input spikes per sample.</summary>
    public int Inputs { get; }

    /// <summary>The layers in order.</summary>
    public Seq<LayerSpec> Layers { get; }

    /// <summary>Where each layer's parameters live in the flat parameter vector.</summary>
    public ParameterLayout Layout { get; }

    /// <summary>Number of label neurons (the last layer's size).</summary>
    public int Outputs => Layout.Blocks.Last(b => b.Kind == ParameterKind.Weights).Columns;

    /// <summary>Most parameters a network may have (each needs its value, gradient and two Adam moments in memory).</summary>
    public const int MaxParameters = 1 << 27;

    /// <summary>Validates the structure; errors name the layer index and the problem.</summary>
    public static Fin<NetworkSpec> Create(int inputs, Seq<LayerSpec> layers)
    {
        try
        {
            var spec = Build(inputs, layers);
            return spec.Bind(s => s.Layout.Count <= MaxParameters
                ? FinSucc(s)
                : FinFail<NetworkSpec>(Error.New($"layers: the network is too large: {s.Layout.Count} parameters (at most {MaxParameters})")));
        }
        catch (OverflowException)
        {
            return FinFail<NetworkSpec>(Error.New($"layers: the network is too large: its sizes or parameter count exceed {int.MaxValue}"));
        }
    }

    // Sizes multiply (multiplexing, all-to-all weights), so every product is checked: an overflow must not wrap into a plausible count.
    private static Fin<NetworkSpec> Build(int inputs, Seq<LayerSpec> layers)
    {
        if (inputs <= 0)
        {
            return FinFail<NetworkSpec>(Error.New($"inputs: must be positive, got {inputs}"));
        }

        var blocks = new List<ParameterBlock>();
        int size = inputs, offset = 0;
        DelayLayer? pending = null;
        int pendingIndex = -1;
        int index = 0;
        foreach (var layer in layers)
        {
            string at = $"layers[{index}]";
            if (pending != null && layer is not NeuronLayer)
            {
                return FinFail<NetworkSpec>(Error.New($"layers[{pendingIndex}]: delays must be followed directly by a neurons layer"));
            }

            switch (layer)
            {
                case BiasSpikesLayer bias:
                    if (bias.Times.Exists(t => !double.IsFinite(t)))
                    {
                        return FinFail<NetworkSpec>(Error.New($"{at}.times: bias spike times must be finite"));
                    }

                    size = checked(size + bias.Times.Count);
                    break;
                case MultiplexLayer mux:
                    if (mux.Factor < 1)
                    {
                        return FinFail<NetworkSpec>(Error.New($"{at}.factor: must be at least 1, got {mux.Factor}"));
                    }

                    size = checked(size * mux.Factor);
                    break;
                case BroadcastLayer:
                    break;
                case DelayLayer delays:
                    if (delays.PresynSharing < 1 || delays.PostsynSharing < 1)
                    {
                        return FinFail<NetworkSpec>(Error.New($"{at}: sharing factors must be at least 1"));
                    }

                    if (delays.Positivity is Positivity.Sigmoid { } s && (!double.IsFinite(s.Shift) || !double.IsFinite(s.Scale)))
                    {
                        return FinFail<NetworkSpec>(Error.New($"{at}.positivity: shift and scale must be finite"));
                    }

                    pending = delays;
                    pendingIndex = index;
                    break;
                case NeuronLayer neurons:
                    if (neurons.Size < 1)
                    {
                        return FinFail<NetworkSpec>(Error.New($"{at}.size: must be at least 1, got {neurons.Size}"));
                    }

                    if (pending != null)
                    {
                        if (size % pending.PresynSharing != 0)
                        {
                            return FinFail<NetworkSpec>(Error.New($"layers[{pendingIndex}].presyn_sharing_factor: {pending.PresynSharing} does not divide the presynaptic size {size}"));
                        }

                        if (neurons.Size % pending.PostsynSharing != 0)
                        {
                            return FinFail<NetworkSpec>(Error.New($"layers[{pendingIndex}].postsyn_sharing_factor: {pending.PostsynSharing} does not divide the postsynaptic size {neurons.Size}"));
                        }

                        int rows = pending.Kind == DelayKind.Dendritic ? 1 : size / pending.PresynSharing;
                        int cols = pending.Kind == DelayKind.Axonal ? 1 : neurons.Size / pending.PostsynSharing;
                        blocks.Add(new ParameterBlock(pendingIndex, ParameterKind.DelayRaw, offset, rows, cols));
                        offset = checked(offset + checked(rows * cols));
                        pending = null;
                    }

                    blocks.Add(new ParameterBlock(index, ParameterKind.Weights, offset, size, neurons.Size));
                    offset = checked(offset + checked(size * neurons.Size));
                    size = neurons.Size;
                    break;
                default:
                    return FinFail<NetworkSpec>(Error.New($"{at}: unknown layer type {layer.GetType().Name}"));
            }

            index++;
        }

        if (pending != null)
        {
            return FinFail<NetworkSpec>(Error.New($"layers[{pendingIndex}]: delays must be followed directly by a neurons layer"));
        }

        if (layers.IsEmpty || layers.Last is not NeuronLayer)
        {
            return FinFail<NetworkSpec>(Error.New("layers: the last layer must be a neurons layer (the label layer)"));
        }

        return FinSucc(new NetworkSpec(inputs, layers, new ParameterLayout(toSeq(blocks), offset)));
    }
}
