using System.Runtime.CompilerServices;
using DelGrad.Model;
using LanguageExt;

namespace DelGrad.Training;

/// <summary>
/// The reference's between-batch rules, shared by the software and the chip-in-the-loop trainers:
/// which layer to bump, the targeted bump itself, and the constraints after an optimiser step.
/// </summary>
internal static class TrainingRules
{
    /// <summary>
    /// The first neuron layer (hidden before label) whose fraction of silent (neuron, sample) pairs
    /// exceeds its max_num_missing_spikes, or -1. <paramref name="silentCounts"/> holds, per neuron of
    /// all neuron layers in order, the samples of the batch in which it stayed silent.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int LayerToBump(Seq<double> limits, IReadOnlyList<int> layerSizes, ReadOnlySpan<int> silentCounts, int batchCount)
    {
        if (limits.IsEmpty)
        {
            return -1;
        }

        int offset = 0;
        for (int l = 0; l < layerSizes.Count; l++)
        {
            long total = 0;
            foreach (int count in silentCounts.Slice(offset, layerSizes[l]))
            {
                total += count;
            }

            offset += layerSizes[l];
            if ((double)total / ((long)layerSizes[l] * batchCount) > limits[Math.Min(l, limits.Count - 1)])
            {
                return l;
            }
        }

        return -1;
    }

    /// <summary>
    /// The reference's step after one batch, in place on the epoch's working buffers: bump the first layer that is too
    /// silent (the bump doubles while the same layer triggers in consecutive batches) instead of updating, or take the Adam
    /// step and apply the constraints (<paramref name="weightClip"/> for weights). Returns the bumped layer (-1 = updated).
    /// </summary>
    public static int Step(ExperimentConfig config, IReadOnlyList<int> layerSizes, EpochWork work, ReadOnlySpan<int> silentCounts, int batchCount, ReadOnlySpan<double> gradient, ReadOnlySpan<double> rates, double weightClip)
    {
        var t = config.Training;
        int bumped = LayerToBump(t.MaxMissingSpikes, layerSizes, silentCounts, batchCount);
        if (bumped >= 0)
        {
            double value = work.LastBumpedLayer == bumped ? work.BumpValue * 2.0 : t.WeightBump;
            Bump(config.Network, work.Values, layerSizes, silentCounts, bumped, value);
            work.LastBumpedLayer = bumped;
            work.BumpValue = value;
            return bumped;
        }

        work.T++;
        AdamUpdate.Apply(work.Values, work.M, work.V, work.T, gradient, rates, t.Beta1, t.Beta2, t.Epsilon);
        Constrain(config.Network, work.Values, weightClip);
        work.LastBumpedLayer = -1;
        return -1;
    }

    /// <summary>Adds <paramref name="value"/> to every incoming weight of each neuron of <paramref name="layer"/> that was silent in any sample, in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Bump(NetworkSpec spec, Span<double> p, IReadOnlyList<int> layerSizes, ReadOnlySpan<int> silentCounts, int layer, double value)
    {
        var block = spec.Layout.Blocks.Filter(b => b.Kind == ParameterKind.Weights).Skip(layer).Head;
        int offset = layerSizes.Take(layer).Sum();
        var silent = silentCounts.Slice(offset, block.Columns);
        for (int j = 0; j < block.Columns; j++)
        {
            if (silent[j] > 0)
            {
                for (int i = 0; i < block.Rows; i++)
                {
                    p[block.Offset + (i * block.Columns) + j] += value;
                }
            }
        }
    }

    /// <summary>Clips weights to [-clip, clip] (when finite) and keeps clip-positivity delays non-negative.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Constrain(NetworkSpec spec, double[] p, double weightClip)
    {
        int index = 0;
        foreach (var layer in spec.Layers)
        {
            foreach (var block in spec.Layout.ForLayer(index))
            {
                var values = p.AsSpan(block.Offset, block.Count);
                if (block.Kind == ParameterKind.Weights && double.IsFinite(weightClip))
                {
                    foreach (ref var v in values)
                    {
                        v = Math.Clamp(v, -weightClip, weightClip);
                    }
                }
                else if (layer is DelayLayer { Positivity: Positivity.Clip })
                {
                    foreach (ref var v in values)
                    {
                        v = Math.Max(v, 0.0);
                    }
                }
            }

            index++;
        }
    }
}
