using CsCheck;
using DelGrad.Numerics;

namespace DelGrad.Tests.Numerics;

/// <summary>
/// Tests for <see cref="LambertW.W0"/>. High-precision references are computed here with a small
/// double-double (≈ 32 significant digits) arithmetic, independent of the implementation's formulas.
/// </summary>
public class LambertWTests
{
    private const double Eps = 1.1102230246251565e-16; // 2^-53, unit roundoff
    private const double EInvHi = 0.36787944117144233;     // RN(1/e)
    private const double EInvLo = -1.2428753672788363e-17; // 1/e − RN(1/e)

    // ---------------------------------------------------------------- known values

    [Theory]
    [InlineData(1.0, 0.56714329040978387299996866221035554975)] // omega constant
    [InlineData(10.0, 1.7455280027406993830743012648753899115)]
    [InlineData(100.0, 3.3856301402900501848882443645297268674)]
    [InlineData(1e6, 11.383358086140052622000156781585004289)]
    [InlineData(-0.3, -0.48940222718021493357)] // reference for the double nearest −0.3 (condition number 1/(1+W) ≈ 2)
    [InlineData(-0.1, -0.11183255915896297182)] // reference for the double nearest −0.1
    [InlineData(0.5, 0.35173371124919582602)]
    [InlineData(1e-10, 9.999999999000000364e-11)] // 1e-10 − 1e-20 + 1.5e-30 for the double nearest 1e-10
    [InlineData(1e300, 684.24720862976084929)]
    public void KnownValues(double z, double expected)
    {
        double w = LambertW.W0(z);
        Assert.True(RelErr(w, expected) <= 1e-15, $"W0({z:R}) = {w:R}, expected {expected:R}, rel err {RelErr(w, expected):E2}");
    }

    [Fact]
    public void ZeroAndTiny()
    {
        Assert.Equal(0.0, LambertW.W0(0.0));
        Assert.Equal(1e-300, LambertW.W0(1e-300));          // W(z) = z(1 − z + …): exact to the ulp
        Assert.Equal(double.Epsilon, LambertW.W0(double.Epsilon));
        Assert.Equal(-1e-300, LambertW.W0(-1e-300));
        Assert.True(RelErr(LambertW.W0(-1e-20), -1e-20) <= Eps); // −1e-20 − 1e-40: the correction is below an ulp
        Assert.True(RelErr(LambertW.W0(1e-5), 9.9999000014999733335e-6) <= 2 * Eps);
    }

    [Fact]
    public void AtE_IsOne()
    {
        // Math.E is 1.45e-16 below e; W'(e) = 1/(2e), so the exact W0(Math.E) = 1 − 2.7e-17: 1 or 1 − ulp.
        Assert.True(Math.Abs(LambertW.W0(Math.E) - 1.0) <= 2 * Eps);
    }

    [Fact]
    public void LargeArgumentSatisfiesLogForm()
    {
        // w e^w = z  ⇔  ln w + w = ln z; checked in double-double (e^684 alone would be fine, but the log form is
        // the well-conditioned one: d(ln w + w)/dw = (1 + w)/w ≈ 1, so a residual r means a relative error ≈ r/w).
        foreach (double z in new[] { 1e300, 1e100, 1.7976931348623157e308 })
        {
            double w = LambertW.W0(z);
            DD r = DD.Log(new DD(w)) + new DD(w) - DD.Log(new DD(z));
            Assert.True(Math.Abs(r.Hi) / w <= 2 * Eps, $"z={z:R}: w={w:R}, residual {r.Hi:E3}");
            Assert.True(RelErrVsReference(z, w) <= 2 * Eps);
        }
    }

    // ---------------------------------------------------------------- branch point

    [Fact]
    public void AtBranchPoint_IsMinusOne()
    {
        // The double nearest −1/e is −1/e − 1.24e-17, i.e. (mathematically) just outside the domain; it stands
        // for −1/e, so W0 must be ≈ −1, not NaN. Tolerance: if the intended argument is anywhere within half an ulp
        // (2.8e-17) of this double, then since W0(−1/e + δ) = −1 + sqrt(2eδ) + O(δ), |W + 1| ≤ sqrt(2e · 2.8e-17)
        // ≈ 1.2e-8 < 1e-7. (The condition number 1/(1+W) is unbounded there, so no relative bound on the
        // input can be better than this square-root bound.) The implementation returns exactly −1.
        double w = LambertW.W0(-1.0 / Math.E);
        Assert.True(Math.Abs(w + 1.0) < 1e-7, $"W0(-1/e) = {w:R}");
        Assert.True(Math.Abs(LambertW.W0(-Math.Exp(-1.0)) + 1.0) < 1e-7);
        // One ulp further below (6.8e-17 below −1/e) is still a rounding artefact → −1.
        Assert.Equal(-1.0, LambertW.W0(Math.BitDecrement(-EInvHi)));
        // Clearly below the branch point → NaN.
        Assert.True(double.IsNaN(LambertW.W0(Math.BitDecrement(Math.BitDecrement(-EInvHi)))));
        Assert.True(double.IsNaN(LambertW.W0(-0.3679)));
        Assert.True(double.IsNaN(LambertW.W0(-1.0)));
        Assert.True(double.IsNaN(LambertW.W0(double.NegativeInfinity)));
    }

    [Theory]
    [InlineData(1e-16)]
    [InlineData(1e-14)]
    [InlineData(1e-12)]
    [InlineData(1e-10)]
    [InlineData(1e-8)]
    [InlineData(1e-6)]
    [InlineData(1e-4)]
    [InlineData(1e-2)]
    public void NearBranchPoint_MatchesDoubleDoubleReference(double d)
    {
        // z = −1/e + d is not representable; the argument actually passed is the double z below, and the
        // reference is W0 of exactly that double (q = z + 1/e computed exactly in double-double). So rounding of
        // the *input* plays no role, and what remains is the function's own error. (Against the nominal
        // −1/e + d, the input rounding alone — up to 2.8e-17 in q, amplified by the condition number
        // 1/(1+W) ≈ 1/sqrt(2e·d) — would dominate for d ≲ 1e-10; that is not a defect of W0.)
        double z = -EInvHi + d;
        double w = LambertW.W0(z);
        double refW = BranchReference(z);
        double err = RelErr(w, refW);
        Assert.True(err < 1e-15, $"d={d:E0}: z={z:R} W0={w:R} ref={refW:R} rel err {err:E2}");
        // Also W0 + 1 (the quantity that actually carries the information there) must be accurate.
        Assert.True(Math.Abs((w + 1.0) - (refW + 1.0)) <= 2 * Eps + 1e-15 * Math.Abs(refW + 1.0));
    }

    // ---------------------------------------------------------------- properties

    [Fact]
    public void Property_AccurateOnLinearRange()
    {
        double maxErr = 0;
        Gen.Double[-EInvHi, 1e6].Sample(z =>
        {
            double err = RelErrVsReference(z, LambertW.W0(z));
            maxErr = Math.Max(maxErr, err);
            return err <= 8 * Eps;
        }, iter: 20_000);
        Assert.True(maxErr <= 8 * Eps, $"max rel err {maxErr:E2}");
    }

    [Fact]
    public void Property_AccurateNearBranchPointInterval()
    {
        Gen.Double[-EInvHi, -0.2].Sample(z => RelErrVsReference(z, LambertW.W0(z)) <= 8 * Eps, iter: 20_000);
    }

    [Fact]
    public void Property_AccurateOnLogUniformMagnitudes()
    {
        // Positive z from e^-300 to e^300, and negative z from −e^-300 to −1/e (log-uniform).
        Gen.Double[-300, 300].Sample(u =>
        {
            double z = Math.Exp(u);
            return RelErrVsReference(z, LambertW.W0(z)) <= 8 * Eps;
        }, iter: 20_000);
        Gen.Double[-300, -1.000001].Sample(u =>
        {
            double z = -Math.Exp(u);
            return RelErrVsReference(z, LambertW.W0(z)) <= 8 * Eps;
        }, iter: 20_000);
    }

    [Fact]
    public void Property_Monotone()
    {
        // Distinct random points (relative gap ≫ 1e-12): strictly ordered results.
        Gen.Select(Gen.Double[-EInvHi, 1e6], Gen.Double[-EInvHi, 1e6]).Sample(t =>
        {
            (double a, double b) = t.Item1 <= t.Item2 ? t : (t.Item2, t.Item1);
            if (b - a <= 1e-12 * (Math.Abs(a) + Math.Abs(b))) return;
            Assert.True(LambertW.W0(a) <= LambertW.W0(b), $"a={a:R} b={b:R} W(a)={LambertW.W0(a):R} W(b)={LambertW.W0(b):R}");
        }, iter: 20_000);
        // Neighbouring doubles: W changes by less than an ulp between them wherever z W'(z)/W = 1/(1+W) < 1
        // (all z > 0), so only a correctly rounded W0 could be exactly monotone there; a function accurate to a
        // few ulps is monotone up to that error. Check the latter (including across the region switches).
        Gen.Double[-EInvHi, 10].Sample(z =>
        {
            double w1 = LambertW.W0(z), w2 = LambertW.W0(Math.BitIncrement(z));
            Assert.True(w1 <= w2 + 4 * Eps * Math.Abs(w2), $"z={z:R}: {w1:R} > {w2:R}");
        }, iter: 20_000);
    }

    [Fact]
    public void Property_AboveMinusOneInsideDomain()
    {
        Gen.Double[-0.36787944117144228, 1e6].Sample(z => LambertW.W0(z) > -1.0, iter: 20_000);
    }

    [Fact]
    public void Property_NaNBelowDomain()
    {
        Gen.Double[-1e6, -0.3679].Sample(z => double.IsNaN(LambertW.W0(z)), iter: 20_000);
    }

    [Fact]
    public void SpecialValues()
    {
        Assert.True(double.IsNaN(LambertW.W0(double.NaN)));
        Assert.Equal(double.PositiveInfinity, LambertW.W0(double.PositiveInfinity));
        Assert.True(double.IsFinite(LambertW.W0(double.MaxValue)));
    }

    // ---------------------------------------------------------------- references

    private static double RelErr(double w, double reference) =>
        reference == 0 ? Math.Abs(w) : Math.Abs((w - reference) / reference);

    /// <summary>
    /// Relative error of <paramref name="w"/> against W0(z) obtained by Newton iteration in double-double
    /// started at w: on ln w + w = ln z for z &gt; 1 (overflow-free, well conditioned), on w e^w = z otherwise.
    /// The starting point is already within a few ulps, so 3 iterations reach ~1e-30.
    /// </summary>
    private static double RelErrVsReference(double z, double w)
    {
        if (z == 0) return Math.Abs(w);
        DD x = new(w), zz = new(z);
        if (z > 1)
        {
            DD lnz = DD.Log(zz);
            for (int i = 0; i < 3; i++)
                x -= x * (DD.Log(x) + x - lnz) / (x + 1.0);
        }
        else
        {
            for (int i = 0; i < 4; i++)
            {
                DD ex = DD.Exp(x);
                x -= (x * ex - zz) / (ex * (x + 1.0));
            }
        }
        return Math.Abs(((new DD(w) - x) / x).Hi);
    }

    /// <summary>
    /// W0(z) near the branch point, with w = −1 + t: w e^w = z ⇔ g(t) = (t − 1)e^t + 1 = e·(z + 1/e), where
    /// g(t) = Σ_{k≥2} (k−1) t^k / k! is summed directly (no cancellation) and q = z + 1/e is exact in double-double.
    /// Solved by Newton (g'(t) = t e^t) from t = sqrt(2eq). Independent of the implementation's p-series.
    /// </summary>
    private static double BranchReference(double z)
    {
        DD q = (new DD(z) + EInvHi) + EInvLo;
        DD eq = q * DD.E;
        DD t = new(Math.Sqrt(2 * eq.Hi));
        for (int i = 0; i < 60; i++)
        {
            DD g = new(0), term = t; // term = t^k / k!, starting at k = 1
            for (int k = 2; k < 40; k++)
            {
                term = term * t / k;
                g += term * (k - 1);
            }
            DD next = t - (g - eq) / (t * DD.Exp(t));
            if (Math.Abs((next - t).Hi) <= 1e-31 * Math.Abs(t.Hi)) { t = next; break; }
            t = next;
        }
        return (t - 1.0).Hi;
    }

    /// <summary>Minimal double-double arithmetic (value = Hi + Lo, |Lo| ≤ ulp(Hi)/2), ~106-bit significand.</summary>
    private readonly record struct DD(double Hi, double Lo)
    {
        public DD(double x) : this(x, 0.0) { }

        public static readonly DD E = new(2.718281828459045, 1.4456468917292502e-16);
        private static readonly DD Ln2 = new(0.6931471805599453, 2.3190468138462996e-17);

        private static DD QuickTwoSum(double a, double b) { double s = a + b; return new DD(s, b - (s - a)); }

        private static DD TwoSum(double a, double b)
        {
            double s = a + b, bb = s - a;
            return new DD(s, (a - (s - bb)) + (b - bb));
        }

        public static implicit operator DD(double x) => new(x);

        public static DD operator +(DD a, DD b)
        {
            DD s = TwoSum(a.Hi, b.Hi), t = TwoSum(a.Lo, b.Lo);
            DD u = QuickTwoSum(s.Hi, s.Lo + t.Hi);
            return QuickTwoSum(u.Hi, u.Lo + t.Lo);
        }

        public static DD operator -(DD a) => new(-a.Hi, -a.Lo);
        public static DD operator -(DD a, DD b) => a + -b;

        public static DD operator *(DD a, DD b)
        {
            double p = a.Hi * b.Hi;
            double e = Math.FusedMultiplyAdd(a.Hi, b.Hi, -p) + (a.Hi * b.Lo + a.Lo * b.Hi);
            return QuickTwoSum(p, e);
        }

        public static DD operator /(DD a, DD b)
        {
            double q1 = a.Hi / b.Hi;
            DD r = a - b * q1;
            double q2 = r.Hi / b.Hi;
            r -= b * q2;
            double q3 = r.Hi / b.Hi;
            return QuickTwoSum(q1, q2) + q3;
        }

        private static DD Scale(DD a, int k) => new(Math.ScaleB(a.Hi, k), Math.ScaleB(a.Lo, k));

        /// <summary>e^x: x = k ln2 + r, expm1(r/1024) by Taylor, then 10 doublings s ← 2s + s² (expm1-form keeps accuracy).</summary>
        public static DD Exp(DD x)
        {
            double k = Math.Round(x.Hi / Ln2.Hi);
            DD r = Scale(x - Ln2 * k, -10);
            DD s = r, term = r;
            for (int n = 2; n <= 12; n++)
            {
                term = term * r / n;
                s += term;
            }
            for (int i = 0; i < 10; i++)
                s = s * 2.0 + s * s;
            return Scale(s + 1.0, (int)k);
        }

        /// <summary>ln x: one Newton step y + x e^-y − 1 from the double log (quadratic ⇒ ~1e-32).</summary>
        public static DD Log(DD x)
        {
            DD y = new(Math.Log(x.Hi));
            return y + x * Exp(-y) - 1.0;
        }
    }
}
