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
public sealed record SplitEvaluation(double Loss, double Accuracy, double[] Outputs, int[] Predictions, int[,] Confusion);
