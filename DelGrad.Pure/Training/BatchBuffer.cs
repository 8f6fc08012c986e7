using DelGrad.Data;

namespace DelGrad.Training;

/// <summary>
/// One batch of a coded <see cref="DataSplit"/>, expanded into times (and optionally the reference's training noise
/// <c>t &lt;- |t + N(0, std^2)|</c>), with its labels; the evaluator reads it with the identity index. Reused batch after batch.
/// </summary>
internal sealed class BatchBuffer(int capacity, int width)
{
    private readonly double[] inputs = new double[capacity * width];
    private readonly int[] identity = Enumerable.Range(0, capacity).ToArray();

    /// <summary>The labels of the last <see cref="Fill"/>.</summary>
    public int[] Labels { get; } = new int[capacity];

    /// <summary>Indices 0 .. count - 1.</summary>
    public ReadOnlyMemory<int> Identity(int count) => identity.AsMemory(0, count);

    /// <summary>Expands samples <paramref name="indices"/> of <paramref name="split"/>; noise from an MT19937 seeded with <paramref name="noiseSeed"/> when <paramref name="noiseStd"/> &gt; 0.</summary>
    public double[] Fill(DataSplit split, ReadOnlySpan<int> indices, double noiseStd, uint noiseSeed)
    {
        split.Gather(indices, inputs);
        for (int k = 0; k < indices.Length; k++)
        {
            Labels[k] = split.Labels[indices[k]];
        }

        if (noiseStd > 0)
        {
            var rng = new Mt19937(noiseSeed);
            foreach (ref double t in inputs.AsSpan(0, indices.Length * width))
            {
                double noisy = t + (noiseStd * DeterministicRandom.Normal(rng));
                t = noisy < 0 ? -noisy : noisy;
            }
        }

        return inputs;
    }
}
