using CsCheck;
using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Solvers;
using DelGrad.Specs;
using DelGrad.Specs.Format;

namespace DelGrad.Tests.Core;

/// <summary>The runtime kernel runs layers whose constants match a built-in generated neuron on that struct.</summary>
public class BuiltInSolverDispatchTests
{
    private static NetworkSpec Spec(string hidden, string label, string delays = "")
    {
        string text = "{ \"inputs\": 4, \"layers\": [ { \"type\": \"bias_spikes\", \"times\": [0.9] }, " + delays + "{ \"type\": \"neurons\", \"size\": 7, " + hidden + " }, "
            + "{ \"type\": \"delays\", \"kind\": \"synaptic\", \"positivity\": { \"name\": \"sigmoid\", \"shift\": 0.0, \"scale\": 1.0 } }, { \"type\": \"neurons\", \"size\": 3, " + label + " } ] }";
        var root = JsonParser.TryParse(text, out var error);
        Assert.True(root != null, error?.Message);
        var sink = new List<SpecDiagnostic>();
        var doc = NetworkReader.Read(root!["layers"]!, "network.layers", 4, false, sink);
        Assert.True(sink.Count == 0, string.Join("; ", sink.Select(d => d.Message)));
        return SpecMapper.ToSpec(doc).ThrowIfFail();
    }

    private const string DelGrad = "\"tau_mem\": 2.0, \"tau_syn\": 1.0, \"threshold\": 1.0";
    private const string FastAndDeep = "\"tau_mem\": 1.0, \"tau_syn\": 1.0, \"threshold\": 1.0";

    [Fact]
    public void LayersWithBuiltInConstantsUseTheGeneratedStructs()
    {
        var network = Network.Compile(Spec(DelGrad, FastAndDeep));
        Assert.Equal(typeof(DelGradNeuron), network.NeuronLayerSolver(0));
        Assert.Equal(typeof(FastAndDeepNeuron), network.NeuronLayerSolver(1));

        var runtime = Network.CompileWithRuntimeSolvers(Spec(DelGrad, FastAndDeep));
        Assert.Equal(typeof(DoubleTauSolver), runtime.NeuronLayerSolver(0));
        Assert.Equal(typeof(EqualTauSolver), runtime.NeuronLayerSolver(1));
    }

    [Fact]
    public void OtherConstantsKeepTheRuntimeSolvers()
    {
        // Same ratios, other time scale or threshold: the built-in literals would be wrong.
        var network = Network.Compile(Spec("\"tau_mem\": 4.0, \"tau_syn\": 2.0, \"threshold\": 1.0", "\"tau_mem\": 1.0, \"tau_syn\": 1.0, \"threshold\": 0.8"));
        Assert.Equal(typeof(DoubleTauSolver), network.NeuronLayerSolver(0));
        Assert.Equal(typeof(EqualTauSolver), network.NeuronLayerSolver(1));
        var general = Network.Compile(Spec("\"tau_mem\": 3.0, \"tau_syn\": 1.0, \"threshold\": 1.0", "\"tau_mem\": 2.0, \"tau_syn\": 1.0, \"threshold\": 1.0, \"leak\": 0.1"));
        Assert.Equal(typeof(GeneralSolver), general.NeuronLayerSolver(0));
        Assert.Equal(typeof(DoubleTauSolver), general.NeuronLayerSolver(1));
    }

    [Theory]
    [InlineData(DelGrad, DelGrad)]
    [InlineData(FastAndDeep, FastAndDeep)]
    [InlineData(DelGrad, FastAndDeep)]
    public void BuiltInPathIsBitIdenticalToTheRuntimeSolvers(string hidden, string label)
    {
        var spec = Spec(hidden, label, "{ \"type\": \"delays\", \"kind\": \"axonal\", \"positivity\": { \"name\": \"clip\" } }, ");
        var builtIn = Network.CompileWithoutLanes(spec); // the solvers compared, not the lane kernels
        var runtime = Network.CompileWithRuntimeSolvers(spec);
        Assert.NotEqual(builtIn.NeuronLayerSolver(0), runtime.NeuronLayerSolver(0));
        var loss = new LossSpec.Ttfs(0.2);
        var wsB = builtIn.CreateWorkspace();
        var wsR = runtime.CreateWorkspace();
        var evalB = new BatchEvaluator(builtIn);
        var evalR = new BatchEvaluator(runtime);
        const int batch = 4;
        int spiking = 0;
        Gen.Select(Gen.Double[-0.2, 2.5].Array[spec.Layout.Count], Gen.Double[0.0, 2.0].Array[batch * 4], Gen.Int[0, 2].Array[batch]).Sample((p, inputs, labels) =>
        {
            var pb = builtIn.Prepare(new NetworkParameters(p));
            var pr = runtime.Prepare(new NetworkParameters(p));
            for (int b = 0; b < batch; b++)
            {
                var input = inputs.AsSpan(b * 4, 4);
                var expected = runtime.Forward(pr, input, wsR).ToArray();
                var actual = builtIn.Forward(pb, input, wsB).ToArray();
                Assert.Equal(expected, actual);
                spiking += expected.Count(double.IsFinite);
            }

            var indices = Enumerable.Range(0, batch).ToArray();
            var rr = evalR.Evaluate(pr, loss, inputs, labels, indices);
            var rb = evalB.Evaluate(pb, loss, inputs, labels, indices);
            Assert.Equal(rr.MeanLoss, rb.MeanLoss);
            Assert.Equal(rr.Gradient.ToArray(), rb.Gradient.ToArray());
        }, iter: 200, threads: 1);
        Assert.True(spiking > 100, $"only {spiking} label spikes: the comparison would be vacuous");
    }
}
