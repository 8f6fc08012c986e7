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
    public (double[] Parameters, AdamState State) Step(ReadOnlySpan<double> parameters, ReadOnlySpan<double> gradient, ReadOnlySpan<double> learningRates, double beta1, double beta2, double eps)
    {
        var m = (double[])M.Clone();
        var v = (double[])V.Clone();
        var p = parameters.ToArray();
        AdamUpdate.Apply(p, m, v, T + 1, gradient, learningRates, beta1, beta2, eps);
        return (p, new AdamState(m, v, T + 1));
    }
}

/// <summary>
/// The Adam update itself, in place on spans: the one formula behind <see cref="AdamState.Step"/> and the trainer's epoch,
/// which updates its working buffers batch after batch without allocating (a 100,000-parameter network would otherwise
/// allocate three large-object arrays per batch).
/// </summary>
public static class AdamUpdate
{
    /// <summary>Step <paramref name="t"/> (1-based) of Adam on <paramref name="parameters"/> and the moments, in place.</summary>
    /// <param name="parameters">The parameters (updated).</param>
    /// <param name="m">First moments (updated).</param>
    /// <param name="v">Second moments (updated).</param>
    /// <param name="t">The step number after this step (1 for the first).</param>
    /// <param name="gradient">The gradient.</param>
    /// <param name="learningRates">Each parameter's learning rate.</param>
    /// <param name="beta1">beta1.</param>
    /// <param name="beta2">beta2.</param>
    /// <param name="eps">epsilon.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(Span<double> parameters, Span<double> m, Span<double> v, long t, ReadOnlySpan<double> gradient, ReadOnlySpan<double> learningRates, double beta1, double beta2, double eps)
    {
        int n = parameters.Length;
        if (m.Length != n || v.Length != n || gradient.Length != n || learningRates.Length != n)
        {
            throw new ArgumentException($"Adam: parameters ({n}), moments ({m.Length}, {v.Length}), gradient ({gradient.Length}) and learning rates ({learningRates.Length}) must have one length");
        }

        double bias1 = 1.0 - Math.Pow(beta1, t), bias2Sqrt = Math.Sqrt(1.0 - Math.Pow(beta2, t));
        for (int i = 0; i < n; i++)
        {
            double g = gradient[i];
            double mi = (beta1 * m[i]) + ((1.0 - beta1) * g);
            double vi = (beta2 * v[i]) + ((1.0 - beta2) * g * g);
            m[i] = mi;
            v[i] = vi;
            double denom = (Math.Sqrt(vi) / bias2Sqrt) + eps;
            parameters[i] -= learningRates[i] / bias1 * mi / denom;
        }
    }
}
