using DelGrad.Model;

namespace DelGrad.Kernel;

/// <summary>
/// The chip-in-the-loop counterpart of <see cref="BatchEvaluator"/>: loss and gradient of a batch
/// whose spike times were observed on a substrate (<see cref="Network.LoadObserved"/>), evaluated at
/// nominal parameters. Same fixed chunking and reduction order, so the result is bitwise identical
/// for any thread count.
/// </summary>
public sealed class ObservedBatchEvaluator
{
    private readonly Workspace[] workspaces;
    private readonly double[] gradient;
    private readonly int[] silentCounts;
    private readonly FixedOrderChunks chunks;

    /// <summary>Creates an evaluator for <paramref name="network"/> using up to <paramref name="threads"/> threads.</summary>
    public ObservedBatchEvaluator(Network network, int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Network = network;
        Threads = threads;
        workspaces = Enumerable.Range(0, threads).Select(_ => network.CreateWorkspace()).ToArray();
        gradient = new double[network.ParameterCount];
        chunks = new FixedOrderChunks(network.ParameterCount);
        silentCounts = new int[network.NeuronLayerSizes.Sum()];
    }

    /// <summary>The network.</summary>
    public Network Network { get; }

    /// <summary>Worker threads.</summary>
    public int Threads { get; }

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

    /// <summary>Per neuron (all neuron layers in order): in how many samples of the last batch it was observed silent.</summary>
    public ReadOnlySpan<int> SilentCounts => silentCounts;

    /// <summary>
    /// Loss and gradient of the mean loss over the samples <paramref name="indices"/> of
    /// <paramref name="inputs"/> ([N][inputs] flat), where <paramref name="observed"/>[k] holds every
    /// neuron layer's observed times of sample <c>indices[k]</c>.
    /// </summary>
    public BatchResult Evaluate(PreparedParameters parameters, LossSpec loss, ReadOnlyMemory<double> inputs, ReadOnlyMemory<int> labels, ReadOnlyMemory<int> indices, IReadOnlyList<double[][]> observed)
    {
        int count = indices.Length;
        if (observed.Count != count)
        {
            throw new ArgumentException($"observed: expected {count} samples, got {observed.Count}", nameof(observed));
        }

        double scale = count > 0 ? 1.0 / count : 0.0;
        int width = Network.Inputs;

        void RunChunk(int chunk, Workspace ws, int[] silent)
        {
            ws.ClearGradient();
            double sum = 0;
            int end = Math.Min(count, (chunk + 1) * BatchEvaluator.ChunkSize);
            for (int k = chunk * BatchEvaluator.ChunkSize; k < end; k++)
            {
                int sample = indices.Span[k];
                Network.LoadObserved(parameters, inputs.Span.Slice(sample * width, width), observed[k], ws);
                int n = 0;
                foreach (var layer in observed[k])
                {
                    foreach (var t in layer)
                    {
                        silent[n++] += double.IsFinite(t) ? 0 : 1;
                    }
                }

                sum += Network.Backward(parameters, loss, labels.Span[sample], ws, scale);
            }

            chunks.SetLoss(chunk, sum);
            Network.FlushDelayGradients(parameters, ws).CopyTo(chunks.Gradient(chunk));
        }

        var perWorker = workspaces.Select(_ => new int[silentCounts.Length]).ToArray();
        chunks.Run(count, Threads, (chunk, worker) => RunChunk(chunk, workspaces[worker], perWorker[worker]));

        Array.Clear(silentCounts);
        foreach (var s in perWorker)
        {
            for (int k = 0; k < s.Length; k++)
            {
                silentCounts[k] += s[k];
            }
        }

        double total = chunks.Reduce(count, gradient, withGradient: true);
        return new BatchResult(count > 0 ? total / count : 0.0, gradient);
    }
}
