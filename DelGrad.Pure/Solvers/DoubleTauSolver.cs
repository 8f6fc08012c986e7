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
        DoubleTauMath.SpikeTime(neuron.Constants, weights, arrivals, default, out causalCount);

    /// <inheritdoc />
    public static bool UsesSharedFactors => true;

    /// <summary>e^((t_k - t_0) / (2 tau_syn)) for each sorted arrival: the same for every neuron of a layer.</summary>
    public static void SharedFactors(in DoubleTauSolver neuron, ReadOnlySpan<double> sortedArrivals, Span<double> factors) =>
        DoubleTauMath.SharedFactors(neuron.Constants, sortedArrivals, factors);

    /// <inheritdoc />
    public static double SpikeTimeShared(in DoubleTauSolver neuron, ReadOnlySpan<double> weights, ReadOnlySpan<double> arrivals, ReadOnlySpan<double> factors, out int causalCount) =>
        DoubleTauMath.SpikeTime(neuron.Constants, weights, arrivals, factors, out causalCount);

    /// <summary>
    /// The crossing's den = a - sqrt(a^2 - 2bc) when a^2 overflows, computed without overflow as
    /// 2 (b/a) c / (1 + sqrt(1 - 2 (b/a) (c/a))) (a &gt; 0), when it lies in [lo, hi] = [c h_k, c h_(k+1)];
    /// else null. An infinite a (weights near double.MaxValue) spikes at the arrival: den = lo.
    /// </summary>
    public static double? HugeInputCrossing(double a, double b, double c, double h, double hNext)
    {
        if (double.IsPositiveInfinity(a))
        {
            return c * h;
        }

        if (!(a > 0))
        {
            return null;
        }

        double bs = b / a, dd = 1.0 - (2.0 * bs * (c / a));
        double den = dd >= 0 ? 2.0 * bs * c / (1.0 + Math.Sqrt(dd)) : double.NaN;
        double lo = c * h;

        // Rounding may put a crossing at the arrival a hair before it: that is the arrival itself.
        return den >= lo * (1.0 - 1e-12) && den <= c * hNext ? Math.Max(den, lo) : null;
    }

    /// <summary>
    /// Whether the candidate den = a - sqrt(d) satisfies lo &lt;= den &lt;= hi (lo = c h_k &gt; 0, so
    /// den &gt; 0 too), i.e. the spike t = t0 + 2 tau ln(den / c) lies in [t_k, t_(k+1)]. Tested on
    /// squares, so neither the square root nor the log is taken for rejected prefixes:
    /// sqrt(d) &lt;= a - lo  and  sqrt(d) &gt;= a - hi.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per synapse from hot loops; a non-inlined call would also start at tier 0
    public static bool InInterval(double a, double d, double lo, double hi)
    {
        double upper = a - lo, lower = a - hi;
        return upper >= 0 && d <= upper * upper && (lower <= 0 || d >= lower * lower);
    }

    /// <summary>PSP 2 h (1 - h) and its slope h (2h - 1) / tau_syn, h = e^(-u/2), from one exponential.</summary>
    public static void PspAndSlope(in DoubleTauSolver neuron, double s, out double psp, out double slope) =>
        DoubleTauMath.PspAndSlope(neuron.Constants, s, out psp, out slope);

    /// <inheritdoc />
    public static double Psp(in DoubleTauSolver neuron, double s) => DoubleTauMath.Psp(neuron.Constants, s);

    /// <inheritdoc />
    public static double PspSlope(in DoubleTauSolver neuron, double s) => DoubleTauMath.PspSlope(neuron.Constants, s);
}

/// <summary>
/// The double-tau math, written once: generic over the constants (<see cref="ISolverConstants"/>), so the runtime solver
/// (<see cref="DoubleTauSolver"/>) and every generated <c>[NeuronConfig]</c> neuron with tau_mem = 2 tau_syn run this
/// code, the latter with its constants folded by the JIT.
/// </summary>
public static class DoubleTauMath
{
    /// <summary>
    /// First spike time for sorted arrivals with their weights; <paramref name="factors"/> are the layer's shared
    /// e^((t_k - t_0) / (2 tau_syn)) (<see cref="SharedFactors"/>) or empty to compute them here.
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

        double t0 = arrivals.Time(0);
        bool shared = !factors.IsEmpty;
        double a = 0, b = 0;
        double h = 1.0; // e^((t_k - t0) / (2 tau_syn)); the next one is computed once and carried
        for (int j = 0; j < n; j++)
        {
            double wh = arrivals.Weight(j) * h;
            a += wh;
            b += wh * h;
            double hk = h;
            h = j + 1 < n ? (shared ? factors[j + 1] : Math.Exp(0.5 * (arrivals.Time(j + 1) - t0) * inv)) : double.PositiveInfinity;
            double d = (a * a) - (2.0 * b * c);
            if (d < 0)
            {
                continue; // no real root yet: the common case first, one test (H30-WD's scalar path is this loop)
            }

            if (d <= double.MaxValue)
            {
                if (DoubleTauSolver.InInterval(a, d, c * hk, c * h))
                {
                    causalCount = j + 1;
                    return Math.Max(arrivals.Time(j), t0 + (2.0 * tauSyn * Math.Log((a - Math.Sqrt(d)) / c)));
                }
            }
            else if (DoubleTauSolver.HugeInputCrossing(a, b, c, hk, h) is double den)
            {
                // |A| >= ~1e154 (huge weights; d is +infinity or NaN): A^2 overflows, so take the root scaled by A instead.
                causalCount = j + 1;
                return Math.Max(arrivals.Time(j), t0 + (2.0 * tauSyn * Math.Log(den / c)));
            }
        }

        causalCount = 0;
        return double.PositiveInfinity;
    }

    /// <summary>e^((t_k - t_0) / (2 tau_syn)) for each sorted arrival: the same for every neuron of a layer.</summary>
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
            factors[j] = j == 0 ? 1.0 : Math.Exp(0.5 * (sortedArrivals[j] - sortedArrivals[0]) * inv);
        }
    }

    /// <summary>PSP 2 h (1 - h) and its slope h (2h - 1) / tau_syn, h = e^(-u/2), from one exponential.</summary>
    /// <typeparam name="TConstants">The constants' struct.</typeparam>
    /// <param name="k">The constants.</param>
    /// <param name="s">Elapsed time since the input.</param>
    /// <param name="psp">The PSP.</param>
    /// <param name="slope">Its time derivative.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per synapse from hot loops; a non-inlined call would also start at tier 0
    public static void PspAndSlope<TConstants>(in TConstants k, double s, out double psp, out double slope)
        where TConstants : struct, ISolverConstants =>
        PspAndSlope(k, s, Math.Exp(-0.5 * s * k.InvTauSyn), out psp, out slope);

    /// <summary>
    /// PSP 2 h (1 - h) and its slope h (2h - 1) / tau_syn from a decay h = e^(-u/2) the caller already has (the generated
    /// networks' product form: exp(u_a / 2) exp(-u_t / 2) with the factors computed once per arrival and once per neuron).
    /// </summary>
    /// <typeparam name="TConstants">The constants' struct.</typeparam>
    /// <param name="k">The constants.</param>
    /// <param name="s">Elapsed time since the input (the decay carries it; the same signature as the equal-tau math).</param>
    /// <param name="decay">h = e^(-s / (2 tau_syn)).</param>
    /// <param name="psp">The PSP.</param>
    /// <param name="slope">Its time derivative.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per synapse from hot loops; a non-inlined call would also start at tier 0
    public static void PspAndSlope<TConstants>(in TConstants k, double s, double decay, out double psp, out double slope)
        where TConstants : struct, ISolverConstants
    {
        double inv = k.InvTauSyn, h = decay;
        psp = 2.0 * h * (1.0 - h);
        slope = h * ((2.0 * h) - 1.0) * inv;
    }

    /// <summary>PSP 2 (e^(-u/2) - e^-u).</summary>
    /// <typeparam name="TConstants">The constants' struct.</typeparam>
    /// <param name="k">The constants.</param>
    /// <param name="s">Elapsed time since the input.</param>
    /// <returns>The PSP.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per synapse from hot loops; a non-inlined call would also start at tier 0
    public static double Psp<TConstants>(in TConstants k, double s)
        where TConstants : struct, ISolverConstants
    {
        double u = s * k.InvTauSyn, h = Math.Exp(-0.5 * u);
        return 2.0 * h * (1.0 - h);
    }

    /// <summary>d/ds of the PSP: h (2h - 1) / tau_syn.</summary>
    /// <typeparam name="TConstants">The constants' struct.</typeparam>
    /// <param name="k">The constants.</param>
    /// <param name="s">Elapsed time since the input.</param>
    /// <returns>The slope.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per synapse from hot loops; a non-inlined call would also start at tier 0
    public static double PspSlope<TConstants>(in TConstants k, double s)
        where TConstants : struct, ISolverConstants
    {
        double inv = k.InvTauSyn, h = Math.Exp(-0.5 * s * inv);
        return h * ((2.0 * h) - 1.0) * inv;
    }
}
