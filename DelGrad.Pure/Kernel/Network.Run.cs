using DelGrad.Model;

namespace DelGrad.Kernel;

/// <content>Record-level convenience at the library's edge; the span API is the allocation-free path.</content>
public sealed partial class Network
{
    /// <summary>Every neuron layer's first spikes for one input (allocates a workspace; for exploration and tests).</summary>
    public IReadOnlyList<SpikeTrain> Run(NetworkParameters parameters, SpikeTrain input)
    {
        var workspace = CreateWorkspace();
        Forward(Prepare(parameters), input.Times.AsSpan(), workspace);
        return Enumerable.Range(0, NeuronLayerCount).Select(l => SpikeTrain.Of(workspace.NeuronLayerOutput(l))).ToArray();
    }
}
