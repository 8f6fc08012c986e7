using CsCheck;
using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Solvers;
using DelGrad.Specs;

namespace DelGrad.Generators.Tests;

/// <summary>The build-time networks reproduce the runtime <see cref="Network"/> exactly.</summary>
public sealed class NetworkEquivalenceTests
{
    internal static Network Runtime(string file)
    {
        string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Specs", file));
        return Network.Compile(SpecMapper.ReadNetwork(text, file).ThrowIfFail());
    }

    // Everything one batch produces: label-layer times of each sample, the mean loss, the gradient.
    private static double[] Results(ReadOnlySpan<double> outputs, double loss, ReadOnlySpan<double> gradient) =>
        [.. outputs, loss, .. gradient];

    // Smallest relative membrane slope at a spike of the last forward pass: V'(t) / sum_i |w_i psp'(t - a_i)| over the
    // causal inputs. Near 0 the crossing grazes the threshold: dt/dw ~ 1/V' is undefined in the limit, and rounding
    // alone decides its size, however little the runtime moves under perturbations (when dL/dt is tiny).
    private static double MinRelativeSlope(Network network, Workspace ws, double[] p)
    {
        double min = double.PositiveInfinity;
        for (int l = 0; l < network.NeuronLayerCount; l++)
        {
            var n = network.NeuronStages[l];
            var solver = new GeneralSolver(n.Constants);
            int vector = network.NeuronOutputVector(l), nIn = n.InSize, nOut = n.OutSize;
            for (int j = 0; j < nOut; j++)
            {
                double t = ws.Activations[network.ActivationOffset(vector) + j], boundary = ws.Boundaries[network.ActivationOffset(vector) + j];
                if (!double.IsFinite(t))
                {
                    continue;
                }

                double slope = 0, magnitude = 0;
                for (int i = 0; i < nIn; i++)
                {
                    double a = ws.Arrivals[n.ArrivalOffset + (i * nOut) + j];
                    if (a <= boundary)
                    {
                        double term = p[n.WeightOffset + (i * nOut) + j] * GeneralSolver.PspSlope(solver, t - a);
                        slope += term;
                        magnitude += Math.Abs(term);
                    }
                }

                min = Math.Min(min, magnitude > 0 ? slope / magnitude : 0.0);
            }
        }

        return min;
    }

    private static double[] RuntimeResults(Network network, Workspace ws, BatchEvaluator evaluator, LossSpec loss, double[] p, double[] inputs, int[] labels)
    {
        var prepared = network.Prepare(new NetworkParameters(p));
        int batch = labels.Length;
        var outputs = new List<double>();
        for (int b = 0; b < batch; b++)
        {
            outputs.AddRange(network.Forward(prepared, inputs.AsSpan(b * network.Inputs, network.Inputs), ws).ToArray());
        }

        var result = evaluator.Evaluate(prepared, loss, inputs, labels, Enumerable.Range(0, batch).ToArray());
        return Results(outputs.ToArray(), result.MeanLoss, result.Gradient.Span);
    }

    private static bool Close(double expected, double actual) =>
        double.IsFinite(expected)
            ? Math.Abs(expected - actual) <= 1e-12 * Math.Max(1.0, Math.Abs(expected))
            : expected.Equals(actual);

    // Relative size of the perturbations that measure how sensitive a result is to its inputs' last bits.
    private const double Perturbation = 1e-13;

    /// <summary>
    /// The generated network must agree with the runtime to 1e-12 (relative, or absolute below 1). The generated code
    /// computes the same closed forms in another order (product-form exponentials, lanes, other summation orders), so
    /// where a result is ill-conditioned the two may differ by more: a crossing that grazes the threshold appears or
    /// vanishes with the last bit (a jump in the spike time), a small membrane slope amplifies rounding. Such a
    /// difference is accepted only in a batch where the runtime itself moves by more than 1e-10 when every parameter and
    /// input is perturbed by 1e-13 relative (an amplification above 1e3), where every difference is within that
    /// movement, or where a spike grazes the threshold (membrane slope below 1e-4 of its terms); those batches are
    /// counted and bounded. A bug shows up as a difference in a well-conditioned batch.
    /// </summary>
    private static void Equivalent(ICompiledNetwork compiled, LossSpec loss, string file, double weightLow, double weightHigh, double maxDwNorm = double.PositiveInfinity)
    {
        var network = Runtime(file);
        compiled.MaxDwNorm = maxDwNorm;
        Assert.Equal(network.ParameterCount, compiled.ParameterCount);
        Assert.Equal(network.Inputs, compiled.Inputs);
        Assert.Equal(network.Outputs, compiled.Outputs);
        var ws = network.CreateWorkspace();
        var evaluator = new BatchEvaluator(network) { MaxDwNorm = maxDwNorm };
        const int batch = 5, iterations = 300;
        var gen = Gen.Select(
            Gen.Double[weightLow, weightHigh].Array[compiled.ParameterCount],
            Gen.Double[0.0, 2.0].Array[batch * compiled.Inputs],
            Gen.Int[0, compiled.Outputs - 1].Array[batch]);
        var gradient = new double[compiled.ParameterCount];
        int illConditioned = 0;
        gen.Sample((p, inputs, labels) =>
        {
            var expected = RuntimeResults(network, ws, evaluator, loss, p, inputs, labels);
            var prepared = network.Prepare(new NetworkParameters(p));
            double minSlope = double.PositiveInfinity;
            for (int b = 0; b < batch; b++)
            {
                network.Forward(prepared, inputs.AsSpan(b * compiled.Inputs, compiled.Inputs), ws);
                minSlope = Math.Min(minSlope, MinRelativeSlope(network, ws, p));
            }

            var outputs = new List<double>();
            compiled.Prepare(p);
            for (int b = 0; b < batch; b++)
            {
                outputs.AddRange(compiled.Forward(inputs.AsSpan(b * compiled.Inputs, compiled.Inputs)).ToArray());
            }

            double meanLoss = compiled.TrainStep(p, inputs, labels, gradient);
            var actual = Results(outputs.ToArray(), meanLoss, gradient);
            var differing = Enumerable.Range(0, expected.Length).Where(k => !Close(expected[k], actual[k])).ToArray();
            if (differing.Length == 0)
            {
                return;
            }

            // The runtime's own spread under last-bit perturbations: all parameters scaled up or down together (weights
            // scale the membrane, so a grazing crossing flips for one sign), every parameter and input moved by its own
            // random amount (breaks ties between equal arrivals, which CsCheck's repeated values create).
            var spread = new double[expected.Length];
            var random = new Random(7);
            var pr = p.Select(_ => (2 * random.NextDouble()) - 1).ToArray();
            var xr = inputs.Select(_ => (2 * random.NextDouble()) - 1).ToArray();
            var perturbations = new[]
            {
                (p.Select(x => x * (1 + Perturbation)).ToArray(), inputs),
                (p.Select(x => x * (1 - Perturbation)).ToArray(), inputs),
                (p.Select((x, k) => x * (1 + (pr[k] * Perturbation))).ToArray(), inputs.Select((x, i) => x + (xr[i] * Perturbation * Math.Max(1.0, Math.Abs(x)))).ToArray()),
                (p.Select((x, k) => x * (1 - (pr[k] * Perturbation))).ToArray(), inputs.Select((x, i) => x - (xr[i] * Perturbation * Math.Max(1.0, Math.Abs(x)))).ToArray()),
            };
            foreach (var (pp, xx) in perturbations)
            {
                var perturbed = RuntimeResults(network, ws, evaluator, loss, pp, xx, labels);
                for (int k = 0; k < spread.Length; k++)
                {
                    double d = Math.Abs(perturbed[k] - expected[k]);
                    spread[k] = Math.Max(spread[k], double.IsNaN(d) ? double.PositiveInfinity : d);
                }
            }

            // Ill-conditioned: some result moves by more than 1e-10 (relative, or absolute below 1) under the 1e-13
            // perturbations, an amplification above 1e3, so rounding-level differences of the two paths (a few ulps)
            // can exceed 1e-12. A spike that appears or vanishes has an infinite spread.
            bool ill = Enumerable.Range(0, expected.Length).Any(k => !(spread[k] <= 1e-10 * (double.IsFinite(expected[k]) ? Math.Max(1.0, Math.Abs(expected[k])) : 1.0)));

            // Or every difference is one the runtime itself makes under those perturbations (a max_dw_norm decision
            // at its threshold flips a tiny weight gradient to 0 and back).
            bool withinSpread = differing.All(k => Math.Abs(actual[k] - expected[k]) <= spread[k]);

            // Or a spike grazes the threshold (see MinRelativeSlope).
            bool grazing = !(minSlope >= 1e-4);
            Assert.True(
                ill || withinSpread || grazing,
                string.Join("; ", differing.Take(5).Select(k => $"result {k}: runtime {expected[k]:R} vs generated {actual[k]:R} (runtime spread {spread[k]:G3})")));
            illConditioned++;
        }, iter: iterations, threads: 1);

        // CsCheck favours boundary values (w = 2 puts a double-tau PSP peak exactly on the threshold), so grazing is
        // common in this test; in training it is rare.
        Assert.True(illConditioned <= iterations / 5, $"{illConditioned} of {iterations} batches differ (all ill-conditioned)");
    }

    [Fact]
    public void H30WsMatchesRuntime() => Equivalent(new YinyangH30WsNetwork(), YinyangH30WsNetwork.Loss, "yinyang-h30-ws.delgrad.json", -0.5, 2.0);

    // max_dw_norm drops the weight gradient of a (sample, neuron) whose largest term exceeds it: every kernel path
    // must make the same choice (0.02 on the gradient of the batch mean drops a good part of them here).
    [Fact]
    public void H30WsMatchesRuntimeWithMaxDwNorm() => Equivalent(new YinyangH30WsNetwork(), YinyangH30WsNetwork.Loss, "yinyang-h30-ws.delgrad.json", -0.5, 2.0, maxDwNorm: 0.02);

    [Fact]
    public void FastAndDeepMatchesRuntimeWithMaxDwNorm() => Equivalent(new FastanddeepNetwork(), FastanddeepNetwork.Loss, "fastanddeep.delgrad.json", -0.5, 2.0, maxDwNorm: 0.02);

    [Fact]
    public void FastAndDeepMatchesRuntime() => Equivalent(new FastanddeepNetwork(), FastanddeepNetwork.Loss, "fastanddeep.delgrad.json", -0.5, 2.0);

    [Fact]
    public void H30WaMatchesRuntime() => Equivalent(new YinyangH30WaNetwork(), YinyangH30WaNetwork.Loss, "yinyang-h30-wa.delgrad.json", -0.5, 2.0);

    [Fact]
    public void H30WaMatchesRuntimeWithMaxDwNorm() => Equivalent(new YinyangH30WaNetwork(), YinyangH30WaNetwork.Loss, "yinyang-h30-wa.delgrad.json", -0.5, 2.0, maxDwNorm: 0.02);

    [Fact]
    public void MixedWiringMatchesRuntime() => Equivalent(new MixedWiringNetwork(), MixedWiringNetwork.Loss, "mixed-wiring.delgrad.json", -0.5, 4.0);

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
