using System.Runtime.CompilerServices;
namespace DelGrad.Training;

/// <summary>Adam's moments and step count (immutable: <see cref="Step"/> returns a new state).</summary>
/// <param name="M">First moments.</param>
/// <param name="V">Second moments.</param>
/// <param name="T">Steps taken.</param>
public sealed record AdamState(double[] M, double[] V, long T)
{
    /// <summary>Zero moments for <paramref name="count"/> parameters.</summary>
    public static AdamState Zero(int count) => new(new double[count], new double[count], 0);

    /// <summary>
    /// One Adam step exactly as PyTorch computes it (float64):
    /// denom = sqrt(v) / sqrt(1 - beta2^t) + eps, p -= (lr / (1 - beta1^t)) m / denom.
    /// <paramref name="learningRates"/> gives each parameter's rate.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (double[] Parameters, AdamState State) Step(ReadOnlySpan<double> parameters, ReadOnlySpan<double> gradient, ReadOnlySpan<double> learningRates, double beta1, double beta2, double eps)
    {
        long t = T + 1;
        var m = new double[M.Length];
        var v = new double[V.Length];
        var p = parameters.ToArray();
        double bias1 = 1.0 - Math.Pow(beta1, t), bias2Sqrt = Math.Sqrt(1.0 - Math.Pow(beta2, t));
        for (int i = 0; i < p.Length; i++)
        {
            double g = gradient[i];
            m[i] = (beta1 * M[i]) + ((1.0 - beta1) * g);
            v[i] = (beta2 * V[i]) + ((1.0 - beta2) * g * g);
            double denom = (Math.Sqrt(v[i]) / bias2Sqrt) + eps;
            p[i] -= learningRates[i] / bias1 * m[i] / denom;
        }

        return (p, new AdamState(m, v, t));
    }
}
