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

        /// <summary>
        /// The smallest membrane slope dV/dt at a spike of the last forward pass (hidden and label neurons), or +infinity
        /// when not checked. Near-grazing crossings (slope ~ 0) amplify last-bit differences of the exponentials.
        /// </summary>
        double MinSpikeSlope(ReadOnlySpan<double> p) => double.PositiveInfinity;
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

        // Layout: stage 0 raw delays [0, 120), weights [120, 240); stage 1 delays [240, 330), weights [330, 420);
        // i-major (i * outputs + j); effective delay = sigmoid(raw) (the default positivity of the spec). Double-tau (tau_syn = 1, tau_mem = 2): PSP slope h (2h - 1) with h = exp(-(t - a) / 2).
        public double MinSpikeSlope(ReadOnlySpan<double> p)
        {
            double min = double.PositiveInfinity;
            for (int stage = 0; stage < 2; stage++)
            {
                var input = net.Vector(stage);
                var output = net.Vector(stage + 1);
                int nIn = input.Length, nOut = output.Length, delayOffset = stage == 0 ? 0 : 240, weightOffset = stage == 0 ? 120 : 330;
                for (int j = 0; j < nOut; j++)
                {
                    double t = output[j];
                    if (!double.IsFinite(t))
                    {
                        continue;
                    }

                    double slope = 0;
                    for (int i = 0; i < nIn; i++)
                    {
                        double raw = p[delayOffset + (i * nOut) + j];
                        double a = input[i] + (1.0 / (1.0 + Math.Exp(-raw)));
                        if (double.IsFinite(a) && a <= t)
                        {
                            double h = Math.Exp(-0.5 * (t - a));
                            slope += p[weightOffset + (i * nOut) + j] * h * ((2.0 * h) - 1.0);
                        }
                    }

                    min = Math.Min(min, slope);
                }
            }

            return min;
        }
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

    private static void Compare(double expected, double actual, string what, List<string> mismatches)
    {
        bool ok = double.IsInfinity(expected) || double.IsNaN(expected)
            ? expected.Equals(actual)
            : Math.Abs(expected - actual) <= 1e-12 * Math.Max(1.0, Math.Abs(expected));
        if (!ok)
        {
            mismatches.Add($"{what}: {expected} vs {actual}");
        }
    }

    // Samples with a spike whose membrane slope is below this are near-grazing: skipped, counted, and bounded.
    private const double GrazingSlope = 1e-3;

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
        int grazingBatches = 0, skipped = 0;
        gen.Sample((p, inputs, labels) =>
        {
            var prepared = network.Prepare(new NetworkParameters(p));
            var mismatches = new List<string>();
            bool grazing = false;
            for (int b = 0; b < batch; b++)
            {
                var input = inputs.AsSpan(b * compiled.Inputs, compiled.Inputs);
                var expected = network.Forward(prepared, input, ws).ToArray();
                var actual = compiled.Forward(p, input);
                grazing |= compiled.MinSpikeSlope(p) < GrazingSlope;
                for (int k = 0; k < expected.Length; k++)
                {
                    Compare(expected[k], actual[k], $"output {k}", mismatches);
                }
            }

            var indices = Enumerable.Range(0, batch).ToArray();
            var result = evaluator.Evaluate(prepared, compiled.Loss, inputs, labels, indices);
            double loss = compiled.TrainStep(p, inputs, labels, gradient);
            Compare(result.MeanLoss, loss, "loss", mismatches);
            var g = result.Gradient.Span;
            for (int k = 0; k < gradient.Length; k++)
            {
                Compare(g[k], gradient[k], $"gradient {k}", mismatches);
            }

            grazingBatches += grazing ? 1 : 0;
            if (mismatches.Count > 0 && grazing)
            {
                skipped++;
                return;
            }

            Assert.True(mismatches.Count == 0, string.Join("; ", mismatches.Take(5)));
        }, iter: 300, threads: 1);

        // The product-form exponentials may differ from the runtime's in the last bits, which a near-grazing crossing
        // (membrane slope at a spike ~ 0) amplifies. Only such batches may differ, and they must stay a small fraction
        // (CsCheck favours boundary values such as w = 2, whose PSP peak is exactly the threshold, so exact grazing is
        // common here: about half of the batches are near-grazing, about 10% of all batches differ).
        Assert.True(skipped <= 45, $"{skipped} of 300 batches differ at a near-grazing spike (slope < {GrazingSlope}; {grazingBatches} near-grazing)");
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
