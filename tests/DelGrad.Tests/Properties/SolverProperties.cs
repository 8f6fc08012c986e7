using CsCheck;
using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Solvers;
using LanguageExt;

namespace DelGrad.Tests.Properties;

/// <summary>
/// Properties of the three spike-time solvers, checked against the membrane itself
/// (V(t) = sum_causal w_i Psp(t - a_i)) rather than against another implementation.
/// </summary>
public class SolverProperties
{
    /// <summary>One random neuron input: weights, sorted finite arrivals, C = threshold - leak, tau_syn, g.</summary>
    public sealed record Case(double[] W, double[] A, double C, double TauSyn, double G)
    {
        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant(
            $"W = [{string.Join(", ", W.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}], A = [{string.Join(", ", A.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}], C = {C:R}, TauSyn = {TauSyn:R}, G = {G:R}");
    }

    // Weights mostly positive (3 in 4) with some inhibition; arrivals over a few tau_syn.
    private static Gen<Case> Cases(Gen<double> g) =>
        Gen.Int[1, 8].SelectMany(n => Gen.Select(
            Gen.Double[-1.0, 3.0].Array[n],
            Gen.Double[0.0, 5.0].Array[n],
            Gen.Double[0.3, 2.0],
            Gen.Double[0.5, 3.0],
            g,
            (w, a, c, tau, gg) =>
            {
                // Weights in units of what the PSP peak needs, so every ratio spikes about as often as g = 1.
                double unit = Math.Exp(-1.0) / PspPeak(gg);
                for (int i = 0; i < a.Length; i++)
                {
                    a[i] *= tau;
                    w[i] *= unit;
                }

                Array.Sort(a);
                return new Case(w, a, c, tau, gg);
            }));

    /// <summary>Solver kind and ratio g = tau_syn / tau_mem (NaN: random in [0.2, 5]).</summary>
    public static TheoryData<string, double> Solvers() => new()
    {
        { "equal", 1.0 },
        { "double", 0.5 },
        { "general", double.NaN },
        { "general", 1.0 },
        { "general", 0.5 },
        { "general", 1.0 + 1e-3 },
        { "general", 1.0 - 1e-3 },
        { "general", 1.0 + 1e-8 },
        { "general", 0.2 },
        { "general", 5.0 },
    };

    private static Gen<double> RatioGen(double g) => double.IsNaN(g) ? Gen.Double[0.2, 5.0] : Gen.Const(g);

    /// <summary>Dispatches to the solver's static members.</summary>
    private static double Spike(string kind, Case x, double[] w, double[] a, out int causal)
    {
        var k = new NeuronConstants(x.TauSyn, x.G, x.C);
        return kind switch
        {
            "equal" => EqualTauSolver.SpikeTime(new EqualTauSolver(k), w, a, out causal),
            "double" => DoubleTauSolver.SpikeTime(new DoubleTauSolver(k), w, a, out causal),
            _ => GeneralSolver.SpikeTime(new GeneralSolver(k), w, a, out causal),
        };
    }

    private static double Spike(string kind, Case x, out int causal) => Spike(kind, x, x.W, x.A, out causal);

    // max_s Psp(s) in units of tau_syn: at s* = ln(g) / (g - 1) (s* = 1 at g = 1).
    private static double PspPeak(double g) => Psp(g, 1.0, Math.Abs(g - 1.0) < 1e-9 ? 1.0 : Math.Log(g) / (g - 1.0));

    // The PSP evaluated independently of the solvers (in absolute time), zero before the arrival.
    internal static double Psp(double g, double tauSyn, double s)
    {
        if (s < 0)
        {
            return 0.0;
        }

        double u = s / tauSyn;
        return Math.Abs(1.0 - g) < 1e-6 ? u * Math.Exp(-u) * (1.0 + (0.5 * (1.0 - g) * u)) : (Math.Exp(-g * u) - Math.Exp(-u)) / (1.0 - g);
    }

    internal static double PspSlope(double g, double tauSyn, double s)
    {
        if (s < 0)
        {
            return 0.0;
        }

        double u = s / tauSyn;
        double e = 1.0 - g;
        double d = Math.Abs(e) < 1e-6 ? Math.Exp(-u) * (((1.0 - u) * (1.0 + (0.5 * e * u))) + (0.5 * e * u)) : (Math.Exp(-u) - (g * Math.Exp(-g * u))) / e;
        return d / tauSyn;
    }

    private static (double V, double Scale) Membrane(Case x, double s, int count)
    {
        double v = 0, scale = 0;
        for (int i = 0; i < count; i++)
        {
            if (x.A[i] <= s)
            {
                double term = x.W[i] * Psp(x.G, x.TauSyn, s - x.A[i]);
                v += term;
                scale += Math.Abs(term);
            }
        }

        return (v, scale);
    }

    private static double Slope(Case x, double t, int count)
    {
        double d = 0;
        for (int i = 0; i < count; i++)
        {
            d += x.W[i] * PspSlope(x.G, x.TauSyn, t - x.A[i]);
        }

        return d;
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void SpikeIsTheFirstThresholdCrossing(string kind, double g)
    {
        int spiking = 0, silent = 0;
        Cases(RatioGen(g)).Sample(x =>
        {
            int n = x.A.Length;
            double t = Spike(kind, x, out int k);
            Assert.False(double.IsNaN(t));
            if (double.IsPositiveInfinity(t))
            {
                Interlocked.Increment(ref silent);
                Assert.Equal(0, k);
                double end = x.A[^1] + (20 * x.TauSyn);
                for (int p = 0; p <= 400; p++)
                {
                    double s = x.A[0] + ((end - x.A[0]) * p / 400.0);
                    var (v, scale) = Membrane(x, s, n);
                    Assert.True(v < x.C + (1e-9 * Math.Max(scale, x.C)), $"silent but V({s:R}) = {v:R} >= C = {x.C:R}");
                }

                return;
            }

            Interlocked.Increment(ref spiking);
            Assert.InRange(k, 1, n);
            Assert.True(x.A[k - 1] <= t && (k == n || t <= x.A[k]), $"t = {t:R} outside its causal interval");
            var (vt, sc) = Membrane(x, t, k);
            Assert.True(Math.Abs(vt - x.C) <= 1e-9 * Math.Max(sc, x.C), $"V(t) = {vt:R}, C = {x.C:R}");
            for (int p = 0; p < 200; p++)
            {
                double s = x.A[0] + ((t - x.A[0]) * p / 200.0);
                var (v, scale) = Membrane(x, s, n);
                Assert.True(v <= x.C + (1e-9 * Math.Max(scale, x.C)), $"V({s:R}) = {v:R} above C = {x.C:R} before t = {t:R}");
            }
        }, iter: 1200);
        Assert.True(spiking > 150 && silent > 50, $"generator balance: {spiking} spiking, {silent} silent");
    }

    [Theory]
    [InlineData("equal", 1.0)]
    [InlineData("double", 0.5)]
    public void GeneralSolverAgreesWithClosedForms(string kind, double g)
    {
        int compared = 0, grazing = 0;
        Cases(Gen.Const(g)).Sample(x =>
        {
            double closed = Spike(kind, x, out int kc);
            double general = Spike("general", x, out int kg);
            if (double.IsFinite(closed) && double.IsFinite(general) && kc == kg && Slope(x, closed, kc) * x.TauSyn < 1e-3 * x.C)
            {
                Interlocked.Increment(ref grazing); // a tangential crossing: the time is ill-conditioned
                return;
            }

            if (double.IsFinite(closed) != double.IsFinite(general))
            {
                // Only a grazing maximum (V_max = C to rounding) may be decided differently.
                double t = double.IsFinite(closed) ? closed : general;
                int k = Math.Max(kc, kg);
                Assert.True(Math.Abs(Slope(x, t, k)) * x.TauSyn < 1e-6 * x.C, $"closed {closed:R} vs general {general:R} on a non-grazing case");
                Interlocked.Increment(ref grazing);
                return;
            }

            Interlocked.Increment(ref compared);
            Assert.Equal(kc, kg);
            if (double.IsFinite(closed))
            {
                Assert.True(Math.Abs(closed - general) <= 1e-12 * Math.Max(1.0, Math.Abs(closed)), $"closed {closed:R} vs general {general:R}: {Math.Abs(closed - general):E2}");
            }
        }, iter: 3000);
        Assert.True(grazing < compared / 50 + 1, $"{grazing} grazing of {compared + grazing}");
        Assert.True(compared > 2500);
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void NeverNaNAndInfinityExactlyWhenSilent(string kind, double g)
    {
        // Extreme weights, coincident arrivals, large absolute times.
        var extreme = Gen.Int[1, 10].SelectMany(n => Gen.Select(
            Gen.Double[-50.0, 50.0].Array[n],
            Gen.Int[0, 3].Array[n],
            Gen.Double[-1e3, 1e4],
            Gen.Double[0.05, 3.0],
            RatioGen(g),
            (w, slots, offset, c, gg) =>
            {
                var a = slots.Select(s => offset + (0.5 * s)).Order().ToArray();
                return new Case(w, a, c, 1.0, gg);
            }));
        extreme.Sample(x =>
        {
            double t = Spike(kind, x, out int k);
            Assert.False(double.IsNaN(t));
            Assert.False(double.IsNegativeInfinity(t));
            Assert.Equal(k == 0, double.IsPositiveInfinity(t));
            if (k > 0)
            {
                Assert.True(t >= x.A[k - 1] && (k == x.A.Length || t <= x.A[k]));
            }
        }, iter: 2000);

        // Degenerate inputs: none, all-zero weights, all-inhibitory.
        var empty = new Case([], [], 1.0, 1.0, double.IsNaN(g) ? 1.7 : g);
        Assert.Equal(double.PositiveInfinity, Spike(kind, empty, out int k0));
        Assert.Equal(0, k0);
        var zero = new Case([0.0, 0.0], [0.0, 1.0], 1.0, 1.0, empty.G);
        Assert.Equal(double.PositiveInfinity, Spike(kind, zero, out _));
        var inhibitory = new Case([-5.0, -1.0], [0.0, 0.5], 1.0, 1.0, empty.G);
        Assert.Equal(double.PositiveInfinity, Spike(kind, inhibitory, out _));
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void LateInputDoesNotChangeTheSpike(string kind, double g)
    {
        Gen.Select(Cases(RatioGen(g)), Gen.Double[1e-6, 5.0], Gen.Double[-50.0, 50.0]).Sample((x, delay, wLate) =>
        {
            double t = Spike(kind, x, out int k);
            if (!double.IsFinite(t))
            {
                return;
            }

            double late = t + (delay * x.TauSyn);
            var a = x.A.Append(late).ToArray();
            var w = x.W.Append(wLate).ToArray();
            var order = Enumerable.Range(0, a.Length).OrderBy(i => a[i]).ToArray();
            double t2 = Spike(kind, x, order.Select(i => w[i]).ToArray(), order.Select(i => a[i]).ToArray(), out int k2);
            Assert.Equal(k, k2);
            Assert.True(Math.Abs(t2 - t) <= 1e-12 * Math.Max(x.TauSyn, Math.Abs(t)), $"{t:R} -> {t2:R}");
        }, iter: 1500);
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void ShiftingAllArrivalsShiftsTheSpike(string kind, double g)
    {
        int grazing = 0, checkedCount = 0;
        Gen.Select(Cases(RatioGen(g)), Gen.Double[-50.0, 50.0]).Sample((x, d) =>
        {
            double t = Spike(kind, x, out int k);
            var shifted = x with { A = x.A.Select(a => a + d).ToArray() };
            double ts = Spike(kind, shifted, out int ks);
            double slope = double.IsFinite(t) ? Slope(x, t, k) * x.TauSyn / x.C : 1.0;
            if (slope < 1e-3 || double.IsFinite(t) != double.IsFinite(ts))
            {
                // Rounding of a + D moves a grazing crossing (or decides a grazing maximum) arbitrarily.
                Assert.True(slope < 1e-3 || GrazingMaximum(kind, x), $"pattern changed under a shift by {d:R}: {t:R} -> {ts:R}");
                Interlocked.Increment(ref grazing);
                return;
            }

            Interlocked.Increment(ref checkedCount);
            Assert.Equal(k, ks);
            if (double.IsFinite(t))
            {
                double scale = Math.Max(x.TauSyn, Math.Abs(t)) + Math.Abs(d);
                Assert.True(Math.Abs(ts - (t + d)) <= 1e-12 * scale / Math.Min(1.0, slope), $"{t:R} + {d:R} -> {ts:R}");
            }
        }, iter: 1500);
        Assert.True(grazing * 50 < checkedCount, $"{grazing} grazing of {grazing + checkedCount}");
    }

    // True when the membrane's maximum is within rounding of threshold (a silent/spiking decision may flip).
    private static bool GrazingMaximum(string kind, Case x)
    {
        double end = x.A[^1] + (20 * x.TauSyn), max = double.NegativeInfinity;
        for (int p = 0; p <= 4000; p++)
        {
            max = Math.Max(max, Membrane(x, x.A[0] + ((end - x.A[0]) * p / 4000.0), x.A.Length).V);
        }

        return Math.Abs(max - x.C) < 1e-3 * x.C;
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void RaisingAnExcitatoryCausalWeightNeverDelaysTheSpike(string kind, double g)
    {
        int checkedCount = 0;
        Gen.Select(Cases(RatioGen(g)), Gen.Int[0, 7], Gen.Double[0.0, 1.0]).Sample((x, pick, factor) =>
        {
            double t = Spike(kind, x, out int k);
            if (!double.IsFinite(t))
            {
                return;
            }

            int i = pick % k;
            if (!(x.W[i] > 0))
            {
                return;
            }

            var w = (double[])x.W.Clone();
            w[i] = (w[i] * (1.0 + factor)) + 1e-9;
            double t2 = Spike(kind, x, w, x.A, out _);
            Interlocked.Increment(ref checkedCount);
            Assert.True(t2 <= t + (1e-12 * Math.Max(x.TauSyn, Math.Abs(t))), $"raising w[{i}] delayed the spike {t:R} -> {t2:R}");
        }, iter: 3000);
        Assert.True(checkedCount > 300, $"only {checkedCount} checked");
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void InputTimeGradientsSumToOne(string kind, double g)
    {
        int spiking = 0, grazing = 0;
        Cases(RatioGen(g)).Sample(x =>
        {
            double tauMem = kind == "equal" ? x.TauSyn : kind == "double" ? 2.0 * x.TauSyn : x.TauSyn / x.G;
            var neuron = NeuronParameters.Create(tauMem, x.TauSyn, x.C).Match(p => p, e => throw new InvalidOperationException(e.Head.Message));
            var spec = NetworkSpec.Create(x.A.Length, Prelude.toSeq(new LayerSpec[] { new NeuronLayer(1, neuron) })).ThrowIfFail();
            var network = Network.Compile(spec);
            var ws = network.CreateWorkspace();

            // Present the inputs in reverse order: the network must sort them itself.
            var input = x.A.Reverse().ToArray();
            var prepared = network.Prepare(new NetworkParameters(x.W.Reverse().ToArray()));
            var output = network.Forward(prepared, input, ws).ToArray();
            var inputGradient = new double[x.A.Length];
            ws.ClearGradient();
            network.BackwardFromOutputGradient(prepared, [1.0], ws, inputGradient);
            Assert.False(double.IsNaN(output[0]));
            if (!double.IsFinite(output[0]))
            {
                Assert.All(inputGradient, v => Assert.Equal(0.0, v));
                return;
            }

            // Each entry is w_i Psp'(t - a_i) / V'(t) over the causal set (and 0 for inputs after t).
            double t = output[0];
            double vSlope = 0;
            for (int i = 0; i < x.A.Length; i++)
            {
                vSlope += x.A[i] <= t ? x.W[i] * PspSlope(x.G, x.TauSyn, t - x.A[i]) : 0.0;
            }

            if (vSlope * x.TauSyn < 1e-6 * x.C)
            {
                Interlocked.Increment(ref grazing); // tangential crossing: no derivative (the kernel reports 0)
                return;
            }

            Interlocked.Increment(ref spiking);
            double sum = inputGradient.Sum(), magnitude = inputGradient.Sum(Math.Abs);
            Assert.True(Math.Abs(sum - 1.0) <= 1e-9 * Math.Max(1.0, magnitude), $"sum of dt/da_i = {sum:R}, t = {output[0]:R}");

            for (int r = 0; r < input.Length; r++)
            {
                int i = input.Length - 1 - r;
                double expected = x.A[i] <= t ? x.W[i] * PspSlope(x.G, x.TauSyn, t - x.A[i]) / vSlope : 0.0;
                Assert.True(Math.Abs(inputGradient[r] - expected) <= 1e-7 * Math.Max(1.0, magnitude), $"dt/da[{i}] = {inputGradient[r]:R}, expected {expected:R}");
            }
        }, iter: 1000);
        Assert.True(spiking > 100 && grazing * 50 < spiking, $"{spiking} spiking, {grazing} grazing");
    }
}
