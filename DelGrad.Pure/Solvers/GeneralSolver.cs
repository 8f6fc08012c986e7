using System.Runtime.CompilerServices;
using DelGrad.Numerics;

namespace DelGrad.Solvers;

/// <summary>
/// Any ratio tau_mem / tau_syn, exactly. In units of tau_syn the PSP is
/// (e^(-g s) - e^-s) / (1 - g) = e^-s s phi((1 - g) s) with phi(x) = (e^x - 1) / x, which stays
/// accurate as g -> 1 (and is s e^-s at g = 1). On each causal interval the membrane is a sum of two
/// exponentials and so has at most one extremum, found in closed form; it splits the interval into
/// monotone pieces, and the first piece that ends above threshold brackets the first upward crossing,
/// which a safeguarded Newton iteration (bisection fallback) resolves to machine precision.
/// </summary>
/// <param name="Constants">The folded constants (any positive G).</param>
public readonly record struct GeneralSolver(NeuronConstants Constants) : ISpikeTimeSolver<GeneralSolver>
{
    private const int MaxIterations = 200;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double SpikeTime(in GeneralSolver neuron, ReadOnlySpan<double> weights, ReadOnlySpan<double> arrivals, out int causalCount)
    {
        double inv = neuron.Constants.InvTauSyn, g = neuron.Constants.G, c = neuron.Constants.C, tauSyn = neuron.Constants.TauSyn;
        int n = arrivals.Length;
        causalCount = 0;
        if (n == 0)
        {
            return double.PositiveInfinity;
        }

        double t0 = arrivals[0];
        double alpha = 0, beta = 0, bEqual = 0;
        for (int k = 0; k < n; k++)
        {
            double uk = (arrivals[k] - t0) * inv;
            double ek = weights[k] * Math.Exp(uk);
            beta += ek;
            alpha += weights[k] * Math.Exp(g * uk);
            bEqual += ek * uk;

            double lo = uk;
            double hi = k + 1 == n ? double.PositiveInfinity : (arrivals[k + 1] - t0) * inv;
            var prefixW = weights[..(k + 1)];
            var prefixT = arrivals[..(k + 1)];
            double extremum = Extremum(g, alpha, beta, bEqual);
            double u = double.NaN;
            if (extremum > lo && extremum < hi)
            {
                u = CrossingOnPiece(prefixW, prefixT, t0, inv, g, c, lo, extremum);
                if (double.IsNaN(u))
                {
                    u = CrossingOnPiece(prefixW, prefixT, t0, inv, g, c, extremum, hi);
                }
            }
            else
            {
                u = CrossingOnPiece(prefixW, prefixT, t0, inv, g, c, lo, hi);
            }

            if (!double.IsNaN(u))
            {
                causalCount = k + 1;
                return t0 + (tauSyn * u);
            }
        }

        return double.PositiveInfinity;
    }

    /// <inheritdoc />
    public static double Psp(in GeneralSolver neuron, double s) => Kernel(neuron.Constants.G, s * neuron.Constants.InvTauSyn);

    /// <inheritdoc />
    public static double PspSlope(in GeneralSolver neuron, double s) =>
        KernelSlope(neuron.Constants.G, s * neuron.Constants.InvTauSyn) * neuron.Constants.InvTauSyn;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // per synapse from the backward loop: the interface's default body would be a call
    public static void PspAndSlope(in GeneralSolver neuron, double s, out double psp, out double slope) =>
        PspAndSlope(neuron.Constants, s, out psp, out slope);

    /// <summary>
    /// <see cref="Psp"/> and <see cref="PspSlope"/> with the constants of any struct (a generated network's literals, folded
    /// by the JIT).
    /// </summary>
    /// <typeparam name="TConstants">The constants' struct.</typeparam>
    /// <param name="k">The constants.</param>
    /// <param name="s">Elapsed time since the input.</param>
    /// <param name="psp">The PSP.</param>
    /// <param name="slope">Its time derivative.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // per synapse from the backward loop
    public static void PspAndSlope<TConstants>(in TConstants k, double s, out double psp, out double slope)
        where TConstants : struct, ISolverConstants
    {
        double inv = k.InvTauSyn, u = s * inv;
        psp = Kernel(k.G, u);
        slope = KernelSlope(k.G, u) * inv;
    }

    /// <summary>The PSP in units of tau_syn, stable for every g (including g = 1).</summary>
    internal static double Kernel(double g, double s)
    {
        double x = (1.0 - g) * s;
        return Math.Abs(x) < 0.5 ? Math.Exp(-s) * s * Expm1.Relative(x) : (Math.Exp(-g * s) - Math.Exp(-s)) / (1.0 - g);
    }

    /// <summary>d/ds of <see cref="Kernel"/>.</summary>
    internal static double KernelSlope(double g, double s)
    {
        double x = (1.0 - g) * s;
        return Math.Abs(x) < 0.5 ? Math.Exp(-s) * (1.0 - (g * s * Expm1.Relative(x))) : (Math.Exp(-s) - (g * Math.Exp(-g * s))) / (1.0 - g);
    }

    // Where the membrane's derivative vanishes: beta e^-u = g alpha e^(-g u). Only a bracketing hint,
    // so the aggregated sums are good enough; at g = 1 the limit is u = 1 + b / a.
    private static double Extremum(double g, double alpha, double beta, double bEqual)
    {
        if (Math.Abs(1.0 - g) < 1e-7)
        {
            return beta != 0 ? 1.0 + (bEqual / beta) : double.NaN;
        }

        double ratio = beta / (g * alpha);
        return ratio > 0 ? Math.Log(ratio) / (1.0 - g) : double.NaN;
    }

    private static void Membrane(ReadOnlySpan<double> w, ReadOnlySpan<double> t, double t0, double inv, double g, double c, double u, out double value, out double slope)
    {
        double v = -c, dv = 0;
        for (int i = 0; i < w.Length; i++)
        {
            double s = u - ((t[i] - t0) * inv);
            v += w[i] * Kernel(g, s);
            dv += w[i] * KernelSlope(g, s);
        }

        value = v;
        slope = dv;
    }

    // The first upward crossing of threshold on [p, q] where the membrane is monotone, or NaN.
    private static double CrossingOnPiece(ReadOnlySpan<double> w, ReadOnlySpan<double> t, double t0, double inv, double g, double c, double p, double q)
    {
        if (double.IsPositiveInfinity(q))
        {
            return double.NaN; // after its last extremum the membrane relaxes to the leak, below threshold
        }

        Membrane(w, t, t0, inv, g, c, q, out double hq, out _);
        if (hq < 0)
        {
            return double.NaN;
        }

        Membrane(w, t, t0, inv, g, c, p, out double hp, out _);
        if (hp >= 0)
        {
            return p; // already at threshold where the piece starts
        }

        // Safeguarded Newton: keep the sign-change bracket [p, q], bisect whenever Newton leaves it.
        double x = q;
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            Membrane(w, t, t0, inv, g, c, x, out double f, out double df);
            if (f == 0)
            {
                return x;
            }

            if (f < 0)
            {
                p = x;
            }
            else
            {
                q = x;
            }

            double next = df > 0 ? x - (f / df) : double.NaN;
            if (!(next > p && next < q))
            {
                next = 0.5 * (p + q);
            }

            if (Math.Abs(next - x) <= 4e-16 * Math.Max(1.0, Math.Abs(x)) || q - p <= 4e-16 * Math.Max(1.0, Math.Abs(p)))
            {
                return next;
            }

            x = next;
        }

        return 0.5 * (p + q);
    }
}
