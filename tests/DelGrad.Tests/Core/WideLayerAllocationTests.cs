using DelGrad.Data.Mnist;
using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Tests.Data.Mnist;
using DelGrad.Training;
using static LanguageExt.Prelude;

namespace DelGrad.Tests.Core;

/// MNIST-wide layers (785 arrivals past the stack limit of the arrival sort, 16x16 with silent inputs) allocate nothing per sample.
public class WideLayerAllocationTests
{
    [Theory]
    [InlineData("mnist")]
    [InlineData("mnist16")]
    public void ForwardAndBackwardOnMnistInputsAllocateNothingPerSample(string dataset)
    {
        var encoding = MnistEncoding.Named(dataset)!;
        var neuron = NeuronParameters.Create(1.0, 1.0, 1.0).SuccessToSeq().Head;
        var spec = NetworkSpec.Create(encoding.Width, Seq<LayerSpec>(new BroadcastLayer(), new NeuronLayer(20, neuron), new BroadcastLayer(), new NeuronLayer(10, neuron))).ThrowIfFail();
        var network = Network.Compile(spec);
        var prepared = network.Prepare(Initialisation.Draw(spec, Seq(new InitSpec(0.05, 0.8), new InitSpec(0.6, 0.8)), seed: 1));
        var ws = network.CreateWorkspace();
        var data = Splits.Mnist(MnistFixture.Parse(MnistFixture.Synthetic(24, 6)), encoding, new DataOptions()).Train;
        var inputs = data.Inputs;
        var loss = new LossSpec.Ttfs(0.2, 0.005, 1.0);

        void Run()
        {
            for (int k = 0; k < data.Count; k++)
            {
                network.Forward(prepared, inputs.AsSpan(k * encoding.Width, encoding.Width), ws);
                network.Backward(prepared, loss, data.Labels[k], ws, 1.0 / data.Count);
            }
        }

        Assert.Equal(0, AllocationTests.LeastAllocated(Run));
        Assert.Contains(ws.Output.ToArray(), double.IsFinite);
    }
}
