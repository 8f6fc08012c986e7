using DelGrad.Losses;
using DelGrad.Model;

namespace DelGrad.Kernel;

/// <summary>
/// A network compiled at build time as a sample kernel. <paramref name="network"/> describes the same spec (it
/// supplies which vectors are neuron layers and the label layer's tau_syn).
/// </summary>
internal sealed class CompiledKernel(Network network, ICompiledNetwork compiled) : ISampleKernel
{
    private readonly int[] neuronVectors = [.. Enumerable.Range(0, network.NeuronLayerCount).Select(network.NeuronOutputVector)];
    private readonly double[] lossGrad = new double[network.Outputs];
    private PreparedParameters? current;

    public string Name => compiled.GetType().Name;

    public double MaxDwNorm
    {
        get => compiled.MaxDwNorm;
        set => compiled.MaxDwNorm = value;
    }

    public void Use(PreparedParameters parameters)
    {
        // Reference equality: the trainer prepares each parameter set once per batch.
        if (!ReferenceEquals(parameters, current))
        {
            compiled.Prepare(parameters.Parameters.Values);
            current = parameters;
        }
    }

    public ReadOnlySpan<double> Forward(ReadOnlySpan<double> input) => compiled.Forward(input);

    public ReadOnlySpan<double> NeuronLayerOutput(int neuronLayer) => compiled.Vector(neuronVectors[neuronLayer]);

    public double Backward(LossSpec loss, int label, double scale) => compiled.Backward(loss, label, scale);

    public double Loss(LossSpec loss, int label) =>
        LossFunctions.Evaluate(loss, compiled.Vector(network.Stages.Length), label, network.NeuronStages[^1].Constants.TauSyn, lossGrad);

    public void ClearGradient() => compiled.ClearGradient();

    public ReadOnlySpan<double> FlushGradient() => compiled.FlushGradient();
}
