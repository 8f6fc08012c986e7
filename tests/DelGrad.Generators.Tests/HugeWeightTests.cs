using DelGrad.Kernel;
using DelGrad.Model;

namespace DelGrad.Generators.Tests;

/// <summary>
/// Issue 13: weights so large that A^2 overflows (>= ~1e154) make a neuron spike at its first arrival, on the lane kernels
/// of the runtime network and of the generated networks alike (before, the lanes' discriminant overflowed to NaN).
/// </summary>
public sealed class HugeWeightTests
{
    public static TheoryData<double> Weights() => [1e155, 1e200, 1e300, double.MaxValue / 4, double.MaxValue];

    // Every weight set to w, every raw delay to 0: each neuron of each layer fires at its earliest arrival.
    private static void SpikesAtFirstArrival(ICompiledNetwork compiled, string spec, double w, double[] input) =>
        SpikesAtFirstArrival(compiled, NetworkEquivalenceTests.Runtime(spec), w, input, lanes: true);

    private static void SpikesAtFirstArrival(ICompiledNetwork compiled, Network network, double w, double[] input, bool lanes)
    {
        var p = new double[network.ParameterCount];
        foreach (var n in network.NeuronStages)
        {
            Array.Fill(p, w, n.WeightOffset, n.InSize * n.OutSize);
        }

        var prepared = network.Prepare(new NetworkParameters(p));
        var ws = network.CreateWorkspace();
        network.Forward(prepared, input, ws);
        compiled.Prepare(p);
        compiled.Forward(input);
        var arrivals = network.ArrivalMatrix(ws);
        int spikes = 0;
        for (int l = 0; l < network.NeuronLayerCount; l++)
        {
            var n = network.NeuronStages[l];
            var runtime = ws.NeuronLayerOutput(l);
            var generated = compiled.Vector(network.NeuronOutputVector(l));
            bool lanesRan = n.Lanes switch
            {
                LaneKind.Synaptic => ws.SynapticScratch[n.Ordinal]!.Active,
                LaneKind.Shared => ws.SharedScratch[n.Ordinal]!.Active,
                _ => false,
            };
            Assert.True(lanesRan == (lanes && System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated), $"layer {l}: the lane kernels ran: {lanesRan}");
            for (int j = 0; j < n.OutSize; j++)
            {
                double first = double.PositiveInfinity;
                for (int i = 0; i < n.InSize; i++)
                {
                    double a = arrivals[n.ArrivalOffset + (i * n.OutSize) + j];
                    if (double.IsFinite(a))
                    {
                        first = Math.Min(first, a);
                    }
                }

                Assert.True(double.IsFinite(first), $"w = {w:R}: layer {l} neuron {j} has no arrival");
                double tol = 1e-9 * (1.0 + Math.Abs(first));
                Assert.True(Math.Abs(runtime[j] - first) <= tol, $"w = {w:R}: runtime layer {l} neuron {j} fired at {runtime[j]:R}, first arrival {first:R}");
                Assert.True(Math.Abs(generated[j] - first) <= tol, $"w = {w:R}: generated layer {l} neuron {j} fired at {generated[j]:R}, first arrival {first:R}");
                spikes++;
            }
        }

        Assert.True(spikes > 10);
    }

    // Dendritic delays run no lanes: the generated network's scalar path (DoubleTauMath through ShiftedArrivals) and the
    // runtime's scalar solver. The inlined loop the generator emitted before it called DoubleTauMath had no overflow branch.
    [Theory]
    [MemberData(nameof(Weights))]
    public void DoubleTauH30WdOnTheScalarPathSpikesAtTheFirstInput(double w) =>
        SpikesAtFirstArrival(new global::DelGrad.YinyangH30WdNetwork(), Network.Compile(global::DelGrad.YinyangH30WdNetwork.Spec), w, [0.35, 1.6, 0.9, 0.15], lanes: false);

    [Theory]
    [MemberData(nameof(Weights))]
    public void DoubleTauH30WsSpikesAtTheFirstInput(double w) =>
        SpikesAtFirstArrival(new YinyangH30WsNetwork(), "yinyang-h30-ws.delgrad.json", w, [0.35, 1.6, 0.9, 0.15]);

    [Theory]
    [MemberData(nameof(Weights))]
    public void EqualTauFastAndDeepSpikesAtTheFirstInput(double w)
    {
        var input = Enumerable.Range(0, FastanddeepNetwork.Inputs).Select(i => 0.1 + (0.37 * i % 1.7)).ToArray();
        SpikesAtFirstArrival(new FastanddeepNetwork(), "fastanddeep.delgrad.json", w, input);
    }
}
