using DelGrad.Losses;
using DelGrad.Model;

namespace DelGrad.Kernel;

/// <summary>The runtime <see cref="Network"/> as a sample kernel: any spec, solvers chosen per layer at run time.</summary>
internal sealed class RuntimeKernel(Network network) : ISampleKernel
{
    private readonly Workspace ws = network.CreateWorkspace();
    private PreparedParameters? current;

    public string Name => "runtime";

    public double MaxDwNorm
    {
        get => ws.MaxDwNorm;
        set => ws.MaxDwNorm = value;
    }

    public void Use(PreparedParameters parameters) => current = parameters;

    public ReadOnlySpan<double> Forward(ReadOnlySpan<double> input) => network.Forward(current!, input, ws);

    public ReadOnlySpan<double> NeuronLayerOutput(int neuronLayer) => ws.NeuronLayerOutput(neuronLayer);

    public double Backward(LossSpec loss, int label, double scale) => network.Backward(current!, loss, label, ws, scale);

    public double Loss(LossSpec loss, int label) =>
        LossFunctions.Evaluate(loss, ws.Output, label, network.NeuronStages[^1].Constants.TauSyn, ws.ActivationGrads.AsSpan(0, network.Outputs));

    public void ClearGradient() => ws.ClearGradient();

    public ReadOnlySpan<double> FlushGradient() => network.FlushDelayGradients(current!, ws);
}
