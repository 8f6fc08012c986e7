using DelGrad.Model;

namespace DelGrad.Kernel;

/// <summary>
/// One worker's per-sample engine for a network: the runtime <see cref="Network"/> with its <see cref="Workspace"/>,
/// or a network compiled at build time. <see cref="BatchEvaluator"/> drives either the same way.
/// </summary>
internal interface ISampleKernel
{
    /// <summary>What the kernel runs on, for reports ("runtime" or the compiled class).</summary>
    string Name { get; }

    /// <summary>The reference's max_dw_norm; +infinity = off.</summary>
    double MaxDwNorm { get; set; }

    /// <summary>Makes <paramref name="parameters"/> current (cheap when they already are).</summary>
    void Use(PreparedParameters parameters);

    /// <summary>Runs one sample; returns the label-layer times.</summary>
    ReadOnlySpan<double> Forward(ReadOnlySpan<double> input);

    /// <summary>First-spike times of neuron layer <paramref name="neuronLayer"/> of the last sample.</summary>
    ReadOnlySpan<double> NeuronLayerOutput(int neuronLayer);

    /// <summary>Backpropagates the last sample's loss (scaled), returning the loss.</summary>
    double Backward(LossSpec loss, int label, double scale);

    /// <summary>The last sample's loss without gradients.</summary>
    double Loss(LossSpec loss, int label);

    /// <summary>Clears the gradient accumulators.</summary>
    void ClearGradient();

    /// <summary>Completes and returns the accumulated gradient.</summary>
    ReadOnlySpan<double> FlushGradient();
}
