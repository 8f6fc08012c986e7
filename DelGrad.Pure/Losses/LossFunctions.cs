using DelGrad.Model;

namespace DelGrad.Losses;

/// <summary>The losses on label-layer spike times, with their exact gradients dL/dt.</summary>
public static class LossFunctions
{
    /// <summary>
    /// Evaluates <paramref name="loss"/> for one sample and writes dL/dt into <paramref name="gradient"/>.
    /// A silent label neuron or an infinite loss gives <see cref="LossSpec.SilentLoss"/> and a zero gradient.
    /// </summary>
    /// <param name="loss">The loss.</param>
    /// <param name="times">Label-layer first-spike times (+infinity = silent).</param>
    /// <param name="label">The true class.</param>
    /// <param name="tauSyn">The label layer's tau_syn (the loss's time scales are in its units).</param>
    /// <param name="gradient">Receives dL/dt, same length as <paramref name="times"/>.</param>
    public static double Evaluate(LossSpec loss, ReadOnlySpan<double> times, int label, double tauSyn, Span<double> gradient)
    {
        gradient.Clear();
        double tl = times[label];
        if (!double.IsFinite(tl))
        {
            return LossSpec.SilentLoss;
        }

        switch (loss)
        {
            case LossSpec.Ttfs ttfs:
            {
                double scale = 1.0 / (ttfs.Xi * tauSyn);
                // log sum exp(-t/s) shifted by the earliest spike: no overflow, silent terms are 0.
                double min = double.PositiveInfinity;
                foreach (var t in times)
                {
                    min = Math.Min(min, t);
                }

                double sum = 0;
                foreach (var t in times)
                {
                    sum += Math.Exp(-(t - min) * scale);
                }

                double regulariser = ttfs.Alpha * Math.Exp(tl / (ttfs.Beta * tauSyn));
                double value = Math.Log(sum) - (min * scale) + (tl * scale) + regulariser;
                if (!double.IsFinite(value))
                {
                    return LossSpec.SilentLoss;
                }

                for (int k = 0; k < times.Length; k++)
                {
                    gradient[k] = -scale * Math.Exp(-(times[k] - min) * scale) / sum;
                }

                gradient[label] += scale + (regulariser / (ttfs.Beta * tauSyn));
                return value;
            }

            case LossSpec.ShiftInvariantMse mse:
            {
                double value = 0, labelGrad = 0;
                for (int k = 0; k < times.Length; k++)
                {
                    if (k == label)
                    {
                        continue;
                    }

                    double e = times[k] - tl - mse.DeltaT;
                    value += 0.5 * e * e;
                    gradient[k] = e;
                    labelGrad -= e;
                }

                gradient[label] = labelGrad;
                return Finite(value, gradient);
            }

            case LossSpec.Mse target:
            {
                double value = 0;
                for (int k = 0; k < times.Length; k++)
                {
                    double e = times[k] - (k == label ? target.TargetCorrect : target.TargetWrong);
                    value += 0.5 * e * e;
                    gradient[k] = e;
                }

                return Finite(value, gradient);
            }

            default:
                throw new ArgumentException($"loss: unknown loss {loss.GetType().Name}", nameof(loss));
        }
    }

    private static double Finite(double value, Span<double> gradient)
    {
        if (double.IsFinite(value))
        {
            return value;
        }

        gradient.Clear();
        return LossSpec.SilentLoss;
    }
}
