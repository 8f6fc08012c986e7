using CsCheck;
using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Specs;
using DelGrad.Specs.Format;

namespace DelGrad.Tests.Core;

/// <summary>
/// The shared-arrival lane kernels (<see cref="SharedLanes"/>) against the scalar solvers on MNIST-like wide layers: many
/// silent inputs, repeated arrival times, neurons that spike early, late or never, so that each group of four walks a
/// different prefix of the arrivals in the backward pass and the forward pass decides many intervals without the exponential.
/// </summary>
public class SharedLaneWideLayerTests
{
    private const int Inputs = 150;

    private static NetworkSpec Spec(string neuron, string delays)
    {
        string text = "{ \"inputs\": " + Inputs + ", \"layers\": [ " + delays + "{ \"type\": \"neurons\", \"size\": 13, " + neuron + " }, "
            + "{ \"type\": \"neurons\", \"size\": 5, " + neuron + " } ] }";
        var root = JsonParser.TryParse(text, out var error);
        Assert.True(root != null, error?.Message);
        var sink = new List<SpecDiagnostic>();
        var doc = NetworkReader.Read(root!["layers"]!, "network.layers", Inputs, false, sink);
        Assert.True(sink.Count == 0, string.Join("; ", sink.Select(d => d.Message)));
        return SpecMapper.ToSpec(doc).ThrowIfFail();
    }

    // An MNIST-like sample: about half the inputs silent, a block of equal times (saturated pixels), the rest spread.
    private static readonly Gen<double[]> Sample = Gen.Select(Gen.Double[0.15, 2.0].Array[Inputs], Gen.Int[0, 3].Array[Inputs]).Select((times, kind) =>
        times.Select((t, i) => kind[i] == 0 || kind[i] == 1 ? double.PositiveInfinity : kind[i] == 2 && i % 2 == 0 ? 0.15 : t).ToArray());

    [Theory]
    [InlineData("\"tau_mem\": 1.0, \"tau_syn\": 1.0, \"threshold\": 1.0", "")]
    [InlineData("\"tau_mem\": 2.0, \"tau_syn\": 1.0, \"threshold\": 1.0", "")]
    [InlineData("\"tau_mem\": 1.0, \"tau_syn\": 1.0, \"threshold\": 1.0", "{ \"type\": \"delays\", \"kind\": \"axonal\", \"positivity\": { \"name\": \"clip\" } }, ")]
    public void LanesMatchTheScalarSolversOnWideLayersWithSilentAndRepeatedInputs(string neuron, string delays)
    {
        var spec = Spec(neuron, delays);
        var lanes = Network.Compile(spec);
        var scalar = Network.CompileWithoutLanes(spec);
        var loss = new LossSpec.Ttfs(0.2);
        var evalLanes = new BatchEvaluator(lanes);
        var evalScalar = new BatchEvaluator(scalar);
        var wsLanes = lanes.CreateWorkspace();
        var wsScalar = scalar.CreateWorkspace();
        const int batch = 3;
        int hiddenSpikes = 0, hiddenSilent = 0, compared = 0;
        var label = spec.Layout.Blocks.Filter(b => b.Kind == ParameterKind.Weights).Last();
        Gen.Select(Gen.Double[-0.2, 0.55].Array[spec.Layout.Count], Sample.Array[batch], Gen.Int[0, 4].Array[batch]).Sample((p, samples, labels) =>
        {
            for (int i = label.Offset; i < label.Offset + label.Count; i++)
            {
                p[i] = 0.3 + (2.0 * p[i]); // the label layer's 13 inputs: strong enough that label neurons spike and carry a gradient
            }

            var parameters = new NetworkParameters(p);
            var pl = lanes.Prepare(parameters);
            var ps = scalar.Prepare(parameters);
            var inputs = samples.SelectMany(s => s).ToArray();
            for (int b = 0; b < batch; b++)
            {
                lanes.Forward(pl, samples[b], wsLanes);
                scalar.Forward(ps, samples[b], wsScalar);
                var expected = wsScalar.NeuronLayerOutput(0).ToArray();
                var actual = wsLanes.NeuronLayerOutput(0).ToArray();
                for (int j = 0; j < expected.Length; j++)
                {
                    Assert.Equal(double.IsFinite(expected[j]), double.IsFinite(actual[j]));
                    if (double.IsFinite(expected[j]))
                    {
                        Assert.True(Math.Abs(expected[j] - actual[j]) <= 1e-12 * Math.Max(1.0, Math.Abs(expected[j])), $"neuron {j}: {expected[j]:R} vs {actual[j]:R}");
                        hiddenSpikes++;
                    }
                    else
                    {
                        hiddenSilent++;
                    }
                }
            }

            var indices = Enumerable.Range(0, batch).ToArray();
            var gs = evalScalar.Evaluate(ps, loss, inputs, labels, indices).Gradient.ToArray();
            var gl = evalLanes.Evaluate(pl, loss, inputs, labels, indices).Gradient.ToArray();
            double scale = gs.Max(Math.Abs);
            for (int i = 0; i < gs.Length; i++)
            {
                Assert.True(Math.Abs(gs[i] - gl[i]) <= 1e-10 * Math.Max(scale, 1e-300), $"gradient {i}: {gs[i]:R} vs {gl[i]:R}");
                compared += gs[i] != 0 ? 1 : 0;
            }
        }, iter: 150, threads: 1);
        Assert.True(hiddenSpikes > 1000 && hiddenSilent > 200 && compared > 5000, $"{hiddenSpikes} hidden spikes, {hiddenSilent} silent, {compared} nonzero gradient entries: the comparison would miss a case");
    }
}
