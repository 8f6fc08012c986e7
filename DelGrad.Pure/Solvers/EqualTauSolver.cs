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
        EqualTauMath.SpikeTime(neuron.Constants, weights, arrivals, default, out causalCount);

    /// <inheritdoc />
    public static bool UsesSharedFactors => true;

    /// <summary>e^((t_k - t_0) / tau_syn) for each sorted arrival: the same for every neuron of a layer.</summary>
    public static void SharedFactors(in EqualTauSolver neuron, ReadOnlySpan<double> sortedArrivals, Span<double> factors) =>
        EqualTauMath.SharedFactors(neuron.Constants, sortedArrivals, factors);

    /// <inheritdoc />
    public static double SpikeTimeShared(in EqualTauSolver neuron, ReadOnlySpan<double> weights, ReadOnlySpan<double> arrivals, ReadOnlySpan<double> factors, out int causalCount) =>
        EqualTauMath.SpikeTime(neuron.Constants, weights, arrivals, factors, out causalCount);

    /// <summary>
    /// A cheap sufficient test for z = -(c/a) e^r &lt; -1/e (no crossing on this prefix): for r &gt;= 0,
    /// e^r &gt;= 1 + r + r^2/2 + r^3/6, so when that bound already exceeds a / (c e) (with a 1e-9 margin
    /// for rounding) the exponential and the Lambert W are not needed. Same decision as the exact test.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per synapse from hot loops; a non-inlined call would also start at tier 0
    public static bool CannotCross(double r, double a, double c) =>
        r >= 0 && 1.0 + (r * (1.0 + (r * (0.5 + (r * (1.0 / 6.0)))))) > a / (c * Math.E) * (1.0 + 1e-9);

    /// <summary>PSP u e^-u and its slope (1 - u) e^-u / tau_syn from one exponential.</summary>
    public static void PspAndSlope(in EqualTauSolver neuron, double s, out double psp, out double slope) =>
        EqualTauMath.PspAndSlope(neuron.Constants, s, out psp, out slope);

    /// <inheritdoc />
    public static double Psp(in EqualTauSolver neuron, double s) => EqualTauMath.Psp(neuron.Constants, s);

    /// <inheritdoc />
    public static double PspSlope(in EqualTauSolver neuron, double s) => EqualTauMath.PspSlope(neuron.Constants, s);
}

/// <summary>
/// The equal-tau math, written once: generic over the constants (<see cref="ISolverConstants"/>), so the runtime solver
/// (<see cref="EqualTauSolver"/>) and every generated <c>[NeuronConfig]</c> neuron with tau_mem = tau_syn run this code,
/// the latter with its constants folded by the JIT.
/// </summary>
public static class EqualTauMath
{
    /// <summary>
    /// First spike time for sorted arrivals with their weights; <paramref name="factors"/> are the layer's shared
    /// e^((t_k - t_0) / tau_syn) (<see cref="SharedFactors"/>) or empty to compute them here.
    /// </summary>
    /// <typeparam name="TConstants">The constants' struct.</typeparam>
    /// <param name="k">The constants.</param>
    /// <param name="weights">Weights in arrival order.</param>
    /// <param name="arrivals">Arrival times, ascending and finite.</param>
    /// <param name="factors">Shared factors of the same arrivals, or empty.</param>
    /// <param name="causalCount">Size of the causal set (0 when silent).</param>
    /// <returns>The first spike time, or +infinity.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a consumer without QuickJitForLoops off would run this loop unoptimised
    public static double SpikeTime<TConstants>(in TConstants k, ReadOnlySpan<double> weights, ReadOnlySpan<double> arrivals, ReadOnlySpan<double> factors, out int causalCount)
        where TConstants : struct, ISolverConstants =>
        SpikeTime(k, new SpanArrivals(weights, arrivals), factors, out causalCount);

    /// <summary>
    /// First spike time for sorted arrivals read through <paramref name="arrivals"/> (only up to the spike); the same
    /// operations as the span overload, so the same bits.
    /// </summary>
    /// <typeparam name="TConstants">The constants' struct.</typeparam>
    /// <typeparam name="TArrivals">How the arrivals are laid out.</typeparam>
    /// <param name="k">The constants.</param>
    /// <param name="arrivals">The arrivals, ascending and finite.</param>
    /// <param name="factors">Shared factors of the same arrivals, or empty.</param>
    /// <param name="causalCount">Size of the causal set (0 when silent).</param>
    /// <returns>The first spike time, or +infinity.</returns>
    // Inlined into its callers (the span overload above, the generated networks' and the runtime's hot loops, all of them
    // marked AggressiveOptimization, so a consumer with quick JIT still runs this loop optimised): a call per neuron with
    // the arrivals passed by reference cost H30-WD a third of its time.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SpikeTime<TConstants, TArrivals>(in TConstants k, scoped in TArrivals arrivals, ReadOnlySpan<double> factors, out int causalCount)
        where TConstants : struct, ISolverConstants
        where TArrivals : ISortedArrivals, allows ref struct
    {
        double inv = k.InvTauSyn, c = k.C, tauSyn = k.TauSyn;
        int n = arrivals.Count;
        if (n == 0)
        {
            causalCount = 0;
            return double.PositiveInfinity;
        }

        // Shift by the first arrival so the exponentials stay small whatever the absolute times.
        double t0 = arrivals.Time(0);
        bool shared = !factors.IsEmpty;
        double a = 0, b = 0;
        double eu = 1.0; // e^u_k, carried from the previous prefix's look-ahead
        for (int j = 0; j < n; j++)
        {
            double u = (arrivals.Time(j) - t0) * inv;
            double e = arrivals.Weight(j) * eu;
            a += e;
            b += e * u;
            double uNext = j + 1 < n ? (arrivals.Time(j + 1) - t0) * inv : double.PositiveInfinity;
            eu = j + 1 < n ? (shared ? factors[j + 1] : Math.Exp(uNext)) : 0.0;
            if (a <= 0)
            {
                continue; // the membrane is falling on this interval: no upward crossing
            }

            double ratio = b / a;
            if (EqualTauSolver.CannotCross(ratio, a, c))
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
            if (t >= arrivals.Time(j) && (j + 1 == n || t <= arrivals.Time(j + 1)))
            {
                causalCount = j + 1;
                return t;
            }
        }

        causalCount = 0;
        return double.PositiveInfinity;
    }

    /// <summary>e^((t_k - t_0) / tau_syn) for each sorted arrival: the same for every neuron of a layer.</summary>
    /// <typeparam name="TConstants">The constants' struct.</typeparam>
    /// <param name="k">The constants.</param>
    /// <param name="sortedArrivals">Arrival times, ascending and finite.</param>
    /// <param name="factors">Receives one factor per arrival.</param>
    public static void SharedFactors<TConstants>(in TConstants k, ReadOnlySpan<double> sortedArrivals, Span<double> factors)
        where TConstants : struct, ISolverConstants
    {
        double inv = k.InvTauSyn;
        for (int j = 0; j < sortedArrivals.Length; j++)
        {
            factors[j] = Math.Exp((sortedArrivals[j] - sortedArrivals[0]) * inv);
        }
    }

    /// <summary>PSP u e^-u and its slope (1 - u) e^-u / tau_syn from one exponential.</summary>
    /// <typeparam name="TConstants">The constants' struct.</typeparam>
    /// <param name="k">The constants.</param>
    /// <param name="s">Elapsed time since the input.</param>
    /// <param name="psp">The PSP.</param>
    /// <param name="slope">Its time derivative.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per synapse from hot loops; a non-inlined call would also start at tier 0
    public static void PspAndSlope<TConstants>(in TConstants k, double s, out double psp, out double slope)
        where TConstants : struct, ISolverConstants =>
        PspAndSlope(k, s, Math.Exp(-(s * k.InvTauSyn)), out psp, out slope);

    /// <summary>
    /// PSP u e^-u and its slope (1 - u) e^-u / tau_syn from a decay e^-u the caller already has (the generated networks'
    /// product form: exp(u_a) exp(-u_t) with the factors computed once per arrival and once per neuron).
    /// </summary>
    /// <typeparam name="TConstants">The constants' struct.</typeparam>
    /// <param name="k">The constants.</param>
    /// <param name="s">Elapsed time since the input.</param>
    /// <param name="decay">e^(-s / tau_syn).</param>
    /// <param name="psp">The PSP.</param>
    /// <param name="slope">Its time derivative.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per synapse from hot loops; a non-inlined call would also start at tier 0
    public static void PspAndSlope<TConstants>(in TConstants k, double s, double decay, out double psp, out double slope)
        where TConstants : struct, ISolverConstants
    {
        double inv = k.InvTauSyn, u = s * inv;
        psp = u * decay;
        slope = (1.0 - u) * decay * inv;
    }

    /// <summary>PSP u e^-u.</summary>
    /// <typeparam name="TConstants">The constants' struct.</typeparam>
    /// <param name="k">The constants.</param>
    /// <param name="s">Elapsed time since the input.</param>
    /// <returns>The PSP.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per synapse from hot loops; a non-inlined call would also start at tier 0
    public static double Psp<TConstants>(in TConstants k, double s)
        where TConstants : struct, ISolverConstants
    {
        double u = s * k.InvTauSyn;
        return u * Math.Exp(-u);
    }

    /// <summary>d/ds of the PSP: (1 - u) e^-u / tau_syn.</summary>
    /// <typeparam name="TConstants">The constants' struct.</typeparam>
    /// <param name="k">The constants.</param>
    /// <param name="s">Elapsed time since the input.</param>
    /// <returns>The slope.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per synapse from hot loops; a non-inlined call would also start at tier 0
    public static double PspSlope<TConstants>(in TConstants k, double s)
        where TConstants : struct, ISolverConstants
    {
        double inv = k.InvTauSyn, u = s * inv;
        return (1.0 - u) * Math.Exp(-u) * inv;
    }
}
