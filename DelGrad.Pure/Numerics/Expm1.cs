namespace DelGrad.Numerics;

/// <summary>Accurate e^x - 1 and (e^x - 1) / x near 0, where the naive forms cancel.</summary>
public static class Expm1
{
    /// <summary>e^x - 1 to full relative precision (Kahan's trick: the rounding of e^x cancels in u - 1 / log u).</summary>
    public static double Of(double x)
    {
        if (Math.Abs(x) < 1e-5)
        {
            return x * (1.0 + (x * (0.5 + (x * (1.0 / 6.0)))));
        }

        if (Math.Abs(x) > 0.5)
        {
            return Math.Exp(x) - 1.0;
        }

        double u = Math.Exp(x);
        double um1 = u - 1.0;
        return um1 * x / Math.Log(u);
    }

    /// <summary>(e^x - 1) / x, equal to 1 at x = 0.</summary>
    public static double Relative(double x) => Math.Abs(x) < 1e-5
        ? 1.0 + (x * (0.5 + (x * ((1.0 / 6.0) + (x * (1.0 / 24.0))))))
        : Of(x) / x;
}
