using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Training;
using static LanguageExt.Prelude;

namespace DelGrad.Tests.Core;

public class SpikeTrainTests
{
    [Fact]
    public void SilenceIsInfinityAndTheFirstSpikeWins()
    {
        var train = SpikeTrain.Of(2.0, double.PositiveInfinity, 1.5);
        Assert.Equal(2, train.First);
        Assert.Equal(2, train.Spiking);
        Assert.Equal(SpikeTrain.Of(2.0, double.PositiveInfinity, 1.5), train);
        Assert.Equal(-1, SpikeTrain.Of(double.PositiveInfinity).First);
        Assert.Equal("[2, silent, 1.5]", train.ToString());
        Assert.Throws<ArgumentException>(() => SpikeTrain.Of(1.0, double.NaN));
    }

    [Fact]
    public void RunAgreesWithTheSpanKernel()
    {
        var neuron = NeuronParameters.DoubleTau();
        var spec = NetworkSpec.Create(4, Seq<LayerSpec>(new BroadcastLayer(), new NeuronLayer(5, neuron), new BroadcastLayer(), new NeuronLayer(3, neuron))).ThrowIfFail();
        var parameters = Initialisation.Draw(spec, Seq(new InitSpec(1, 1), new InitSpec(1, 1)), seed: 4);
        var network = Network.Compile(spec);
        var layers = network.Run(parameters, SpikeTrain.Of(0.15, 2.0, 2.0, 0.15));
        var ws = network.CreateWorkspace();
        network.Forward(network.Prepare(parameters), [0.15, 2.0, 2.0, 0.15], ws);
        Assert.Equal(2, layers.Count);
        Assert.Equal(ws.Output.ToArray(), layers[1].Times.ToArray());
        Assert.Equal(ws.NeuronLayerOutput(0).ToArray(), layers[0].Times.ToArray());
    }
}
