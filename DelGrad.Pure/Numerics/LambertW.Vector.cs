using System.Runtime.Intrinsics;

namespace DelGrad.Numerics;

/// <content>W0 on four values at once, for kernels that solve four neurons per vector.</content>
public static partial class LambertW
{
    /// <summary>
    /// <see cref="W0(double)"/> on each element: the same regions, constants and two Fritsch iterations, evaluated
    /// branch-free with vector logarithms, so each element agrees with the scalar function to a few ulps
    /// (NaN below the domain, +infinity at +infinity). Every element's result depends on that element only:
    /// the vector logarithm may take another code path (with other last bits) when any element is special, so
    /// it only ever sees positive normal arguments.
    /// </summary>
    /// <param name="z">Arguments, each at least −1/e.</param>
    /// <returns>The principal branch at each argument.</returns>
    public static Vector256<double> W0(Vector256<double> z)
    {
        var one = Vector256<double>.One;
        var q = (z + Vector256.Create(EInvHi)) + Vector256.Create(EInvLo);
        var valid = Vector256.GreaterThanOrEqual(q, Vector256.Create(-BranchTolerance));
        q = Vector256.Max(q, Vector256<double>.Zero);
        var p = Vector256.Sqrt(Vector256.Create(TwoE) * q);

        var mu = SeriesCoefficients;
        var series = Vector256.Create(mu[0]);
        for (int k = 1; k < mu.Length; k++)
        {
            series = (series * p) + Vector256.Create(mu[k]);
        }

        series = (series * p) - one;

        // Taylor series at 0 (see the scalar function), Horner from the inside out.
        var taylor = Vector256.Create(125.0 / 24.0) + (z * Vector256.Create(-54.0 / 5.0));
        taylor = Vector256.Create(-8.0 / 3.0) + (z * taylor);
        taylor = Vector256.Create(1.5) + (z * taylor);
        taylor = Vector256.Create(-1.0) + (z * taylor);
        taylor = z * (one + (z * taylor));

        // Initial guesses of the three regions (see the scalar function), selected per element.
        // The elements that iterate (finite, away from 0 and from the branch point); the others iterate on a benign
        // stand-in whose result is discarded, so the logarithms never see 0, a negative ratio, NaN or infinity.
        var iterate = valid & Vector256.GreaterThanOrEqual(p, Vector256.Create(SeriesMaxP)) & Vector256.GreaterThanOrEqual(Vector256.Abs(z), Vector256.Create(1e-3))
            & Vector256.LessThan(z, Vector256.Create(double.PositiveInfinity));
        var zi = Vector256.ConditionalSelect(iterate, z, Vector256.Create(-0.1));
        var pi = Vector256.ConditionalSelect(iterate, p, Vector256.Create(0.5));
        var nearBranch = Vector256.Create(-221.0 / 8505.0) + (pi * Vector256.Create(680863.0 / 43545600.0));
        nearBranch = Vector256.Create(769.0 / 17280.0) + (pi * nearBranch);
        nearBranch = Vector256.Create(-43.0 / 540.0) + (pi * nearBranch);
        nearBranch = Vector256.Create(11.0 / 72.0) + (pi * nearBranch);
        nearBranch = Vector256.Create(-1.0 / 3.0) + (pi * nearBranch);
        nearBranch = one + (pi * nearBranch);
        nearBranch = Vector256.Create(-1.0) + (pi * nearBranch);
        var pade = zi * (one + (Vector256.Create(4.0 / 3.0) * zi)) / (one + (zi * (Vector256.Create(7.0 / 3.0) + (Vector256.Create(5.0 / 6.0) * zi))));
        var large = Vector256.GreaterThanOrEqual(zi, Vector256.Create(0.7));
        var w = Vector256.ConditionalSelect(Vector256.LessThan(zi, Vector256.Create(-0.25)), nearBranch, pade);
        if (large != Vector256<double>.Zero)
        {
            var zl = Vector256.ConditionalSelect(large, zi, one);
            var l = Vector256.Log(one + zl);
            var winitzki = l * (one - (Vector256.Log(one + l) / (Vector256.Create(2.0) + l)));
            w = Vector256.ConditionalSelect(large, winitzki, w);
        }

        w = FritschStep(zi, w);
        w = FritschStep(zi, w);

        var result = Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(z), Vector256.Create(1e-3)), taylor, w);
        result = Vector256.ConditionalSelect(Vector256.Equals(z, Vector256.Create(double.PositiveInfinity)), z, result);
        result = Vector256.ConditionalSelect(Vector256.LessThan(p, Vector256.Create(SeriesMaxP)), series, result);
        return Vector256.ConditionalSelect(valid, result, Vector256.Create(double.NaN));
    }

    private static Vector256<double> FritschStep(Vector256<double> z, Vector256<double> w)
    {
        var r = Vector256.Log(z / w) - w;
        var t = Vector256<double>.One + w;
        var u = (Vector256.Create(2.0) * t * (t + (Vector256.Create(2.0 / 3.0) * r))) - r;
        return w * (Vector256<double>.One + (r / t * (u - r) / (u - (Vector256.Create(2.0) * r))));
    }
}
