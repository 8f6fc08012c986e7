using System.Runtime.CompilerServices;
using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Substrate;

namespace DelGrad.Training;

/// <summary>
/// The ideal software model as the forward source: the runtime <see cref="Network"/> or a network compiled at build time
/// runs forward and backward (<see cref="BatchEvaluator"/>; the same bits for any thread count).
/// </summary>
public sealed class SoftwareForward : IForwardSource
{
    private readonly BatchEvaluator evaluator;
    private readonly LossSpec loss;

    /// <summary>Creates the source for <paramref name="network"/>; <paramref name="compiled"/> (optional) creates compiled instances.</summary>
    /// <param name="network">The network.</param>
    /// <param name="loss">The loss.</param>
    /// <param name="maxDwNorm">The reference's max_dw_norm.</param>
    /// <param name="threads">Worker threads.</param>
    /// <param name="compiled">A compiled network of the same structure, or null for the runtime network.</param>
    public SoftwareForward(Network network, LossSpec loss, double maxDwNorm, int threads = 1, Func<ICompiledNetwork>? compiled = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        this.loss = loss ?? throw new ArgumentNullException(nameof(loss));
        evaluator = new BatchEvaluator(network, threads, compiled) { MaxDwNorm = maxDwNorm };
    }

    /// <inheritdoc />
    public string Name => evaluator.KernelName;

    /// <inheritdoc />
    public ReadOnlySpan<int> SilentCounts => evaluator.SilentCounts;

    private Network Network => evaluator.Network;

    /// <inheritdoc />
    public double WeightClip(double configured) => configured;

    /// <inheritdoc />
    public BatchResult TrainBatch(NetworkParameters parameters, PreparedParameters prepared, ReadOnlyMemory<double> inputs, ReadOnlyMemory<int> labels, ReadOnlyMemory<int> indices, BatchKey key, Memory<double> outputs) =>
        evaluator.Evaluate(prepared, loss, inputs, labels, indices, outputs);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Run(NetworkParameters parameters, DataSplit split, NoisePhase phase, int epochIndex, double[] outputs)
    {
        ArgumentNullException.ThrowIfNull(split);
        var prepared = Network.Prepare(parameters);
        return split.IsCoded
            ? RunCoded(prepared, split, outputs)
            : evaluator.Evaluate(prepared, loss, split.Inputs, split.Labels, Enumerable.Range(0, split.Count).ToArray(), outputs, computeGradient: false).MeanLoss;
    }

    /// <inheritdoc />
    public ForwardStats TakeStats() => default;

    // A coded split in blocks (expanded one block at a time, so a large split never exists as doubles); the mean loss
    // is the block losses' weighted sum.
    private double RunCoded(PreparedParameters prepared, DataSplit split, double[] outputs)
    {
        const int block = 1000;
        var buffer = new BatchBuffer(block, Network.Inputs);
        int[] indices = new int[block];
        double lossSum = 0;
        for (int start = 0; start < split.Count; start += block)
        {
            int count = Math.Min(block, split.Count - start);
            for (int k = 0; k < count; k++)
            {
                indices[k] = start + k;
            }

            var result = evaluator.Evaluate(prepared, loss, buffer.Fill(split, indices.AsSpan(0, count), 0.0, 0), buffer.Labels, buffer.Identity(count), outputs.AsMemory(start * Network.Outputs, count * Network.Outputs), computeGradient: false);
            lossSum += result.MeanLoss * count;
        }

        return split.Count > 0 ? lossSum / split.Count : 0.0;
    }
}
