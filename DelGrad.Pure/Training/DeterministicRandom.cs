using System.Runtime.CompilerServices;
using DelGrad.Data;

namespace DelGrad.Training;

/// <summary>
/// Explicit, seeded randomness for training: every stream is derived from (seed, purpose, index), so
/// results never depend on call order, thread count or where a run was resumed.
/// </summary>
public static class DeterministicRandom
{
    /// <summary>Mixes integers into a 32-bit seed (SplitMix64 finaliser).</summary>
    public static uint Mix(long a, long b, long c = 0)
    {
        ulong z = unchecked((ulong)a * 0x9E3779B97F4A7C15UL ^ ((ulong)b + 0xBF58476D1CE4E5B9UL) * 0x94D049BB133111EBUL ^ (ulong)c * 0xD6E8FEB86659FD93UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (uint)(z ^ (z >> 31));
    }

    /// <summary>The 32-bit seed of stream <paramref name="stream"/> of <paramref name="seed"/> at <paramref name="index"/> (an epoch, a block).</summary>
    public static uint Mix(long seed, SeedStream stream, long index) => Mix(seed, (long)stream, index);

    /// <summary>A standard normal draw (Box-Muller, cosine branch).</summary>
    public static double Normal(Mt19937 rng)
    {
        double u1 = 1.0 - rng.NextDouble(); // (0, 1]: log is finite
        double u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>The training order of epoch <paramref name="epoch"/>: a Fisher-Yates shuffle seeded by (seed, epoch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int[] EpochOrder(int seed, int epoch, int count)
    {
        var order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        var rng = new Mt19937(Mix(seed, SeedStream.EpochOrder, epoch));
        for (int i = count - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }
}
