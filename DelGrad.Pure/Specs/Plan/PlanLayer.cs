// Shared source (see Specs/Format/JsonNode.cs): compiled into DelGrad.Pure and into the build-time generator, so the
// spec reader, NetworkSpec, the runtime network, the chip emulation and the emitter plan a network the same way.
#nullable enable
namespace DelGrad.Specs.Plan
{
    /// <summary>Where a delay layer's delays sit.</summary>
    internal enum DelayPlacement
    {
        /// <summary>One delay per synapse [pre][post].</summary>
        Synaptic,

        /// <summary>One delay per presynaptic neuron [pre][1].</summary>
        Axonal,

        /// <summary>One delay per postsynaptic neuron [1][post].</summary>
        Dendritic,
    }

    /// <summary>What a layer of the list is, as far as planning is concerned.</summary>
    internal enum PlanLayerKind
    {
        /// <summary>Appends <see cref="PlanLayer.Count"/> fixed spike times.</summary>
        BiasSpikes,

        /// <summary>Copies each spike <see cref="PlanLayer.Count"/> times in place.</summary>
        Multiplex,

        /// <summary>The next neuron layer receives the vector without delays.</summary>
        Broadcast,

        /// <summary>Transmission delays for the next neuron layer.</summary>
        Delays,

        /// <summary>A layer of <see cref="PlanLayer.Count"/> neurons.</summary>
        Neurons,
    }

    /// <summary>
    /// The shape of one layer, all a plan needs from it: the spec reader's documents and the records of
    /// <c>NetworkSpec</c> both describe their layers this way.
    /// </summary>
    internal readonly struct PlanLayer
    {
        private PlanLayer(PlanLayerKind kind, int count, DelayPlacement delayKind, int presynSharing, int postsynSharing, bool presynInterleaved, double g)
        {
            Kind = kind;
            Count = count;
            DelayKind = delayKind;
            PresynSharing = presynSharing;
            PostsynSharing = postsynSharing;
            PresynInterleaved = presynInterleaved;
            G = g;
        }

        /// <summary>The layer's kind.</summary>
        public PlanLayerKind Kind { get; }

        /// <summary>Bias times, multiplex factor or neurons; 0 otherwise.</summary>
        public int Count { get; }

        /// <summary>Delays: where they sit.</summary>
        public DelayPlacement DelayKind { get; }

        /// <summary>Delays: raw block tiled this many times along the presynaptic axis.</summary>
        public int PresynSharing { get; }

        /// <summary>Delays: raw block tiled this many times along the postsynaptic axis.</summary>
        public int PostsynSharing { get; }

        /// <summary>Delays: presynaptic sharing in blocks (repeat_interleave) instead of tiles.</summary>
        public bool PresynInterleaved { get; }

        /// <summary>Neurons: tau_syn / tau_mem, which picks the solver model.</summary>
        public double G { get; }

        /// <summary>A <c>bias_spikes</c> layer of <paramref name="times"/> times.</summary>
        public static PlanLayer BiasSpikes(int times) => new PlanLayer(PlanLayerKind.BiasSpikes, times, default, 1, 1, false, 0);

        /// <summary>A <c>multiplex</c> layer.</summary>
        public static PlanLayer Multiplex(int factor) => new PlanLayer(PlanLayerKind.Multiplex, factor, default, 1, 1, false, 0);

        /// <summary>A <c>broadcast</c> layer.</summary>
        public static PlanLayer Broadcast() => new PlanLayer(PlanLayerKind.Broadcast, 0, default, 1, 1, false, 0);

        /// <summary>A <c>delays</c> layer.</summary>
        public static PlanLayer Delays(DelayPlacement kind, int presynSharing, int postsynSharing, bool presynInterleaved) =>
            new PlanLayer(PlanLayerKind.Delays, 0, kind, presynSharing, postsynSharing, presynInterleaved, 0);

        /// <summary>A <c>neurons</c> layer of <paramref name="size"/> neurons with g = tau_syn / tau_mem.</summary>
        public static PlanLayer Neurons(int size, double g) => new PlanLayer(PlanLayerKind.Neurons, size, default, 1, 1, false, g);
    }
}
