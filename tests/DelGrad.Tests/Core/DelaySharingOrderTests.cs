using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Serialization;
using DelGrad.Training;
using static LanguageExt.Prelude;

namespace DelGrad.Tests.Core;

public class DelaySharingOrderTests
{
    // 4 inputs, each copied 5 times; axonal delays shared by 5 in the given order.
    private static NetworkSpec Spec(bool interleaved, int outputs = 6) => NetworkSpec.Create(4, Seq<LayerSpec>(
        new MultiplexLayer(5),
        new DelayLayer(DelayKind.Axonal, new Positivity.Sigmoid(2.0, 1.5), PresynSharing: 5, PresynInterleaved: interleaved),
        new NeuronLayer(outputs, NeuronParameters.EqualTau(2.6)))).ThrowIfFail();

    private static NetworkParameters Parameters(NetworkSpec spec) =>
        Initialisation.Draw(spec, Seq(new InitSpec(0, 0.5), new InitSpec(0.6, 0.2)), seed: 11);

    [Theory]
    [InlineData(false, new[] { 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3 })]
    [InlineData(true, new[] { 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3 })]
    public void CopiesUseTheRawDelayTheOrderSays(bool interleaved, int[] rawOfCopy)
    {
        var spec = Spec(interleaved);
        var parameters = Parameters(spec);
        var network = Network.Compile(spec);
        var delays = network.EffectiveDelays(network.Prepare(parameters), 0);
        var raw = parameters.Block(spec.Layout.Blocks[0]);
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(new Positivity.Sigmoid(2.0, 1.5).Effective(raw[rawOfCopy[i]]), delays[i]);
        }
    }

    [Fact]
    public void InterleavedRawDelayGradientsMatchFiniteDifferences()
    {
        var spec = Spec(interleaved: true);
        var parameters = Parameters(spec);
        var network = Network.Compile(spec);
        var ws = network.CreateWorkspace();
        double[] input = [0.3, 1.1, 0.7, 1.9];
        var loss = new LossSpec.Mse(3.0, 4.0);

        double Loss(NetworkParameters p)
        {
            var w = network.CreateWorkspace();
            network.Forward(network.Prepare(p), input, w);
            return network.Backward(network.Prepare(p), loss, 0, w);
        }

        var prepared = network.Prepare(parameters);
        network.Forward(prepared, input, ws);
        Assert.Contains(ws.Output.ToArray(), double.IsFinite);
        network.Backward(prepared, loss, 0, ws);
        var gradient = network.FlushDelayGradients(prepared, ws).ToArray();
        var block = spec.Layout.Blocks[0];
        int checkedCount = 0;
        for (int k = block.Offset; k < block.Offset + block.Count; k++)
        {
            var plus = parameters.Values.ToArray();
            var minus = parameters.Values.ToArray();
            plus[k] += 1e-6;
            minus[k] -= 1e-6;
            double fd = (Loss(new NetworkParameters(plus)) - Loss(new NetworkParameters(minus))) / 2e-6;
            Assert.True(Math.Abs(gradient[k] - fd) <= 1e-6 + (1e-4 * Math.Abs(fd)), $"raw delay {k - block.Offset}: {gradient[k]} vs {fd}");
            checkedCount += fd != 0 ? 1 : 0;
        }

        Assert.True(checkedCount >= 2, "at least two raw delays must matter");
    }

    [Fact]
    public void TheOrderRoundTripsThroughConfigFiles()
    {
        var config = Tests.Training.TrainingSmokeTests.Load("yinyang-h30-ws");
        config = config with
        {
            Network = Spec(true, outputs: 3), // a config's label layer has one neuron per Yin-Yang class
            Inits = Seq(new InitSpec(0, 0.5), new InitSpec(0.6, 0.2)),
            Training = config.Training with { MaxMissingSpikes = Seq1(0.3), WeightLearningRates = Seq1(0.01), DelayLearningRates = Seq1(0.003) },
        };
        var again = ConfigReader.Parse(Serialization.ConfigWriter.Write(config), "x.json").ThrowIfFail();
        Assert.Equal(config.Network, again.Network);
    }
}
