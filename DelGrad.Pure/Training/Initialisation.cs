using DelGrad.Data;
using DelGrad.Model;

namespace DelGrad.Training;

/// <summary>Initial parameters drawn from each block's N(mean, std), seeded per block.</summary>
public static class Initialisation
{
    /// <summary>Draws the parameters of <paramref name="spec"/>; block b uses the stream (seed, b).</summary>
    public static NetworkParameters Draw(NetworkSpec spec, LanguageExt.Seq<InitSpec> inits, int seed)
    {
        if (inits.Count != spec.Layout.Blocks.Count)
        {
            throw new ArgumentException($"inits: expected {spec.Layout.Blocks.Count} blocks, got {inits.Count}", nameof(inits));
        }

        var values = new double[spec.Layout.Count];
        int b = 0;
        foreach (var block in spec.Layout.Blocks)
        {
            var init = inits[b];
            var rng = new Mt19937(DeterministicRandom.Mix(seed, SeedStream.Initialisation, b));
            for (int k = 0; k < block.Count; k++)
            {
                values[block.Offset + k] = init.Mean + (init.Std * DeterministicRandom.Normal(rng));
            }

            b++;
        }

        return NetworkParameters.Own(values);
    }
}
