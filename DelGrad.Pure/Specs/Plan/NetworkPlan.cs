// Shared source (see PlanLayer.cs): the planned network every consumer reads instead of walking the layer list.
#nullable enable
using System.Collections.Generic;
using DelGrad.Solvers;

namespace DelGrad.Specs.Plan
{
    /// <summary>
    /// A network's layer list planned once: its stages (bias spikes, multiplex, neurons), each neuron stage with its
    /// incoming delay block, and where everything lives (flat parameter offsets, raw delay shapes, arrival and expanded
    /// delay offsets). Broadcast and delay layers are not stages: a delay layer belongs to the neuron layer that receives it.
    /// </summary>
    internal sealed class NetworkPlan
    {
        internal NetworkPlan(int inputs, List<StagePlan> stages, int parameterCount, int arrivalCount, int delayCount, int maxWidth)
        {
            Inputs = inputs;
            Stages = stages;
            ParameterCount = parameterCount;
            ArrivalCount = arrivalCount;
            DelayCount = delayCount;
            MaxWidth = maxWidth;
            var neurons = new List<NeuronStagePlan>();
            foreach (var s in stages)
            {
                if (s is NeuronStagePlan n)
                {
                    neurons.Add(n);
                }
            }

            NeuronStages = neurons;
        }

        /// <summary>Input spikes per sample.</summary>
        public int Inputs { get; }

        /// <summary>The stages in order; stage k maps vector k to vector k + 1 (vector 0 is the input).</summary>
        public IReadOnlyList<StagePlan> Stages { get; }

        /// <summary>The neuron stages in order (hidden layers, then the label layer).</summary>
        public IReadOnlyList<NeuronStagePlan> NeuronStages { get; }

        /// <summary>Length of the flat parameter vector: per neuron stage its raw delays (if any), then its weights.</summary>
        public int ParameterCount { get; }

        /// <summary>Arrival matrices of all neuron stages, [in][out] each.</summary>
        public int ArrivalCount { get; }

        /// <summary>Expanded effective delays of all neuron stages.</summary>
        public int DelayCount { get; }

        /// <summary>The widest vector (input or stage output).</summary>
        public int MaxWidth { get; }

        /// <summary>Label neurons (the last stage's output).</summary>
        public int Outputs => Stages.Count == 0 ? 0 : Stages[Stages.Count - 1].OutSize;
    }

    /// <summary>One stage: maps a spike vector of <see cref="InSize"/> to one of <see cref="OutSize"/>.</summary>
    internal abstract class StagePlan
    {
        private protected StagePlan(int layerIndex, int inSize, int outSize)
        {
            LayerIndex = layerIndex;
            InSize = inSize;
            OutSize = outSize;
        }

        /// <summary>Index of the layer this stage comes from in the layer list.</summary>
        public int LayerIndex { get; }

        /// <summary>Input vector size.</summary>
        public int InSize { get; }

        /// <summary>Output vector size.</summary>
        public int OutSize { get; }
    }

    /// <summary>Appends the bias layer's times.</summary>
    internal sealed class BiasStagePlan : StagePlan
    {
        internal BiasStagePlan(int layerIndex, int inSize, int outSize)
            : base(layerIndex, inSize, outSize)
        {
        }
    }

    /// <summary>repeat_interleave copies.</summary>
    internal sealed class MultiplexStagePlan : StagePlan
    {
        internal MultiplexStagePlan(int layerIndex, int inSize, int factor)
            : base(layerIndex, inSize, checked(inSize * factor))
        {
            Factor = factor;
        }

        /// <summary>Copies per spike.</summary>
        public int Factor { get; }
    }

    /// <summary>A neuron layer with its solver model, weights and (optional) incoming delays.</summary>
    internal sealed class NeuronStagePlan : StagePlan
    {
        internal NeuronStagePlan(int layerIndex, int inSize, int outSize, NeuronModel model, int weightOffset, int arrivalOffset, DelayBlockPlan? delays)
            : base(layerIndex, inSize, outSize)
        {
            Model = model;
            WeightOffset = weightOffset;
            ArrivalOffset = arrivalOffset;
            Delays = delays;
        }

        /// <summary>The solver model, chosen once (<see cref="NeuronModelChoice"/>).</summary>
        public NeuronModel Model { get; }

        /// <summary>Start of the weights [in][out] in the flat parameters.</summary>
        public int WeightOffset { get; }

        /// <summary>Number of weights.</summary>
        public int WeightCount => checked(InSize * OutSize);

        /// <summary>Start of this stage's arrival matrix [in][out].</summary>
        public int ArrivalOffset { get; }

        /// <summary>The incoming delays, or null (broadcast).</summary>
        public DelayBlockPlan? Delays { get; }
    }

    /// <summary>A neuron stage's incoming delay block: its raw parameters and how they expand.</summary>
    internal sealed class DelayBlockPlan
    {
        internal DelayBlockPlan(int layerIndex, PlanLayer layer, int inSize, int outSize, int rawOffset, int delayOffset)
        {
            LayerIndex = layerIndex;
            Kind = layer.DelayKind;
            PresynSharing = layer.PresynSharing;
            PostsynSharing = layer.PostsynSharing;
            PresynInterleaved = layer.PresynInterleaved;
            InSize = inSize;
            OutSize = outSize;
            RawRows = Kind == DelayPlacement.Dendritic ? 1 : inSize / PresynSharing;
            RawColumns = Kind == DelayPlacement.Axonal ? 1 : outSize / PostsynSharing;
            RawOffset = rawOffset;
            DelayOffset = delayOffset;
        }

        /// <summary>Index of the delay layer in the layer list.</summary>
        public int LayerIndex { get; }

        /// <summary>Synaptic, axonal or dendritic.</summary>
        public DelayPlacement Kind { get; }

        /// <summary>Presynaptic sharing factor.</summary>
        public int PresynSharing { get; }

        /// <summary>Postsynaptic sharing factor.</summary>
        public int PostsynSharing { get; }

        /// <summary>Presynaptic sharing in blocks (repeat_interleave) instead of tiles.</summary>
        public bool PresynInterleaved { get; }

        /// <summary>Presynaptic size of the receiving layer.</summary>
        public int InSize { get; }

        /// <summary>Neurons of the receiving layer.</summary>
        public int OutSize { get; }

        /// <summary>Rows of the raw block (1 for dendritic).</summary>
        public int RawRows { get; }

        /// <summary>Columns of the raw block (1 for axonal).</summary>
        public int RawColumns { get; }

        /// <summary>Raw parameters.</summary>
        public int RawCount => checked(RawRows * RawColumns);

        /// <summary>Start of the raw block in the flat parameters.</summary>
        public int RawOffset { get; }

        /// <summary>Start of the expanded delays among all neuron stages' expanded delays.</summary>
        public int DelayOffset { get; }

        /// <summary>Expanded delays: [in][out] synaptic, [in] axonal, [out] dendritic.</summary>
        public int Count => Kind == DelayPlacement.Synaptic ? checked(InSize * OutSize) : Kind == DelayPlacement.Axonal ? InSize : OutSize;

        /// <summary>Index in the raw block of the delay between presynaptic <paramref name="i"/> and neuron <paramref name="j"/> (sharing = tiling).</summary>
        public int RawIndex(int i, int j) =>
            Kind == DelayPlacement.Synaptic ? (DelaySharing.Row(i, RawRows, PresynSharing, PresynInterleaved) * RawColumns) + DelaySharing.Column(j, RawColumns)
            : Kind == DelayPlacement.Axonal ? DelaySharing.Row(i, RawRows, PresynSharing, PresynInterleaved)
            : DelaySharing.Column(j, RawColumns);

        /// <summary>Index in the raw block of expanded delay <paramref name="k"/>.</summary>
        public int RawIndexOfExpanded(int k) =>
            Kind == DelayPlacement.Synaptic ? RawIndex(k / OutSize, k % OutSize)
            : Kind == DelayPlacement.Axonal ? RawIndex(k, 0)
            : RawIndex(0, k);
    }
}
