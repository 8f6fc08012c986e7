using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Training;
using static LanguageExt.Prelude;

namespace DelGrad.Tests.Core;

/// <summary>
/// The trainer prepares each batch's parameters into the previous batch's lane buffers
/// (<see cref="Network.Prepare(NetworkParameters, PreparedParameters?)"/>): the recycled layouts must give exactly what a
/// fresh preparation gives, for the shared lanes (no delays) and the synaptic lanes (delays), equal and double tau.
/// </summary>
public class PreparedRecycleTests
{
    public static TheoryData<double, DelayKind?> Cases() => new()
    {
        { 1.0, null },
        { 2.0, null },
        { 2.0, DelayKind.Synaptic },
        { 1.0, DelayKind.Synaptic },
        { 2.0, DelayKind.Axonal },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RecycledLaneBuffersGiveTheBitsOfAFreshPreparation(double tauMem, DelayKind? delays)
    {
        var neuron = NeuronParameters.Create(tauMem, 1.0, 1.0).SuccessToSeq().Head;
        LayerSpec Wiring() => delays is DelayKind kind ? new DelayLayer(kind, new Positivity.Sigmoid()) : new BroadcastLayer();
        var spec = NetworkSpec.Create(4, Seq(Wiring(), new NeuronLayer(30, neuron), Wiring(), new NeuronLayer(3, neuron))).ThrowIfFail();
        var inits = spec.Layout.Blocks.Map(b => b.Kind == ParameterKind.Weights ? new InitSpec(1, 1) : new InitSpec(0, 0.5));
        var network = Network.Compile(spec);
        var data = Splits.YinYang(new DataOptions(TrainSize: 100, ValidationSize: 1, TestSize: 1)).Train;
        var loss = new LossSpec.ShiftInvariantMse(0.2);
        var ws = network.CreateWorkspace();

        double[] Run(PreparedParameters prepared)
        {
            var result = new List<double>();
            ws.ClearGradient();
            for (int k = 0; k < data.Count; k++)
            {
                result.AddRange(network.Forward(prepared, data.Inputs.AsSpan(k * 4, 4), ws).ToArray());
                network.Backward(prepared, loss, data.Labels[k], ws, 1.0 / data.Count);
            }

            result.AddRange(network.FlushDelayGradients(prepared, ws).ToArray());
            return [.. result];
        }

        var first = network.Prepare(Initialisation.Draw(spec, inits, seed: 1));
        var firstResult = Run(first); // builds the lane layouts of the first parameter set
        var second = Initialisation.Draw(spec, inits, seed: 2);
        var recycled = network.Prepare(second, recycle: first);
        var recycledResult = Run(recycled);
        var freshResult = Run(network.Prepare(second));

        Assert.Equal(freshResult, recycledResult);
        Assert.NotEqual(firstResult, recycledResult); // the second set really replaced the first in the buffers
        Assert.Same(first.BuiltLanes, recycled.BuiltLanes); // and no new buffers were allocated
    }
}
