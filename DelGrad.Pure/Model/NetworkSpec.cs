using DelGrad.Specs.Plan;
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
    private NetworkSpec(int inputs, Seq<LayerSpec> layers, NetworkPlan plan)
    {
        Inputs = inputs;
        Layers = layers;
        Plan = plan;
        Layout = LayoutOf(plan);
    }

    /// <summary>Input spikes per sample.</summary>
    public int Inputs { get; }

    /// <summary>The layers in order.</summary>
    public Seq<LayerSpec> Layers { get; }

    /// <summary>Where each layer's parameters live in the flat parameter vector.</summary>
    public ParameterLayout Layout { get; }

    /// <summary>Number of label neurons (the last layer's size).</summary>
    public int Outputs => Plan.Outputs;

    /// <summary>The layers planned once into stages, delay blocks and offsets (what the kernels and the chip consume).</summary>
    internal NetworkPlan Plan { get; }

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

    /// <summary>
    /// Validates and creates, throwing when the layers do not fit together: what a generated network's <c>Spec</c> calls
    /// (built from literals at build time, so nothing is parsed at run time), whose layers the generator has already
    /// checked with the same planner.
    /// </summary>
    /// <param name="inputs">Input spikes per sample.</param>
    /// <param name="layers">The layers in order (copied).</param>
    /// <returns>The spec.</returns>
    /// <exception cref="InvalidOperationException">The layers do not fit together (the generator's checks were bypassed).</exception>
    public static NetworkSpec CreateOrThrow(int inputs, params LayerSpec[] layers) =>
        Create(inputs, toSeq(layers.ToArray())).Match(s => s, e => throw new InvalidOperationException(e.Message));

    // Sizes multiply (multiplexing, all-to-all weights): the plan checks every product, so an overflow throws instead of wrapping.
    private static Fin<NetworkSpec> Build(int inputs, Seq<LayerSpec> layers)
    {
        if (inputs <= 0)
        {
            return FinFail<NetworkSpec>(Error.New($"inputs: must be positive, got {inputs}"));
        }

        int index = 0;
        foreach (var layer in layers)
        {
            if (Check(layer, $"layers[{index++}]") is { } error)
            {
                return FinFail<NetworkSpec>(Error.New(error));
            }
        }

        var plan = NetworkPlanner.Plan(inputs, layers.Map(PlanOf), out var problems);
        if (problems.Count > 0)
        {
            var p = problems[0];
            return FinFail<NetworkSpec>(Error.New($"layers[{p.LayerIndex}]{(p.Field == null ? "" : "." + p.Field)}: {p.Message}"));
        }

        if (layers.IsEmpty || layers.Last is not NeuronLayer)
        {
            return FinFail<NetworkSpec>(Error.New("layers: the last layer must be a neurons layer (the label layer)"));
        }

        return FinSucc(new NetworkSpec(inputs, layers, plan));
    }

    /// <summary>Same inputs and layers (the layout and the plan follow from them).</summary>
    // Layer by layer with the records' own equality: Seq's equality resolves LanguageExt's Eq<LayerSpec> instance by
    // reflection on first use, which took half a second of every training command's start-up (finding the compiled
    // network for a config compares specs).
    public bool Equals(NetworkSpec? other) => other is not null && Inputs == other.Inputs && Layers.AsEnumerable().SequenceEqual(other.Layers);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Inputs);
        foreach (var layer in Layers)
        {
            hash.Add(layer);
        }

        return hash.ToHashCode();
    }

    // A layer's own values (the plan checks how the layers fit together).
    private static string? Check(LayerSpec layer, string at) => layer switch
    {
        BiasSpikesLayer bias when bias.Times.Exists(t => !double.IsFinite(t)) => $"{at}.times: bias spike times must be finite",
        MultiplexLayer mux when mux.Factor < 1 => $"{at}.factor: must be at least 1, got {mux.Factor}",
        DelayLayer delays when delays.PresynSharing < 1 || delays.PostsynSharing < 1 => $"{at}: sharing factors must be at least 1",
        DelayLayer { Positivity: Positivity.Sigmoid s } when !double.IsFinite(s.Shift) || !double.IsFinite(s.Scale) => $"{at}.positivity: shift and scale must be finite",
        NeuronLayer neurons when neurons.Size < 1 => $"{at}.size: must be at least 1, got {neurons.Size}",
        BiasSpikesLayer or MultiplexLayer or BroadcastLayer or DelayLayer or NeuronLayer => null,
        _ => $"{at}: unknown layer type {layer.GetType().Name}",
    };

    // The shape of a layer, as the planner sees it.
    private static PlanLayer PlanOf(LayerSpec layer) => layer switch
    {
        BiasSpikesLayer bias => PlanLayer.BiasSpikes(bias.Times.Count),
        MultiplexLayer mux => PlanLayer.Multiplex(mux.Factor),
        DelayLayer d => PlanLayer.Delays(
            d.Kind switch { DelayKind.Axonal => DelayPlacement.Axonal, DelayKind.Dendritic => DelayPlacement.Dendritic, _ => DelayPlacement.Synaptic },
            d.PresynSharing,
            d.PostsynSharing,
            d.PresynInterleaved),
        NeuronLayer n => PlanLayer.Neurons(n.Size, n.Neuron.Constants.G),
        _ => PlanLayer.Broadcast(),
    };

    // The flat parameter vector's blocks: per neuron stage its raw delays (if any), then its weights.
    private static ParameterLayout LayoutOf(NetworkPlan plan)
    {
        var blocks = new List<ParameterBlock>();
        foreach (var n in plan.NeuronStages)
        {
            if (n.Delays is { } d)
            {
                blocks.Add(new ParameterBlock(d.LayerIndex, ParameterKind.DelayRaw, d.RawOffset, d.RawRows, d.RawColumns));
            }

            blocks.Add(new ParameterBlock(n.LayerIndex, ParameterKind.Weights, n.WeightOffset, n.InSize, n.OutSize));
        }

        return new ParameterLayout(toSeq(blocks), plan.ParameterCount);
    }
}
