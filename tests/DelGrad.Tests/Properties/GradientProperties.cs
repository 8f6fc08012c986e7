using DelGrad.Kernel;
using DelGrad.Losses;
using DelGrad.Model;
using Xunit.Abstractions;

namespace DelGrad.Tests.Properties;

/// <summary>
/// Analytic gradients (weights, raw delays, input times) against central finite differences on small
/// random networks, for every solver, delay kind and loss. Samples where the derivative does not exist
/// or finite differences cannot see it are skipped and counted: a spiking neuron whose membrane slope at
/// its spike is below <see cref="SlopeBound"/> (near-grazing), or a finite-difference step that changes
/// any neuron's spike/no-spike state or causal set. The seeds are fixed so the counts are reproducible.
/// </summary>
public class GradientProperties(ITestOutputHelper output)
{
    private const int Samples = 60;
    private const double SlopeBound = 0.05;
    private const double MaxSkipFraction = 0.2;

    private static readonly LossSpec[] Losses =
    [
        new LossSpec.Ttfs(0.5, 0.05, 2.0),
        new LossSpec.ShiftInvariantMse(0.3),
        new LossSpec.Mse(1.5, 2.5),
    ];

    public static TheoryData<string, DelayConfig> Cases()
    {
        var data = new TheoryData<string, DelayConfig>();
        foreach (var solver in new[] { "equal", "double", "general1.5", "general3" })
        {
            foreach (var d in RandomNetworks.DelayConfigs)
            {
                data.Add(solver, d);
            }
        }

        return data;
    }

    private static int StableSeed(string text) => text.Aggregate(17, (h, c) => unchecked((h * 31) + c));

    [Theory]
    [MemberData(nameof(Cases))]
    public void AnalyticGradientsMatchCentralDifferences(string solver, DelayConfig delays)
    {
        var rng = new Random(StableSeed(solver + "/" + delays.Name));
        int samples = 0, grazing = 0, patternChanged = 0, silentLabel = 0, checkedLosses = 0, comparisons = 0, nonZero = 0;
        double worst = 0;
        for (int sample = 0; sample < Samples; sample++)
        {
            samples++;
            var (nIn, nHidden, nLabels) = RandomNetworks.Sizes(delays, rng);
            var spec = RandomNetworks.Spec(solver, delays, nIn, nHidden, nLabels);
            var network = Network.Compile(spec);
            var theta = RandomNetworks.Parameters(spec, rng);
            var input = Enumerable.Range(0, nIn).Select(_ => network.NeuronStages[0].Constants.TauSyn * (0.15 + (1.85 * rng.NextDouble()))).ToArray();
            int label = rng.Next(nLabels);
            var ws = network.CreateWorkspace();
            var prepared = network.Prepare(new NetworkParameters(theta));
            var baseOut = network.Forward(prepared, input, ws).ToArray();
            var basePattern = RandomNetworks.Pattern(network, ws);
            if (RandomNetworks.MinSlope(network, prepared, ws) < SlopeBound)
            {
                grazing++;
                continue;
            }

            // Finite differences over every parameter and every input time; all losses share the passes.
            int p = theta.Length, total = p + nIn;
            var plus = new double[total][];
            var minus = new double[total][];
            var steps = new double[total];
            bool changed = false;
            var fdWs = network.CreateWorkspace();
            for (int k = 0; k < total && !changed; k++)
            {
                double x = k < p ? theta[k] : input[k - p];
                double h = 1e-6 * Math.Max(1.0, Math.Abs(x));
                steps[k] = h;
                for (int sign = -1; sign <= 1; sign += 2)
                {
                    var th = (double[])theta.Clone();
                    var inp = (double[])input.Clone();
                    if (k < p)
                    {
                        th[k] = x + (sign * h);
                    }
                    else
                    {
                        inp[k - p] = x + (sign * h);
                    }

                    var o = network.Forward(network.Prepare(new NetworkParameters(th)), inp, fdWs).ToArray();
                    if (!RandomNetworks.Pattern(network, fdWs).AsSpan().SequenceEqual(basePattern))
                    {
                        changed = true;
                        break;
                    }

                    (sign < 0 ? minus : plus)[k] = o;
                }
            }

            if (changed)
            {
                patternChanged++;
                continue;
            }

            double tauSyn = network.NeuronStages[^1].Constants.TauSyn;
            var scratch = new double[nLabels];
            foreach (var loss in Losses)
            {
                // Parameter gradient through Backward.
                ws.ClearGradient();
                network.Forward(prepared, input, ws);
                double value = network.Backward(prepared, loss, label, ws);
                var gradient = network.FlushDelayGradients(prepared, ws).ToArray();
                Assert.Equal(LossFunctions.Evaluate(loss, baseOut, label, tauSyn, scratch), value);
                if (value == LossSpec.SilentLoss)
                {
                    silentLabel++;
                    Assert.All(gradient, g => Assert.Equal(0.0, g));
                    continue;
                }

                // Input gradient (and the same parameter gradient) through BackwardFromOutputGradient.
                var dOut = new double[nLabels];
                LossFunctions.Evaluate(loss, baseOut, label, tauSyn, dOut);
                var inputGradient = new double[nIn];
                ws.ClearGradient();
                network.Forward(prepared, input, ws);
                network.BackwardFromOutputGradient(prepared, dOut, ws, inputGradient);
                Assert.Equal(gradient, network.FlushDelayGradients(prepared, ws).ToArray());

                checkedLosses++;
                for (int k = 0; k < total; k++)
                {
                    double lp = LossFunctions.Evaluate(loss, plus[k], label, tauSyn, scratch);
                    double lm = LossFunctions.Evaluate(loss, minus[k], label, tauSyn, scratch);
                    double fd = (lp - lm) / (2 * steps[k]);
                    double g = k < p ? gradient[k] : inputGradient[k - p];
                    double err = Math.Abs(g - fd);
                    worst = Math.Max(worst, err / (1e-5 + (1e-4 * Math.Abs(g))));
                    comparisons++;
                    nonZero += Math.Abs(g) > 1e-3 ? 1 : 0;
                    Assert.True(
                        err <= 1e-5 + (1e-4 * Math.Abs(g)),
                        $"{solver}/{delays.Name}/{loss}: sample {sample}, {(k < p ? $"parameter {k} ({Describe(spec, k)})" : $"input {k - p}")}: analytic {g:R} vs central difference {fd:R}");
                }
            }
        }

        int skipped = grazing + patternChanged;
        output.WriteLine($"{solver}/{delays.Name}: {samples} samples, {grazing} near-grazing, {patternChanged} pattern changes, {silentLabel} silent (sample, loss) pairs, {checkedLosses} (sample, loss) pairs checked, {comparisons} comparisons, worst error {worst:F3} x tolerance");
        Assert.True(skipped <= MaxSkipFraction * samples, $"{skipped} of {samples} samples skipped ({grazing} grazing, {patternChanged} pattern changes)");
        Assert.True(nonZero * 4 >= comparisons, $"only {nonZero} of {comparisons} gradient entries are non-negligible");
        Assert.True(checkedLosses >= Samples, $"only {checkedLosses} (sample, loss) pairs checked; {silentLabel} silent");
    }

    private static string Describe(NetworkSpec spec, int index)
    {
        var block = spec.Layout.Blocks.Find(b => index >= b.Offset && index < b.Offset + b.Count).IfNone(() => throw new InvalidOperationException());
        int local = index - block.Offset;
        return $"layer {block.LayerIndex} {block.Kind} [{local / block.Columns}][{local % block.Columns}]";
    }
}
