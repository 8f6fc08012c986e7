using System.Runtime.CompilerServices;
namespace DelGrad.Solvers;

/// <summary>
/// tau_mem = 2 tau_syn. In units of tau_syn the PSP is 2 (e^(-u/2) - e^-u); with x = e^(-u/2),
/// A = sum w e^(u_i/2), B = sum w e^u_i the threshold condition is B x^2 - A x + c/2 = 0. The upward
/// crossing is x = (A + sqrt(D)) / (2B), D = A^2 - 2Bc, written as c / (A - sqrt(D)) so that B -> 0
/// causes no cancellation; it exists iff D &gt;= 0 and A &gt; sqrt(D).
/// </summary>
/// <param name="Constants">The folded constants (G must be 1/2).</param>
public readonly record struct DoubleTauSolver(NeuronConstants Constants) : ISpikeTimeSolver<DoubleTauSolver>
{
    /// <inheritdoc />
    public static double SpikeTime(in DoubleTauSolver neuron, ReadOnlySpan<double> weights, ReadOnlySpan<double> arrivals, out int causalCount) =>
        Solve(neuron, weights, arrivals, default, out causalCount);

    /// <inheritdoc />
    public static bool UsesSharedFactors => true;

    /// <summary>e^((t_k - t_0) / (2 tau_syn)) for each sorted arrival: the same for every neuron of a layer.</summary>
    public static void SharedFactors(in DoubleTauSolver neuron, ReadOnlySpan<double> sortedArrivals, Span<double> factors)
    {
        double inv = neuron.Constants.InvTauSyn;
        for (int k = 0; k < sortedArrivals.Length; k++)
        {
            factors[k] = k == 0 ? 1.0 : Math.Exp(0.5 * (sortedArrivals[k] - sortedArrivals[0]) * inv);
        }
    }

    /// <inheritdoc />
    public static double SpikeTimeShared(in DoubleTauSolver neuron, ReadOnlySpan<double> weights, ReadOnlySpan<double> arrivals, ReadOnlySpan<double> factors, out int causalCount) =>
        Solve(neuron, weights, arrivals, factors, out causalCount);

    // One loop for both: h_(k+1) is computed here (and carried) unless the layer shared it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Solve(in DoubleTauSolver neuron, ReadOnlySpan<double> weights, ReadOnlySpan<double> arrivals, ReadOnlySpan<double> factors, out int causalCount)
    {
        double inv = neuron.Constants.InvTauSyn, c = neuron.Constants.C, tauSyn = neuron.Constants.TauSyn;
        int n = arrivals.Length;
        if (n == 0)
        {
            causalCount = 0;
            return double.PositiveInfinity;
        }

        double t0 = arrivals[0];
        bool shared = !factors.IsEmpty;
        double a = 0, b = 0;
        double h = 1.0; // e^((t_k - t0) / (2 tau_syn)); the next one is computed once and carried
        for (int k = 0; k < n; k++)
        {
            double wh = weights[k] * h;
            a += wh;
            b += wh * h;
            double hNext = k + 1 < n ? (shared ? factors[k + 1] : Math.Exp(0.5 * (arrivals[k + 1] - t0) * inv)) : double.PositiveInfinity;
            double d = (a * a) - (2.0 * b * c);
            if (d >= 0 && InInterval(a, d, c * h, c * hNext))
            {
                causalCount = k + 1;
                return Math.Max(arrivals[k], t0 + (2.0 * tauSyn * Math.Log((a - Math.Sqrt(d)) / c)));
            }

            h = hNext;
        }

        causalCount = 0;
        return double.PositiveInfinity;
    }

    /// <summary>
    /// Whether the candidate den = a - sqrt(d) satisfies lo &lt;= den &lt;= hi (lo = c h_k &gt; 0, so
    /// den &gt; 0 too), i.e. the spike t = t0 + 2 tau ln(den / c) lies in [t_k, t_(k+1)]. Tested on
    /// squares, so neither the square root nor the log is taken for rejected prefixes:
    /// sqrt(d) &lt;= a - lo  and  sqrt(d) &gt;= a - hi.
    /// </summary>
    public static bool InInterval(double a, double d, double lo, double hi)
    {
        double upper = a - lo, lower = a - hi;
        return upper >= 0 && d <= upper * upper && (lower <= 0 || d >= lower * lower);
    }

    /// <summary>PSP 2 h (1 - h) and its slope h (2h - 1) / tau_syn, h = e^(-u/2), from one exponential.</summary>
    public static void PspAndSlope(in DoubleTauSolver neuron, double s, out double psp, out double slope)
    {
        double inv = neuron.Constants.InvTauSyn, h = Math.Exp(-0.5 * s * inv);
        psp = 2.0 * h * (1.0 - h);
        slope = h * ((2.0 * h) - 1.0) * inv;
    }

    /// <inheritdoc />
    public static double Psp(in DoubleTauSolver neuron, double s)
    {
        double u = s * neuron.Constants.InvTauSyn, h = Math.Exp(-0.5 * u);
        return 2.0 * h * (1.0 - h);
    }

    /// <inheritdoc />
    public static double PspSlope(in DoubleTauSolver neuron, double s)
    {
        double inv = neuron.Constants.InvTauSyn, h = Math.Exp(-0.5 * s * inv);
        return h * ((2.0 * h) - 1.0) * inv;
    }
}
