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

    private readonly Workspace[] workspaces;
    private readonly FixedOrderChunks chunks;
    private readonly double[] gradient;
    private readonly int[] silentCounts;

    /// <summary>Creates an evaluator for <paramref name="network"/> using up to <paramref name="threads"/> threads.</summary>
    public BatchEvaluator(Network network, int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Network = network;
        Threads = threads;
        workspaces = Enumerable.Range(0, threads).Select(_ => network.CreateWorkspace()).ToArray();
        gradient = new double[network.ParameterCount];
        chunks = new FixedOrderChunks(network.ParameterCount);
        silentCounts = new int[network.NeuronLayerSizes.Sum()];
    }

    /// <summary>
    /// Per neuron (all neuron layers in order): in how many samples of the last batch it stayed silent.
    /// Valid until the next call.
    /// </summary>
    public ReadOnlySpan<int> SilentCounts => silentCounts;

    /// <summary>The reference's max_dw_norm (per sample and neuron); +infinity = off.</summary>
    public double MaxDwNorm
    {
        get => workspaces[0].MaxDwNorm;
        set
        {
            foreach (var ws in workspaces)
            {
                ws.MaxDwNorm = value;
            }
        }
    }

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

        void RunChunk(int chunk, Workspace ws)
        {
            ws.ClearGradient();
            double sum = 0;
            int end = Math.Min(count, (chunk + 1) * ChunkSize);
            for (int k = chunk * ChunkSize; k < end; k++)
            {
                int sample = indices.Span[k];
                var output = Network.Forward(parameters, inputs.Span.Slice(sample * width, width), ws);
                CountSilent(ws);
                if (!outputs.IsEmpty)
                {
                    output.CopyTo(outputs.Span.Slice(k * nOut, nOut));
                }

                double value = computeGradient
                    ? Network.Backward(parameters, loss, labels.Span[sample], ws, scale)
                    : Losses.LossFunctions.Evaluate(loss, output, labels.Span[sample], Network.NeuronStages[^1].Constants.TauSyn, ws.ActivationGrads.AsSpan(0, nOut));
                if (!losses.IsEmpty)
                {
                    losses.Span[k] = value;
                }

                sum += value;
            }

            chunks.SetLoss(chunk, sum);
            if (computeGradient)
            {
                Network.FlushDelayGradients(parameters, ws).CopyTo(chunks.Gradient(chunk));
            }
        }

        chunks.Run(count, Threads, (chunk, worker) => RunChunk(chunk, workspaces[worker]));

        // Integer counts: any order gives the same sum.
        Array.Clear(silentCounts);
        foreach (var ws in workspaces)
        {
            for (int k = 0; k < silentCounts.Length; k++)
            {
                silentCounts[k] += ws.SilentCounts[k];
            }

            Array.Clear(ws.SilentCounts);
        }

        // Fixed reduction order: chunk 0, 1, 2, ... whoever computed them.
        double total = chunks.Reduce(count, gradient, computeGradient);
        return new BatchResult(count > 0 ? total / count : 0.0, gradient);
    }

    private void CountSilent(Workspace ws)
    {
        int k = 0;
        for (int l = 0; l < Network.NeuronLayerCount; l++)
        {
            foreach (var t in ws.NeuronLayerOutput(l))
            {
                if (!double.IsFinite(t))
                {
                    ws.SilentCounts[k]++;
                }

                k++;
            }
        }
    }
}
