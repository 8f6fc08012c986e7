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
    public static double SpikeTime(in DoubleTauSolver neuron, ReadOnlySpan<double> weights, ReadOnlySpan<double> arrivals, out int causalCount)
    {
        double inv = neuron.Constants.InvTauSyn, c = neuron.Constants.C, tauSyn = neuron.Constants.TauSyn;
        int n = arrivals.Length;
        if (n == 0)
        {
            causalCount = 0;
            return double.PositiveInfinity;
        }

        double t0 = arrivals[0];
        double a = 0, b = 0;
        double h = 1.0; // e^((t_k - t0) / (2 tau_syn)); the next one is computed once and carried
        for (int k = 0; k < n; k++)
        {
            double wh = weights[k] * h;
            a += wh;
            b += wh * h;
            double hNext = k + 1 < n ? Math.Exp(0.5 * (arrivals[k + 1] - t0) * inv) : double.PositiveInfinity;
            double d = (a * a) - (2.0 * b * c);
            if (d >= 0)
            {
                // The candidate t = t0 + 2 tau ln(den / c) lies in [t_k, t_(k+1)] iff
                // c h_k <= den <= c h_(k+1): the log is only taken for the accepted candidate.
                double denominator = a - Math.Sqrt(d);
                if (denominator > 0 && denominator >= c * h && denominator <= c * hNext)
                {
                    causalCount = k + 1;
                    return Math.Max(arrivals[k], t0 + (2.0 * tauSyn * Math.Log(denominator / c)));
                }
            }

            h = hNext;
        }

        causalCount = 0;
        return double.PositiveInfinity;
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
