using System.Runtime.CompilerServices;
using DelGrad.Numerics;

namespace DelGrad.Solvers;

/// <summary>
/// tau_mem = tau_syn. In units u = t / tau_syn the PSP is u e^-u, so on a causal set with
/// a = sum w e^u_i and b = sum w u_i e^u_i the threshold condition (a u - b) e^-u = c has the
/// closed form u = b/a - W0(-(c/a) e^(b/a)). The principal branch is the upward (first) crossing.
/// </summary>
/// <param name="Constants">The folded constants (G must be 1).</param>
public readonly record struct EqualTauSolver(NeuronConstants Constants) : ISpikeTimeSolver<EqualTauSolver>
{
    /// <inheritdoc />
    public static double SpikeTime(in EqualTauSolver neuron, ReadOnlySpan<double> weights, ReadOnlySpan<double> arrivals, out int causalCount) =>
        Solve(neuron, weights, arrivals, default, out causalCount);

    /// <inheritdoc />
    public static bool UsesSharedFactors => true;

    /// <summary>e^((t_k - t_0) / tau_syn) for each sorted arrival: the same for every neuron of a layer.</summary>
    public static void SharedFactors(in EqualTauSolver neuron, ReadOnlySpan<double> sortedArrivals, Span<double> factors)
    {
        double inv = neuron.Constants.InvTauSyn;
        for (int k = 0; k < sortedArrivals.Length; k++)
        {
            factors[k] = Math.Exp((sortedArrivals[k] - sortedArrivals[0]) * inv);
        }
    }

    /// <inheritdoc />
    public static double SpikeTimeShared(in EqualTauSolver neuron, ReadOnlySpan<double> weights, ReadOnlySpan<double> arrivals, ReadOnlySpan<double> factors, out int causalCount) =>
        Solve(neuron, weights, arrivals, factors, out causalCount);

    // One loop for both: the per-arrival exponential is computed here unless the layer shared it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Solve(in EqualTauSolver neuron, ReadOnlySpan<double> weights, ReadOnlySpan<double> arrivals, ReadOnlySpan<double> factors, out int causalCount)
    {
        double inv = neuron.Constants.InvTauSyn, c = neuron.Constants.C, tauSyn = neuron.Constants.TauSyn;
        int n = arrivals.Length;
        if (n == 0)
        {
            causalCount = 0;
            return double.PositiveInfinity;
        }

        // Shift by the first arrival so the exponentials stay small whatever the absolute times.
        double t0 = arrivals[0];
        bool shared = !factors.IsEmpty;
        double a = 0, b = 0;
        double eu = 1.0; // e^u_k, carried from the previous prefix's look-ahead
        for (int k = 0; k < n; k++)
        {
            double u = (arrivals[k] - t0) * inv;
            double e = weights[k] * eu;
            a += e;
            b += e * u;
            double uNext = k + 1 < n ? (arrivals[k + 1] - t0) * inv : double.PositiveInfinity;
            eu = k + 1 < n ? (shared ? factors[k + 1] : Math.Exp(uNext)) : 0.0;
            if (a <= 0)
            {
                continue; // the membrane is falling on this interval: no upward crossing
            }

            double ratio = b / a;
            if (CannotCross(ratio, a, c))
            {
                continue; // the maximum stays below threshold (decided without the exponential)
            }

            // Still rising at the next arrival and below threshold there: the crossing (if any) is
            // later, so skip the exponential and the Lambert W for this prefix. V(u') = (a u' - b) e^-u'.
            if (uNext < ratio + 1.0 && (a * uNext) - b < c * eu)
            {
                continue;
            }

            double z = -(c / a) * Math.Exp(ratio);
            if (z < -0.36787944117144233 || double.IsNaN(z))
            {
                continue; // the maximum stays below threshold
            }

            double t = t0 + tauSyn * (ratio - LambertW.W0(z));
            if (t >= arrivals[k] && (k + 1 == n || t <= arrivals[k + 1]))
            {
                causalCount = k + 1;
                return t;
            }
        }

        causalCount = 0;
        return double.PositiveInfinity;
    }

    /// <summary>
    /// A cheap sufficient test for z = -(c/a) e^r &lt; -1/e (no crossing on this prefix): for r &gt;= 0,
    /// e^r &gt;= 1 + r + r^2/2 + r^3/6, so when that bound already exceeds a / (c e) (with a 1e-9 margin
    /// for rounding) the exponential and the Lambert W are not needed. Same decision as the exact test.
    /// </summary>
    public static bool CannotCross(double r, double a, double c) =>
        r >= 0 && 1.0 + (r * (1.0 + (r * (0.5 + (r * (1.0 / 6.0)))))) > a / (c * Math.E) * (1.0 + 1e-9);

    /// <summary>PSP u e^-u and its slope (1 - u) e^-u / tau_syn from one exponential.</summary>
    public static void PspAndSlope(in EqualTauSolver neuron, double s, out double psp, out double slope)
    {
        double inv = neuron.Constants.InvTauSyn, u = s * inv, e = Math.Exp(-u);
        psp = u * e;
        slope = (1.0 - u) * e * inv;
    }

    /// <inheritdoc />
    public static double Psp(in EqualTauSolver neuron, double s)
    {
        double u = s * neuron.Constants.InvTauSyn;
        return u * Math.Exp(-u);
    }

    /// <inheritdoc />
    public static double PspSlope(in EqualTauSolver neuron, double s)
    {
        double inv = neuron.Constants.InvTauSyn, u = s * inv;
        return (1.0 - u) * Math.Exp(-u) * inv;
    }
}
