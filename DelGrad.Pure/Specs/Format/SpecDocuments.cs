// Shared source (see JsonNode.cs): the plain document model a spec file reads into. The runtime maps
// it to immutable records; the generator maps it to specialized code.
#nullable enable
using System.Collections.Generic;
using DelGrad.Specs.Plan;

namespace DelGrad.Specs.Format
{
    /// <summary>Base of the layer documents; remembers where the layer stood in its file.</summary>
    internal abstract class LayerDoc
    {
        /// <summary>The layer's JSON path, e.g. <c>network.layers[1]</c>.</summary>
        public string Path { get; set; } = string.Empty;

        /// <summary>1-based line of the layer object.</summary>
        public int Line { get; set; }

        /// <summary>1-based column of the layer object.</summary>
        public int Column { get; set; }

        /// <summary>Size of the spike vector this layer receives (filled by the reader).</summary>
        public int InputSize { get; set; }

        /// <summary>Size of the spike vector this layer produces (filled by the reader).</summary>
        public int OutputSize { get; set; }
    }

    /// <summary><c>bias_spikes</c>: append fixed spike times.</summary>
    internal sealed class BiasSpikesDoc : LayerDoc
    {
        /// <summary>The appended times.</summary>
        public double[] Times { get; set; } = new double[0];
    }

    /// <summary><c>multiplex</c>: copy each spike <c>Factor</c> times in place (repeat_interleave).</summary>
    internal sealed class MultiplexDoc : LayerDoc
    {
        /// <summary>The copy factor.</summary>
        public int Factor { get; set; } = 1;
    }

    /// <summary><c>broadcast</c>: the next neuron layer receives the vector without delays.</summary>
    internal sealed class BroadcastDoc : LayerDoc
    {
    }

    /// <summary>Normal-distribution initialisation of a parameter block.</summary>
    internal sealed class InitDoc
    {
        /// <summary>Mean.</summary>
        public double Mean { get; set; }

        /// <summary>Standard deviation.</summary>
        public double Std { get; set; }
    }

    /// <summary><c>delays</c>: transmission delays for the next neuron layer.</summary>
    internal sealed class DelaysDoc : LayerDoc
    {
        /// <summary>Synaptic, axonal or dendritic.</summary>
        public DelayPlacement Kind { get; set; }

        /// <summary>True for <c>sigmoid</c> positivity (shift + scale * sigmoid(p)); false for <c>clip</c>.</summary>
        public bool Sigmoid { get; set; } = true;

        /// <summary>Sigmoid shift.</summary>
        public double Shift { get; set; }

        /// <summary>Sigmoid scale.</summary>
        public double Scale { get; set; } = 1.0;

        /// <summary>Presynaptic sharing factor (raw block tiled along the presynaptic axis).</summary>
        public int PresynSharing { get; set; } = 1;

        /// <summary>True for the <c>repeat_interleave</c> presynaptic sharing order (see <see cref="DelaySharing"/>).</summary>
        public bool PresynInterleaved { get; set; }

        /// <summary>Postsynaptic sharing factor (raw block tiled along the postsynaptic axis).</summary>
        public int PostsynSharing { get; set; } = 1;

        /// <summary>Rows of the raw parameter block.</summary>
        public int RawRows { get; set; }

        /// <summary>Columns of the raw parameter block.</summary>
        public int RawColumns { get; set; }

        /// <summary>Raw parameters, row-major [RawRows * RawColumns], when the file gives them.</summary>
        public double[]? Raw { get; set; }

        /// <summary>Initialisation of the raw parameters, when the file gives it.</summary>
        public InitDoc? Init { get; set; }
    }

    /// <summary><c>neurons</c>: a layer of LIF neurons.</summary>
    internal sealed class NeuronsDoc : LayerDoc
    {
        /// <summary>Number of neurons.</summary>
        public int Size { get; set; }

        /// <summary>Membrane time constant.</summary>
        public double TauMem { get; set; }

        /// <summary>Synaptic time constant.</summary>
        public double TauSyn { get; set; }

        /// <summary>Threshold.</summary>
        public double Threshold { get; set; }

        /// <summary>Leak (resting) potential.</summary>
        public double Leak { get; set; }

        /// <summary>Leak conductance, tau_syn / tau_mem.</summary>
        public double GLeak { get; set; }

        /// <summary>Weights row-major [InputSize * Size] when the file gives them.</summary>
        public double[]? Weights { get; set; }

        /// <summary>Initialisation of the weights, when the file gives it.</summary>
        public InitDoc? Init { get; set; }
    }

    /// <summary>A network: the input size and the layers in order.</summary>
    internal sealed class NetworkDoc
    {
        /// <summary>Number of input spikes per sample.</summary>
        public int Inputs { get; set; }

        /// <summary>The layers.</summary>
        public List<LayerDoc> Layers { get; } = new List<LayerDoc>();

        /// <summary>The layers planned into stages (filled by the reader; stage layer indices index <see cref="Layers"/>).</summary>
        public NetworkPlan Plan { get; set; } = new NetworkPlanner(0).Finish();
    }

    /// <summary>The loss on the label layer.</summary>
    internal sealed class LossDoc
    {
        /// <summary><c>TTFS</c>, <c>shift_invariant_MSE</c> or <c>MSE</c>.</summary>
        public string Type { get; set; } = "TTFS";

        /// <summary>TTFS softmax temperature.</summary>
        public double Xi { get; set; } = 0.2;

        /// <summary>TTFS early-output regulariser factor (0 = off).</summary>
        public double Alpha { get; set; }

        /// <summary>TTFS early-output regulariser time scale.</summary>
        public double Beta { get; set; } = 1.0;

        /// <summary>Shift-invariant MSE target gap.</summary>
        public double DeltaT { get; set; } = 0.2;

        /// <summary>MSE target time of the correct label neuron.</summary>
        public double TargetCorrect { get; set; } = 1.0;

        /// <summary>MSE target time of the wrong label neurons.</summary>
        public double TargetWrong { get; set; } = 2.0;
    }
}
