using DelGrad.Kernel;

namespace DelGrad.Specs;

/// <summary>How far an implementation's results are from a reference vector file.</summary>
/// <param name="Name">The file's name.</param>
/// <param name="SpikeMismatches">(sample, neuron) pairs where one side spikes and the other is silent.</param>
/// <param name="MaxTimeDeviation">Largest |t - t_ref| over pairs where both spike.</param>
/// <param name="Loss">Our mean loss.</param>
/// <param name="LossRelativeDeviation">|loss - loss_ref| / |loss_ref|.</param>
/// <param name="MaxGradientExcess">Largest |g - g_ref| / (AbsoluteGradientTolerance + RelativeGradientTolerance |g_ref|); within tolerance when at most 1.</param>
/// <param name="MaxGradientDeviation">Largest |g - g_ref| (absolute).</param>
public sealed record ReferenceComparison(string Name, int SpikeMismatches, double MaxTimeDeviation, double Loss, double LossRelativeDeviation, double MaxGradientExcess, double MaxGradientDeviation)
{
    /// <summary>Spike times: absolute tolerance.</summary>
    public const double TimeTolerance = 1e-4;

    /// <summary>Loss: relative tolerance.</summary>
    public const double LossTolerance = 1e-5;

    /// <summary>Gradients: relative part of the tolerance.</summary>
    public const double RelativeGradientTolerance = 1e-3;

    /// <summary>Gradients: absolute part of the tolerance.</summary>
    public const double AbsoluteGradientTolerance = 1e-6;

    /// <summary>True when every quantity is within the reference README's tolerances.</summary>
    public bool WithinTolerance => SpikeMismatches == 0 && MaxTimeDeviation <= TimeTolerance && LossRelativeDeviation <= LossTolerance && MaxGradientExcess <= 1.0;

    /// <summary>Runs <paramref name="file"/>'s network on its batch and compares with what it expects.</summary>
    public static ReferenceComparison Run(ReferenceVectorFile file, int threads = 1)
    {
        var network = Network.Compile(file.Spec);
        var prepared = network.Prepare(file.Parameters);
        int batch = file.Inputs.Length;
        var inputs = file.Inputs.SelectMany(r => r).ToArray();
        var indices = Enumerable.Range(0, batch).ToArray();
        var result = new BatchEvaluator(network, threads).Evaluate(prepared, file.Loss, inputs, file.Labels, indices);

        // Per-layer outputs: one more forward pass per sample (cheap) to read every layer.
        var ws = network.CreateWorkspace();
        int mismatches = 0;
        double maxTime = 0;
        for (int b = 0; b < batch; b++)
        {
            network.Forward(prepared, file.Inputs[b], ws);
            for (int l = 0; l < network.NeuronLayerCount; l++)
            {
                var ours = ws.NeuronLayerOutput(l);
                var theirs = file.Expected.NeuronLayerOutputs[l][b];
                for (int j = 0; j < ours.Length; j++)
                {
                    bool a = double.IsFinite(ours[j]), e = double.IsFinite(theirs[j]);
                    if (a != e)
                    {
                        mismatches++;
                    }
                    else if (a)
                    {
                        maxTime = Math.Max(maxTime, Math.Abs(ours[j] - theirs[j]));
                    }
                }
            }
        }

        double lossDev = Math.Abs(result.MeanLoss - file.Expected.LossBatchMean) / Math.Max(Math.Abs(file.Expected.LossBatchMean), 1e-300);
        double excess = 0, maxDev = 0;
        var g = result.Gradient.Span;
        foreach (int layer in file.Expected.GradientPresent)
        {
            var block = file.Spec.Layout.ForLayer(layer).IfNone(() => throw new InvalidOperationException());
            for (int p = block.Offset; p < block.Offset + block.Count; p++)
            {
                double reference = file.Expected.Gradient[p], dev = Math.Abs(g[p] - reference);
                maxDev = Math.Max(maxDev, dev);
                excess = Math.Max(excess, dev / (AbsoluteGradientTolerance + (RelativeGradientTolerance * Math.Abs(reference))));
            }
        }

        return new ReferenceComparison(file.Name, mismatches, maxTime, result.MeanLoss, lossDev, excess, maxDev);
    }
}
