// Shared source (see PlanLayer.cs): the one walk over a layer list ("delays are pending until the next neuron layer").
#nullable enable
using System;
using System.Collections.Generic;
using DelGrad.Solvers;

namespace DelGrad.Specs.Plan
{
    /// <summary>What is wrong with a layer list's structure.</summary>
    internal enum PlanProblemKind
    {
        /// <summary>Delays not followed directly by the neuron layer that receives them.</summary>
        MisplacedDelays,

        /// <summary>A sharing factor that does not divide the size it shares.</summary>
        BadSharing,
    }

    /// <summary>A structural problem at one layer; consumers add their own location (JSON path and line, or list index).</summary>
    internal sealed class PlanProblem
    {
        internal PlanProblem(PlanProblemKind kind, int layerIndex, string? field, string message)
        {
            Kind = kind;
            LayerIndex = layerIndex;
            Field = field;
            Message = message;
        }

        /// <summary>What is wrong.</summary>
        public PlanProblemKind Kind { get; }

        /// <summary>Index of the offending layer in the list.</summary>
        public int LayerIndex { get; }

        /// <summary>The offending field of that layer, or null for the layer as a whole.</summary>
        public string? Field { get; }

        /// <summary>The problem, without location.</summary>
        public string Message { get; }
    }

    /// <summary>
    /// Plans a layer list one layer at a time (the spec reader needs each layer's input size while it reads):
    /// <see cref="Add"/> every layer in order, then <see cref="Finish"/>. Delays stay pending until the next layer,
    /// which must be the neuron layer that receives them; their raw block is shaped by that layer's sizes.
    /// </summary>
    internal sealed class NetworkPlanner
    {
        private readonly List<StagePlan> stages = new List<StagePlan>();
        private readonly List<PlanProblem> problems = new List<PlanProblem>();
        private readonly int inputs;
        private PlanLayer pending;
        private int pendingIndex = -1;
        private int count;
        private int offset;
        private int arrivalOffset;
        private int delayOffset;
        private int maxWidth;

        /// <summary>Starts a plan for <paramref name="inputs"/> input spikes.</summary>
        public NetworkPlanner(int inputs)
        {
            this.inputs = inputs;
            Size = inputs;
            maxWidth = inputs;
        }

        /// <summary>Size of the spike vector after the layers added so far.</summary>
        public int Size { get; private set; }

        /// <summary>Structural problems found so far, in layer order.</summary>
        public IReadOnlyList<PlanProblem> Problems => problems;

        /// <summary>Plans a whole layer list.</summary>
        public static NetworkPlan Plan(int inputs, IEnumerable<PlanLayer> layers, out IReadOnlyList<PlanProblem> problems)
        {
            var planner = new NetworkPlanner(inputs);
            foreach (var layer in layers)
            {
                planner.Add(layer);
            }

            var plan = planner.Finish();
            problems = planner.Problems;
            return plan;
        }

        /// <summary>Adds the next layer; returns the stage it makes (null for broadcast and delay layers).</summary>
        public StagePlan? Add(PlanLayer layer)
        {
            int index = count++;
            if (pendingIndex >= 0 && layer.Kind != PlanLayerKind.Neurons)
            {
                Misplaced();
            }

            StagePlan? stage = null;
            switch (layer.Kind)
            {
                case PlanLayerKind.BiasSpikes:
                    stage = new BiasStagePlan(index, Size, checked(Size + layer.Count));
                    break;
                case PlanLayerKind.Multiplex:
                    stage = new MultiplexStagePlan(index, Size, layer.Count);
                    break;
                case PlanLayerKind.Delays:
                    pending = layer;
                    pendingIndex = index;
                    break;
                case PlanLayerKind.Neurons:
                    DelayBlockPlan? delays = pendingIndex >= 0 ? Receive(layer.Count) : null;
                    stage = new NeuronStagePlan(index, Size, layer.Count, NeuronModelChoice.For(layer.G), offset, arrivalOffset, delays);
                    // Sizes multiply: every product is checked, so an overflow cannot wrap into a plausible count.
                    offset = checked(offset + checked(Size * layer.Count));
                    arrivalOffset = checked(arrivalOffset + checked(Size * layer.Count));
                    break;
            }

            if (stage != null)
            {
                stages.Add(stage);
                Size = stage.OutSize;
                maxWidth = Math.Max(maxWidth, Size);
            }

            return stage;
        }

        /// <summary>Ends the list (delays left pending are misplaced) and returns the plan.</summary>
        public NetworkPlan Finish()
        {
            if (pendingIndex >= 0)
            {
                Misplaced();
            }

            return new NetworkPlan(inputs, stages, offset, arrivalOffset, delayOffset, maxWidth);
        }

        // The pending delays meet the neuron layer of `neurons` that receives them: checks the sharing and places the block.
        private DelayBlockPlan? Receive(int neurons)
        {
            var d = pending;
            int at = pendingIndex;
            pendingIndex = -1;
            if (d.PresynSharing < 1 || Size % d.PresynSharing != 0)
            {
                problems.Add(new PlanProblem(PlanProblemKind.BadSharing, at, "presyn_sharing_factor", d.PresynSharing + " does not divide the presynaptic size " + Size));
                return null;
            }

            if (d.PostsynSharing < 1 || neurons % d.PostsynSharing != 0)
            {
                problems.Add(new PlanProblem(PlanProblemKind.BadSharing, at, "postsyn_sharing_factor", d.PostsynSharing + " does not divide the postsynaptic size " + neurons));
                return null;
            }

            var block = new DelayBlockPlan(at, d, Size, neurons, offset, delayOffset);
            offset = checked(offset + block.RawCount);
            delayOffset = checked(delayOffset + block.Count);
            return block;
        }

        private void Misplaced()
        {
            problems.Add(new PlanProblem(PlanProblemKind.MisplacedDelays, pendingIndex, null, "delays must be followed directly by a neurons layer that receives them"));
            pendingIndex = -1;
        }
    }
}
