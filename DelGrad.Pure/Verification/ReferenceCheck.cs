using DelGrad.Kernel;
using DelGrad.Substrate;

namespace DelGrad.Verification;

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
    public static ReferenceComparison Run(ReferenceVectorFile file, int threads = 1) =>
        Run(file, ReferencePath.Runtime, threads) ?? throw new InvalidOperationException("the runtime network computes every file");

    /// <summary>
    /// Runs <paramref name="file"/> on one <paramref name="path"/> and compares with what it expects; null when that
    /// path cannot compute the file (no network compiled at build time has its spec).
    /// </summary>
    internal static ReferenceComparison? Run(ReferenceVectorFile file, ReferencePath path, int threads = 1)
    {
        var network = path == ReferencePath.RuntimeSolvers ? Network.CompileWithRuntimeSolvers(file.Spec) : Network.Compile(file.Spec);
        var prepared = network.Prepare(file.Parameters);
        int batch = file.Inputs.Length;
        var inputs = file.Inputs.SelectMany(r => r).ToArray();
        var indices = Enumerable.Range(0, batch).ToArray();
        var outputs = new double[batch][][];
        BatchResult result;
        switch (path)
        {
            case ReferencePath.Compiled:
                var create = CompiledNetworks.Find(file.Spec);
                if (create == null)
                {
                    return null;
                }

                var compiled = create();
                compiled.Prepare(file.Parameters.Values);
                for (int b = 0; b < batch; b++)
                {
                    compiled.Forward(file.Inputs[b]);
                    outputs[b] = [.. Enumerable.Range(0, network.NeuronLayerCount).Select(l => compiled.Vector(network.NeuronOutputVector(l)).ToArray())];
                }

                result = new BatchEvaluator(network, threads, create).Evaluate(prepared, file.Loss, inputs, file.Labels, indices);
                break;
            case ReferencePath.IdealChip:
                var chip = new Bss2Emulation(file.Spec, file.Parameters, Bss2Config.Ideal, chipSeed: 0).Run(file.Inputs, new BatchKey(0, 0, 0), threads);
                for (int b = 0; b < batch; b++)
                {
                    outputs[b] = [.. Enumerable.Range(0, network.NeuronLayerCount).Select(l => chip.Times(b, l).ToArray())];
                }

                result = new ObservedBatchEvaluator(network, threads).Evaluate(prepared, file.Loss, inputs, file.Labels, indices, outputs);
                break;
            default:
                // Per-layer outputs: one more forward pass per sample (cheap) to read every layer.
                var ws = network.CreateWorkspace();
                for (int b = 0; b < batch; b++)
                {
                    network.Forward(prepared, file.Inputs[b], ws);
                    outputs[b] = [.. Enumerable.Range(0, network.NeuronLayerCount).Select(l => ws.NeuronLayerOutput(l).ToArray())];
                }

                result = new BatchEvaluator(network, threads).Evaluate(prepared, file.Loss, inputs, file.Labels, indices);
                break;
        }

        return Compare(file, outputs, result.MeanLoss, result.Gradient.Span);
    }

    // One comparison for every path: [sample][neuron layer][neuron] times, the mean loss and the gradient.
    private static ReferenceComparison Compare(ReferenceVectorFile file, double[][][] outputs, double meanLoss, ReadOnlySpan<double> g)
    {
        int mismatches = 0;
        double maxTime = 0;
        for (int b = 0; b < outputs.Length; b++)
        {
            for (int l = 0; l < outputs[b].Length; l++)
            {
                var ours = outputs[b][l];
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

        double lossDev = Math.Abs(meanLoss - file.Expected.LossBatchMean) / Math.Max(Math.Abs(file.Expected.LossBatchMean), 1e-300);
        double excess = 0, maxDev = 0;
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

        return new ReferenceComparison(file.Name, mismatches, maxTime, meanLoss, lossDev, excess, maxDev);
    }
}

/// <summary>The paths that can compute a reference file's results.</summary>
internal enum ReferencePath
{
    /// <summary>The runtime network, on the built-in generated neurons where a layer's constants match one.</summary>
    Runtime,

    /// <summary>The runtime network on the runtime solvers only (equal-tau, double-tau, general).</summary>
    RuntimeSolvers,

    /// <summary>The network compiled at build time for the file's spec, where one exists.</summary>
    Compiled,

    /// <summary>The emulated BrainScaleS-2 chip with every noise and quantisation off; gradients from its observed times.</summary>
    IdealChip,
}
