namespace DelGrad.Numerics;

/// <summary>
/// The Lambert W function, i.e. the inverse of <c>w ↦ w·e^w</c>. Only the principal branch
/// <c>W0</c> (the real branch with <c>W ≥ −1</c>, defined for <c>z ≥ −1/e</c>) is provided.
/// </summary>
/// <remarks>
/// <para>
/// The evaluation is allocation-free and exception-free and is intended for inner loops
/// (e.g. closed-form LIF spike-time solutions). The accuracy is a few ulps (≈ 1e-15 relative
/// or better) over the whole domain, including the immediate neighbourhood of the branch point
/// <c>−1/e</c> where <c>W0 → −1</c>.
/// </para>
/// <para>
/// Algorithm, by region (with <c>p = sqrt(2(e·z + 1))</c>, the natural local coordinate at the branch point):
/// <list type="bullet">
/// <item><c>p &lt; 0.25</c>: the branch-point series <c>W = −1 + p − p²/3 + 11/72 p³ − …</c> (21 terms), evaluated directly.</item>
/// <item><c>|z| &lt; 1e-3</c>: the Taylor series <c>W = z − z² + 3/2 z³ − …</c> (full relative accuracy down to subnormals).</item>
/// <item>otherwise: an initial guess (branch-point series for <c>z &lt; −0.25</c>, a (2,2) Padé approximant for
/// <c>z &lt; 0.7</c>, Winitzki's log formula above) followed by two iterations of Fritsch's quartically
/// convergent scheme, which works in log form and therefore cannot overflow even for <c>z</c> near <see cref="double.MaxValue"/>.</item>
/// </list>
/// </para>
/// </remarks>
public static partial class LambertW
{
    // 1/e as an unevaluated double-double sum E_INV_HI + E_INV_LO (|E_INV_LO| ≈ 1.2e-17).
    // WHY: near the branch point W0 depends on z only through q = z + 1/e, and the relative
    // condition number of W with respect to q is ~1/2 there (W + 1 ≈ sqrt(2e·q)), while with
    // respect to z it is unbounded. z + E_INV_HI is exact (Sterbenz) for z close to −1/e, so the
    // only thing that can spoil q is the error of the constant itself: with a plain double 1/e,
    // q would carry an absolute error of 1.2e-17, i.e. for z = −1/e + 1e-16 a 12% error in q and a
    // 6% error in W + 1. Adding the low part recovers q to ~1e-33 absolute, so W + 1 is as accurate
    // as the (exactly representable) input allows.
    private const double EInvHi = 0.36787944117144233;     // RN(1/e)
    private const double EInvLo = -1.2428753672788363e-17; // 1/e − EInvHi
    private const double TwoE = 5.43656365691809;          // RN(2e)

    // Inputs with −BranchTolerance ≤ z + 1/e < 0 are treated as the branch point itself.
    // WHY: the double nearest −1/e lies 1.24e-17 below −1/e and the next one down 6.8e-17 below; both are
    // what a caller computing "−1/e" (or −Math.Exp(−1)) by ordinary rounding can obtain, so they must give −1,
    // not NaN. Two ulps below (−1.2e-16) is treated as genuinely outside the domain.
    private const double BranchTolerance = 1e-16;

    // Below this p the branch-point series (21 terms) is used as the final result. WHY: any iteration on
    // w·e^w = z loses ~1e-16/p relative accuracy near the branch point (the residual is evaluated from z,
    // not from q), whereas the series is evaluated from the accurately computed p. At p = 0.25 the
    // truncation error of 21 terms is < 3e-17 and the iteration's error is ~4e-16, so the switch is seamless.
    private const double SeriesMaxP = 0.25;

    /// <summary>
    /// The principal branch of the Lambert W function: the solution <c>w ≥ −1</c> of <c>w·e^w = z</c>.
    /// </summary>
    /// <param name="z">Argument; the domain is <c>z ≥ −1/e</c>.</param>
    /// <returns>
    /// <c>W0(z)</c> to a few ulps. Returns <see cref="double.NaN"/> for NaN input and for
    /// <c>z &lt; −1/e</c>, except that inputs below <c>−1/e</c> by at most <c>1e-16</c> (the double nearest
    /// <c>−1/e</c> and the one below it, i.e. rounding artefacts) return exactly <c>−1</c>.
    /// Returns <see cref="double.PositiveInfinity"/> for <see cref="double.PositiveInfinity"/>.
    /// </returns>
    public static double W0(double z)
    {
        // Distance to the branch point, accurate to ~1 ulp of itself (see EInvHi/EInvLo).
        double q = (z + EInvHi) + EInvLo;
        if (!(q >= -BranchTolerance))
            return double.NaN; // below the domain, or NaN
        if (q < 0.0)
            q = 0.0; // rounding artefact of an input meant to be −1/e: clamp onto the branch point

        double p = Math.Sqrt(TwoE * q);
        if (p < SeriesMaxP)
            return BranchSeries(p);

        if (Math.Abs(z) < 1e-3)
        {
            // Taylor series Σ (−n)^(n−1)/n! zⁿ; the first omitted term is < 2.4e-17 relative for |z| < 1e-3.
            // WHY not iterate: relative accuracy near 0 is automatic here (W0(1e-300) = 1e-300 exactly), and
            // z = 0 would make the log-form iteration compute log(0/0).
            return z * (1.0 + z * (-1.0 + z * (1.5 + z * (-8.0 / 3.0 + z * (125.0 / 24.0 + z * (-54.0 / 5.0))))));
        }

        if (double.IsPositiveInfinity(z))
            return z;

        double w;
        if (z < -0.25)
        {
            // Near (but not at) the branch point: the branch-point series through p^7; rel. error ≤ 3e-3 (at z = −0.25, p ≈ 0.8).
            w = -1.0 + p * (1.0 + p * (-1.0 / 3.0 + p * (11.0 / 72.0 + p * (-43.0 / 540.0
                + p * (769.0 / 17280.0 + p * (-221.0 / 8505.0 + p * (680863.0 / 43545600.0)))))));
        }
        else if (z < 0.7)
        {
            // (2,2) Padé approximant at 0: z(1 + 4/3 z)/(1 + 7/3 z + 5/6 z²); rel. error ≤ 6e-3 on [−0.25, 0.7).
            w = z * (1.0 + (4.0 / 3.0) * z) / (1.0 + z * (7.0 / 3.0 + (5.0 / 6.0) * z));
        }
        else
        {
            // Winitzki: W ≈ L(1 − ln(1 + L)/(2 + L)), L = ln(1 + z); rel. error ≲ 2e-2 for all z ≥ 0.7
            // and asymptotically exact (L − ln L + ln L / L), so it never overflows.
            double l = Math.Log(1.0 + z);
            w = l * (1.0 - Math.Log(1.0 + l) / (2.0 + l));
        }

        // Fritsch's iteration is quartically convergent: 2e-2 → ~1e-7 → below rounding.
        // Two fixed iterations keep the code branch-free (measured max error ≲ 6e-16 relative).
        w = FritschStep(z, w);
        return FritschStep(z, w);
    }

    /// <summary>
    /// One step of the Fritsch–Shafer–Crowley (1973) iteration for w·e^w = z, i.e. on
    /// f(w) = ln(w) + w − ln(z) = 0. Requires z/w &gt; 0 and w &gt; −1.
    /// </summary>
    /// <remarks>
    /// WHY the log form: the residual ln(z/w) − w is well scaled for all z (no e^w, so no overflow
    /// near double.MaxValue and no loss of relative accuracy for huge z).
    /// </remarks>
    private static double FritschStep(double z, double w)
    {
        double r = Math.Log(z / w) - w;            // residual in log form
        double t = 1.0 + w;
        double u = 2.0 * t * (t + (2.0 / 3.0) * r) - r;
        return w * (1.0 + r / t * (u - r) / (u - 2.0 * r));
    }

    /// <summary>
    /// Series of W0 about the branch point in p = sqrt(2(e·z + 1)) (Corless et al. 1996, eq. 4.22),
    /// terms through p^20. Radius of convergence √2; used only for p &lt; 0.25.
    /// </summary>
    private static double BranchSeries(double p)
    {
        var mu = SeriesCoefficients;
        double s = mu[0];
        for (int k = 1; k < mu.Length; k++)
        {
            s = s * p + mu[k];
        }

        return s * p - 1.0; // μ0; the final −1 + (small) is the only rounding that matters
    }

    // Coefficients μ20 … μ1 of the branch-point series (Corless et al.'s recurrence; exact rationals rounded to
    // nearest), highest first for Horner's scheme. μ0 = −1 is added last.
    private static ReadOnlySpan<double> SeriesCoefficients =>
    [
        -5.811360750441382e-05,  // μ20 = -2853534237182741069/49102686267859224000000
        8.665035805208128e-05,   // μ19
        -0.00012957426685274883, // μ18
        0.00019438727605453933,  // μ17
        -0.00029267722472962746, // μ16
        0.0004424730618146209,   // μ15
        -0.0006720616311561362,  // μ14 = -500525573/744761417400
        0.0010262633205076071,   // μ13
        -0.0015769303446867841,  // μ12 = -1118511313/709296588000
        0.0024408779911439826,   // μ11 = 169709463197/69528040243200
        -0.0038112980348919993,  // μ10 = -5776369/1515591000
        0.006014543252956118,    // μ9  = 226287557/37623398400
        -0.009616892024299432,   // μ8  = -1963/204120
        0.01563563253233392,     // μ7  = 680863/43545600
        -0.02598471487360376,    // μ6  = -221/8505
        0.044502314814814814,    // μ5  = 769/17280
        -0.07962962962962963,    // μ4  = -43/540
        0.1527777777777778,      // μ3  = 11/72
        -0.3333333333333333,     // μ2  = -1/3
        1.0,                     // μ1
    ];
}
