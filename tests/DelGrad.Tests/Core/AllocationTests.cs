using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Training;
using static LanguageExt.Prelude;

namespace DelGrad.Tests.Core;

public class AllocationTests
{
    public static TheoryData<double, DelayKind?> Cases() => new()
    {
        { 1.0, null },
        { 2.0, DelayKind.Synaptic },
        { 2.0, DelayKind.Axonal },
        { 1.5, DelayKind.Dendritic },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardAndBackwardAllocateNothingPerSample(double tauMem, DelayKind? delays)
    {
        var neuron = NeuronParameters.Create(tauMem, 1.0, 1.0).SuccessToSeq().Head;
        LayerSpec Wiring() => delays is DelayKind kind ? new DelayLayer(kind, new Positivity.Sigmoid()) : new BroadcastLayer();
        var spec = NetworkSpec.Create(4, Seq(Wiring(), new NeuronLayer(30, neuron), Wiring(), new NeuronLayer(3, neuron))).ThrowIfFail();
        var inits = spec.Layout.Blocks.Map(b => b.Kind == ParameterKind.Weights ? new InitSpec(1, 1) : new InitSpec(0, 0.5));
        var network = Network.Compile(spec);
        var prepared = network.Prepare(Initialisation.Draw(spec, inits, seed: 1));
        var ws = network.CreateWorkspace();
        var data = Splits.YinYang(new DataOptions(TrainSize: 200, ValidationSize: 1, TestSize: 1)).Train;
        var loss = new LossSpec.ShiftInvariantMse(0.2);

        void Run()
        {
            for (int k = 0; k < data.Count; k++)
            {
                network.Forward(prepared, data.Inputs.AsSpan(k * 4, 4), ws);
                network.Backward(prepared, loss, data.Labels[k], ws, 1.0 / data.Count);
            }
        }

        Assert.Equal(0, LeastAllocated(Run));
        Assert.Contains(ws.Output.ToArray(), double.IsFinite); // the passes did real work
    }

    /// The bytes the least-allocating of three passes of <paramref name="run"/> allocated on this thread, after warm-up.
    internal static long LeastAllocated(Action run)
    {
        for (int warmUp = 0; warmUp < 5; warmUp++)
        {
            run(); // JIT tiers, static initialisers
        }

        // Background tier-up can still be charged to this thread once; a kernel that allocated per sample
        // would allocate in every pass (one object per sample at least), so the least of three passes must be zero.
        long least = long.MaxValue;
        for (int pass = 0; pass < 3; pass++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            run();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
