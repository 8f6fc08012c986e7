using System.Runtime.CompilerServices;
using DelGrad.Model;

namespace DelGrad.Kernel;

/// <summary>What one batch produced.</summary>
/// <param name="MeanLoss">Mean loss over the batch (silent samples count as <see cref="LossSpec.SilentLoss"/>).</param>
/// <param name="Gradient">Gradient of the mean loss w.r.t. the flat parameters (owned by the evaluator; valid until its next call).</param>
public readonly record struct BatchResult(double MeanLoss, ReadOnlyMemory<double> Gradient);

/// <summary>
/// Evaluates batches of samples, split across threads. Samples are grouped in fixed chunks whose
/// partial sums are added in chunk order, so the result is bitwise identical whatever the thread
/// count. Buffers are allocated once; a batch allocates nothing.
/// </summary>
public sealed class BatchEvaluator
{
    /// <summary>Samples per chunk: the unit of work and of the fixed reduction order.</summary>
    public const int ChunkSize = FixedOrderChunks.Size;

    private readonly ISampleKernel[] kernels;
    private readonly FixedOrderChunks chunks;
    private readonly double[] gradient;
    private readonly int[] silentCounts;
    private readonly int[][] workerSilentCounts;

    /// <summary>Creates an evaluator for <paramref name="network"/> using up to <paramref name="threads"/> threads.</summary>
    public BatchEvaluator(Network network, int threads = 1)
        : this(network, threads, compiled: null)
    {
    }

    /// <summary>
    /// Creates an evaluator that runs each worker on <paramref name="compiled"/>'s instances (a network compiled at
    /// build time for the same spec as <paramref name="network"/>), or on the runtime network when it is null.
    /// </summary>
    internal BatchEvaluator(Network network, int threads, Func<ICompiledNetwork>? compiled)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Network = network;
        Threads = threads;
        kernels = Enumerable.Range(0, threads)
            .Select(_ => compiled == null ? (ISampleKernel)new RuntimeKernel(network) : new CompiledKernel(network, compiled()))
            .ToArray();
        gradient = new double[network.ParameterCount];
        chunks = new FixedOrderChunks(network.ParameterCount);
        silentCounts = new int[network.NeuronLayerSizes.Sum()];
        workerSilentCounts = [.. kernels.Select(_ => new int[silentCounts.Length])];
    }

    /// <summary>
    /// Per neuron (all neuron layers in order): in how many samples of the last batch it stayed silent.
    /// Valid until the next call.
    /// </summary>
    public ReadOnlySpan<int> SilentCounts => silentCounts;

    /// <summary>The reference's max_dw_norm (per sample and neuron); +infinity = off.</summary>
    public double MaxDwNorm
    {
        get => kernels[0].MaxDwNorm;
        set
        {
            foreach (var kernel in kernels)
            {
                kernel.MaxDwNorm = value;
            }
        }
    }

    /// <summary>What the workers run on: "runtime" or the compiled network's class.</summary>
    public string KernelName => kernels[0].Name;

    /// <summary>The network.</summary>
    public Network Network { get; }

    /// <summary>Worker threads.</summary>
    public int Threads { get; }

    /// <summary>
    /// Loss and gradient of the mean loss over the samples <paramref name="indices"/> of
    /// <paramref name="inputs"/> ([N][inputs] flat). Optionally writes each sample's label-layer
    /// times into <paramref name="outputs"/> ([indices.Length][outputs] flat) and losses into <paramref name="losses"/>.
    /// </summary>
    public BatchResult Evaluate(PreparedParameters parameters, LossSpec loss, ReadOnlyMemory<double> inputs, ReadOnlyMemory<int> labels, ReadOnlyMemory<int> indices, Memory<double> outputs = default, Memory<double> losses = default, bool computeGradient = true)
    {
        int count = indices.Length;
        double scale = count > 0 ? 1.0 / count : 0.0;
        int width = Network.Inputs, nOut = Network.Outputs;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void RunChunk(int chunk, ISampleKernel kernel, int[] silent)
        {
            kernel.Use(parameters);
            kernel.ClearGradient();
            double sum = 0;
            int end = Math.Min(count, (chunk + 1) * ChunkSize);
            for (int k = chunk * ChunkSize; k < end; k++)
            {
                int sample = indices.Span[k];
                var output = kernel.Forward(inputs.Span.Slice(sample * width, width));
                CountSilent(kernel, silent);
                if (!outputs.IsEmpty)
                {
                    output.CopyTo(outputs.Span.Slice(k * nOut, nOut));
                }

                double value = computeGradient
                    ? kernel.Backward(loss, labels.Span[sample], scale)
                    : kernel.Loss(loss, labels.Span[sample]);
                if (!losses.IsEmpty)
                {
                    losses.Span[k] = value;
                }

                sum += value;
            }

            chunks.SetLoss(chunk, sum);
            if (computeGradient)
            {
                kernel.FlushGradient().CopyTo(chunks.Gradient(chunk));
            }
        }

        chunks.Run(count, Threads, (chunk, worker) => RunChunk(chunk, kernels[worker], workerSilentCounts[worker]));

        // Integer counts: any order gives the same sum.
        Array.Clear(silentCounts);
        foreach (var silent in workerSilentCounts)
        {
            for (int k = 0; k < silentCounts.Length; k++)
            {
                silentCounts[k] += silent[k];
            }

            Array.Clear(silent);
        }

        // Fixed reduction order: chunk 0, 1, 2, ... whoever computed them.
        double total = chunks.Reduce(count, gradient, computeGradient);
        return new BatchResult(count > 0 ? total / count : 0.0, gradient);
    }

    // Adds the last sample's silent neurons (all neuron layers in order) to a worker's counts.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CountSilent(ISampleKernel kernel, int[] silent)
    {
        int k = 0;
        for (int l = 0; l < Network.NeuronLayerCount; l++)
        {
            foreach (var t in kernel.NeuronLayerOutput(l))
            {
                if (!double.IsFinite(t))
                {
                    silent[k]++;
                }

                k++;
            }
        }
    }
}
