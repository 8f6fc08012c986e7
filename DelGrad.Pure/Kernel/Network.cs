using DelGrad.Model;
using DelGrad.Solvers;
using DelGrad.Specs.Plan;

namespace DelGrad.Kernel;

/// <summary>
/// A <see cref="NetworkSpec"/> compiled once into flat stages for the span kernels. Thread-safe and
/// immutable: each thread brings its own <see cref="Workspace"/>.
/// </summary>
public sealed partial class Network
{
    private readonly Stage[] stages;
    private readonly NeuronStage[] neuronStages;
    private readonly int[] neuronLayerSizes;
    private readonly int[] activationOffsets;
    private readonly int[] delayRawIndex;

    private Network(NetworkSpec spec)
    {
        Spec = spec;
        var plan = spec.Plan;
        var layers = spec.Layers;
        stages = [.. plan.Stages.Select(s => s switch
        {
            BiasStagePlan b => new BiasStage { InSize = b.InSize, OutSize = b.OutSize, Times = ((BiasSpikesLayer)layers[b.LayerIndex]).Times.ToArray() },
            MultiplexStagePlan m => new MultiplexStage { InSize = m.InSize, OutSize = m.OutSize, Factor = m.Factor },
            NeuronStagePlan n => (Stage)new NeuronStage(n, ((NeuronLayer)layers[n.LayerIndex]).Neuron.Constants, n.Delays is { } d ? ((DelayLayer)layers[d.LayerIndex]).Positivity : new Positivity.Clip()),
            _ => throw new InvalidOperationException($"unknown stage {s.GetType().Name}"),
        })];
        neuronStages = [.. stages.OfType<NeuronStage>()];
        for (int o = 0; o < neuronStages.Length; o++)
        {
            neuronStages[o].Ordinal = o;
        }

        neuronLayerSizes = [.. neuronStages.Select(s => s.OutSize)];
        activationOffsets = new int[stages.Length + 2];
        activationOffsets[1] = spec.Inputs;
        for (int s = 0; s < stages.Length; s++)
        {
            activationOffsets[s + 2] = activationOffsets[s + 1] + stages[s].OutSize;
        }

        ArrivalCount = plan.ArrivalCount;
        DelayCount = plan.DelayCount;

        // Where each expanded delay reads its raw parameter (sharing, tiling): fixed by the plan, so computed once
        // instead of once per parameter set and per gradient flush.
        delayRawIndex = new int[plan.DelayCount];
        foreach (var d in plan.NeuronStages.Select(n => n.Delays).OfType<DelayBlockPlan>())
        {
            for (int k = 0; k < d.Count; k++)
            {
                delayRawIndex[d.DelayOffset + k] = d.RawOffset + d.RawIndexOfExpanded(k);
            }
        }

        MaxWidth = plan.MaxWidth;
    }

    /// <summary>The spec this network was compiled from.</summary>
    public NetworkSpec Spec { get; }

    /// <summary>Input spikes per sample.</summary>
    public int Inputs => Spec.Inputs;

    /// <summary>Label neurons.</summary>
    public int Outputs => stages[^1].OutSize;

    /// <summary>Number of parameters.</summary>
    public int ParameterCount => Spec.Layout.Count;

    /// <summary>Number of neuron layers (hidden layers, then the label layer).</summary>
    public int NeuronLayerCount => neuronStages.Length;

    /// <summary>Sizes of the neuron layers.</summary>
    public IReadOnlyList<int> NeuronLayerSizes => neuronLayerSizes;

    internal int ArrivalCount { get; }

    internal int DelayCount { get; }

    internal int MaxWidth { get; }

    internal int ActivationCount => activationOffsets[^1];

    internal NeuronStage[] NeuronStages => neuronStages;

    /// <summary>Compiles a validated spec.</summary>
    /// <param name="spec">The network, e.g. <c>ExperimentConfig.BuiltIn("yinyang-h30-ws").Network</c>.</param>
    /// <returns>The runtime network (immutable and thread-safe; each thread needs its own <see cref="Workspace"/>).</returns>
    /// <example>
    /// One sample's exact gradient:
    /// <code>
    /// var config = ExperimentConfig.BuiltIn("yinyang-h30-ws");
    /// var network = Network.Compile(config.Network);
    /// var prepared = network.Prepare(Initialisation.Draw(config.Network, config.Inits, seed: 0));
    /// var workspace = network.CreateWorkspace();                     // reuse it: no allocation per sample
    /// var times = network.Forward(prepared, [0.15, 2.0, 2.0, 0.15], workspace); // first spikes, +inf = silent
    /// double loss = network.Backward(prepared, config.Loss, label: 1, workspace);
    /// var gradient = network.FlushDelayGradients(prepared, workspace); // dL/d(weights, raw delays)
    /// </code>
    /// </example>
    public static Network Compile(NetworkSpec spec) => new(spec);

    /// <summary>A workspace for one thread: all scratch memory a sample needs, allocated once.</summary>
    public Workspace CreateWorkspace() => new(this);

    /// <summary>Computes effective delays (and their derivatives) once per parameter set.</summary>
    public PreparedParameters Prepare(NetworkParameters parameters) => Prepare(parameters, recycle: null);

    /// <summary>
    /// <see cref="Prepare(NetworkParameters)"/>, writing the lane layouts into the buffers of <paramref name="recycle"/>, a
    /// parameter set of this network that nobody uses any more (the trainer's previous batch): for full MNIST that saves a
    /// 2 MB large-object allocation per batch.
    /// </summary>
    internal PreparedParameters Prepare(NetworkParameters parameters, PreparedParameters? recycle)
    {
        if (parameters.Count != ParameterCount)
        {
            throw new ArgumentException($"parameters: expected {ParameterCount} values for this network, got {parameters.Count}", nameof(parameters));
        }

        // NaN or infinite parameters would give NaN spike times and gradients everywhere downstream.
        int nonFinite = Numerics.Finite.FirstNonFinite(parameters.Values);
        if (nonFinite >= 0)
        {
            throw new ArgumentException($"parameters[{nonFinite}]: must be finite, got {parameters.Values[nonFinite].ToString(System.Globalization.CultureInfo.InvariantCulture)}", nameof(parameters));
        }

        var delays = new double[DelayCount];
        var slopes = new double[DelayCount];
        var values = parameters.Values;
        foreach (var s in neuronStages)
        {
            for (int d = s.DelayOffset; d < s.DelayOffset + s.DelayCount; d++)
            {
                double raw = values[delayRawIndex[d]];
                delays[d] = s.Positivity.Effective(raw);
                slopes[d] = s.Positivity.Derivative(raw);
            }
        }

        // The lane kernels' layouts are built on first use by the runtime kernel (a compiled network, which prepares
        // its own, never needs them: for 16x16 MNIST that was a 34,048-weight transposition per batch).
        var reuse = recycle is not null && ReferenceEquals(recycle.Network, this) ? recycle.BuiltLanes : null;
        return new PreparedParameters(this, parameters, delays, slopes, (p, d) => BuildLaneLayouts(p, d, reuse));
    }

    // The lane kernels' parameter layouts, once per parameter set (into reuse's buffers when given: the builders overwrite
    // every element, padding included).
    private LaneLayouts BuildLaneLayouts(NetworkParameters parameters, double[] delays, LaneLayouts? reuse)
    {
        var values = parameters.Values;
        var synaptic = reuse?.Synaptic ?? new SynapticLaneWeights?[neuronStages.Length];
        var shared = reuse?.Shared ?? new double[]?[neuronStages.Length];
        foreach (var s in neuronStages)
        {
            var weights = values.Slice(s.WeightOffset, s.InSize * s.OutSize);
            switch (s.Lanes)
            {
                case LaneKind.Synaptic:
                    var lanes = synaptic[s.Ordinal] ?? new SynapticLaneWeights(s.InSize, s.OutSize);
                    SynapticLanes.Prepare(s.Constants, weights, delays.AsSpan(s.DelayOffset, s.DelayCount), lanes);
                    synaptic[s.Ordinal] = lanes;
                    break;
                case LaneKind.Shared:
                    var laneWeights = shared[s.Ordinal] ?? new double[SharedLanes.LayoutLength(s.InSize, s.OutSize)];
                    SharedLanes.PrepareWeights(weights, s.OutSize, laneWeights);
                    shared[s.Ordinal] = laneWeights;
                    break;
            }
        }

        return reuse ?? new LaneLayouts(synaptic, shared);
    }

    /// <summary>The effective delays of a neuron layer (index among neuron layers), expanded:
    /// [in][out] synaptic, [in] axonal, [out] dendritic; empty without delays.</summary>
    public ReadOnlySpan<double> EffectiveDelays(PreparedParameters prepared, int neuronLayer)
    {
        var s = neuronStages[neuronLayer];
        return prepared.Delays.AsSpan(s.DelayOffset, s.DelayCount);
    }

    internal Stage[] Stages => stages;

    internal int ActivationOffset(int vector) => activationOffsets[vector];

    /// <summary>Offset of the output vector of neuron layer <paramref name="neuronLayer"/> in the activations.</summary>
    internal int NeuronOutputVector(int neuronLayer) => Array.IndexOf(stages, neuronStages[neuronLayer]) + 1;
}
