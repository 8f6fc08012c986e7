using CsCheck;
using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Specs;
using DelGrad.Specs.Format;

namespace DelGrad.Generators.Tests;

/// <summary>The build-time networks reproduce the runtime <see cref="Network"/> exactly.</summary>
public sealed class NetworkEquivalenceTests
{
    internal static Network Runtime(string file)
    {
        string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Specs", file));
        var root = JsonParser.TryParse(text, out _)!;
        var sink = new List<SpecDiagnostic>();
        var doc = NetworkReader.Read(root["network"]!["layers"]!, "network.layers", (int)root["network"]!["inputs"]!.Number, false, sink);
        Assert.Empty(sink);
        return Network.Compile(SpecMapper.ToSpec(doc).ThrowIfFail());
    }

    private interface ICompiled
    {
        int Inputs { get; }

        int Outputs { get; }

        int ParameterCount { get; }

        LossSpec Loss { get; }

        ReadOnlySpan<double> Forward(ReadOnlySpan<double> p, ReadOnlySpan<double> input);

        double TrainStep(ReadOnlySpan<double> p, ReadOnlySpan<double> inputs, ReadOnlySpan<int> labels, Span<double> gradient);
    }

    private sealed class H30 : ICompiled
    {
        private readonly YinyangH30WsNetwork net = new();

        public int Inputs => YinyangH30WsNetwork.Inputs;

        public int Outputs => YinyangH30WsNetwork.Outputs;

        public int ParameterCount => YinyangH30WsNetwork.ParameterCount;

        public LossSpec Loss => YinyangH30WsNetwork.Loss;

        public ReadOnlySpan<double> Forward(ReadOnlySpan<double> p, ReadOnlySpan<double> input) => net.Forward(p, input);

        public double TrainStep(ReadOnlySpan<double> p, ReadOnlySpan<double> inputs, ReadOnlySpan<int> labels, Span<double> gradient) => net.TrainStep(p, inputs, labels, gradient);
    }

    private sealed class FastAndDeep : ICompiled
    {
        private readonly FastanddeepNetwork net = new();

        public int Inputs => FastanddeepNetwork.Inputs;

        public int Outputs => FastanddeepNetwork.Outputs;

        public int ParameterCount => FastanddeepNetwork.ParameterCount;

        public LossSpec Loss => FastanddeepNetwork.Loss;

        public ReadOnlySpan<double> Forward(ReadOnlySpan<double> p, ReadOnlySpan<double> input) => net.Forward(p, input);

        public double TrainStep(ReadOnlySpan<double> p, ReadOnlySpan<double> inputs, ReadOnlySpan<int> labels, Span<double> gradient) => net.TrainStep(p, inputs, labels, gradient);
    }

    private sealed class Mixed : ICompiled
    {
        private readonly MixedWiringNetwork net = new();

        public int Inputs => MixedWiringNetwork.Inputs;

        public int Outputs => MixedWiringNetwork.Outputs;

        public int ParameterCount => MixedWiringNetwork.ParameterCount;

        public LossSpec Loss => MixedWiringNetwork.Loss;

        public ReadOnlySpan<double> Forward(ReadOnlySpan<double> p, ReadOnlySpan<double> input) => net.Forward(p, input);

        public double TrainStep(ReadOnlySpan<double> p, ReadOnlySpan<double> inputs, ReadOnlySpan<int> labels, Span<double> gradient) => net.TrainStep(p, inputs, labels, gradient);
    }

    private static void Close(double expected, double actual, string what)
    {
        if (double.IsInfinity(expected) || double.IsNaN(expected))
        {
            Assert.True(expected.Equals(actual), $"{what}: {expected} vs {actual}");
            return;
        }

        Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Max(1.0, Math.Abs(expected)), $"{what}: {expected} vs {actual}");
    }

    private static void Equivalent(ICompiled compiled, string file, double weightLow, double weightHigh)
    {
        var network = Runtime(file);
        Assert.Equal(network.ParameterCount, compiled.ParameterCount);
        Assert.Equal(network.Inputs, compiled.Inputs);
        Assert.Equal(network.Outputs, compiled.Outputs);
        var ws = network.CreateWorkspace();
        var evaluator = new BatchEvaluator(network);
        const int batch = 5;
        var gen = Gen.Select(
            Gen.Double[weightLow, weightHigh].Array[compiled.ParameterCount],
            Gen.Double[0.0, 2.0].Array[batch * compiled.Inputs],
            Gen.Int[0, compiled.Outputs - 1].Array[batch]);
        var gradient = new double[compiled.ParameterCount];
        gen.Sample((p, inputs, labels) =>
        {
            var prepared = network.Prepare(new NetworkParameters(p));
            for (int b = 0; b < batch; b++)
            {
                var input = inputs.AsSpan(b * compiled.Inputs, compiled.Inputs);
                var expected = network.Forward(prepared, input, ws).ToArray();
                var actual = compiled.Forward(p, input);
                for (int k = 0; k < expected.Length; k++)
                {
                    Close(expected[k], actual[k], $"output {k}");
                }
            }

            var indices = Enumerable.Range(0, batch).ToArray();
            var result = evaluator.Evaluate(prepared, compiled.Loss, inputs, labels, indices);
            double loss = compiled.TrainStep(p, inputs, labels, gradient);
            Close(result.MeanLoss, loss, "loss");
            var g = result.Gradient.Span;
            for (int k = 0; k < gradient.Length; k++)
            {
                Close(g[k], gradient[k], $"gradient {k}");
            }
        }, iter: 300, threads: 1);
    }

    [Fact]
    public void H30WsMatchesRuntime() => Equivalent(new H30(), "yinyang-h30-ws.delgrad.json", -0.5, 2.0);

    [Fact]
    public void FastAndDeepMatchesRuntime() => Equivalent(new FastAndDeep(), "fastanddeep.delgrad.json", -0.3, 1.0);

    [Fact]
    public void MixedWiringMatchesRuntime() => Equivalent(new Mixed(), "mixed-wiring.delgrad.json", -0.5, 2.5);

    [Fact]
    public void ForwardAndTrainStepAllocateNothing()
    {
        var net = new YinyangH30WsNetwork();
        var p = Enumerable.Range(0, YinyangH30WsNetwork.ParameterCount).Select(i => 0.5 + (0.3 * Math.Sin(i))).ToArray();
        var inputs = new double[] { 0.1, 0.9, 0.4, 0.6, 0.3, 0.2, 0.8, 0.5 };
        var labels = new[] { 0, 2 };
        var gradient = new double[YinyangH30WsNetwork.ParameterCount];
        net.TrainStep(p, inputs, labels, gradient);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            net.TrainStep(p, inputs, labels, gradient);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Contains(gradient, x => x != 0);
    }
}
