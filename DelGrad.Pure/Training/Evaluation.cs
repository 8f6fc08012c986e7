using System.Runtime.CompilerServices;
namespace DelGrad.Training;

/// <summary>Classification from label-layer spike times: the earliest spike wins.</summary>
public static class Classification
{
    /// <summary>The predicted class (first earliest finite spike), or -1 when every label neuron is silent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Predict(ReadOnlySpan<double> times)
    {
        int best = -1;
        double first = double.PositiveInfinity;
        for (int k = 0; k < times.Length; k++)
        {
            if (times[k] < first)
            {
                first = times[k];
                best = k;
            }
        }

        return best;
    }
}

/// <summary>Results of running a data split through a network.</summary>
/// <param name="Loss">Mean loss.</param>
/// <param name="Accuracy">Fraction classified correctly.</param>
/// <param name="Outputs">[N][classes] label-layer times, flat.</param>
/// <param name="Predictions">[N] predicted class (-1 = all silent).</param>
/// <param name="Confusion">[true][predicted] counts; a last column counts all-silent samples.</param>
public sealed record SplitEvaluation(double Loss, double Accuracy, double[] Outputs, int[] Predictions, int[,] Confusion)
{
    /// <summary>The evaluation of label-layer times <paramref name="outputs"/> ([N][classes]) against <paramref name="labels"/>.</summary>
    /// <param name="meanLoss">The mean loss the forward source reported.</param>
    /// <param name="outputs">Label-layer times, flat.</param>
    /// <param name="labels">The true classes.</param>
    /// <param name="classes">Label neurons.</param>
    /// <param name="withOutputs">Keep <paramref name="outputs"/> in the result (else an empty array).</param>
    public static SplitEvaluation Of(double meanLoss, double[] outputs, IReadOnlyList<int> labels, int classes, bool withOutputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(labels);
        int n = labels.Count;
        var predictions = new int[n];
        var confusion = new int[classes, classes + 1];
        int correct = 0;
        for (int k = 0; k < n; k++)
        {
            int p = Classification.Predict(outputs.AsSpan(k * classes, classes));
            predictions[k] = p;
            confusion[labels[k], p < 0 ? classes : p]++;
            correct += p == labels[k] ? 1 : 0;
        }

        return new SplitEvaluation(meanLoss, n > 0 ? (double)correct / n : 0.0, withOutputs ? outputs : [], predictions, confusion);
    }
}
