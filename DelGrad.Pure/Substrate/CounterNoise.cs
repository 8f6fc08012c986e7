namespace DelGrad.Substrate;

/// <summary>Which random quantity a <see cref="NoiseKey"/> draws; separate streams never share bits.</summary>
public enum NoiseStream
{
    /// <summary>Per-neuron fixed-pattern threshold offset (drawn once per chip seed).</summary>
    ThresholdFixedPattern = 1,

    /// <summary>Per-neuron threshold offset redrawn every batch (trial to trial variation).</summary>
    ThresholdTrial = 2,

    /// <summary>Per-neuron fixed-pattern mismatch of tau_mem.</summary>
    TauMemFixedPattern = 3,

    /// <summary>Per-neuron fixed-pattern mismatch of tau_syn.</summary>
    TauSynFixedPattern = 4,

    /// <summary>Jitter of one delayed spike.</summary>
    DelayJitter = 5,

    /// <summary>Jitter of one emitted output spike.</summary>
    OutputJitter = 6,

    /// <summary>Whether one emitted spike is lost.</summary>
    SpikeLoss = 7,
}

/// <summary>
/// The full address of one random number: nothing else influences it, so draws never depend on thread
/// count, evaluation order or how many other numbers were drawn.
/// </summary>
/// <param name="ChipSeed">The emulated chip (fixed-pattern noise).</param>
/// <param name="RunSeed">The run (trial-to-trial noise).</param>
/// <param name="Epoch">Epoch index.</param>
/// <param name="Batch">Batch index within the epoch.</param>
/// <param name="Sample">Sample index within the batch.</param>
/// <param name="Index">Neuron or synapse index (global within the network).</param>
/// <param name="Stream">What the number is for.</param>
public readonly record struct NoiseKey(long ChipSeed, long RunSeed, int Epoch, int Batch, int Sample, long Index, NoiseStream Stream);

/// <summary>
/// A counter-based generator: a pure hash (SplitMix64 finaliser chained over the key fields) from a
/// <see cref="NoiseKey"/> to 64 random bits, a uniform double in [0, 1) and a standard normal.
/// </summary>
public static class CounterNoise
{
    private const double TwoPow53Inverse = 1.0 / 9007199254740992.0;

    /// <summary>64 random bits of <paramref name="key"/> (component 0).</summary>
    public static ulong Bits(in NoiseKey key) => Bits(key, 0);

    /// <summary>64 random bits of <paramref name="key"/> and a sub-draw <paramref name="component"/>.</summary>
    public static ulong Bits(in NoiseKey key, int component)
    {
        ulong h = 0x243F6A8885A308D3UL;
        h = Step(h, (ulong)key.ChipSeed);
        h = Step(h, (ulong)key.RunSeed);
        h = Step(h, (ulong)(uint)key.Epoch);
        h = Step(h, (ulong)(uint)key.Batch);
        h = Step(h, (ulong)(uint)key.Sample);
        h = Step(h, (ulong)key.Index);
        h = Step(h, (ulong)(uint)key.Stream);
        h = Step(h, (ulong)(uint)component);
        return h;
    }

    /// <summary>A uniform double in [0, 1) on the 2^-53 grid.</summary>
    public static double Uniform(in NoiseKey key) => Uniform(key, 0);

    /// <summary>A standard normal (Box-Muller, cosine branch, on the uniforms of components 1 and 2).</summary>
    public static double Normal(in NoiseKey key)
    {
        double u1 = 1.0 - Uniform(key, 1); // (0, 1]: the log is finite
        double u2 = Uniform(key, 2);
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>SplitMix64's finaliser (a bijection on 64 bits with full avalanche).</summary>
    public static ulong Finalise(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    private static double Uniform(in NoiseKey key, int component) => (Bits(key, component) >> 11) * TwoPow53Inverse;

    private static ulong Step(ulong h, ulong field) => unchecked(Finalise(h + 0x9E3779B97F4A7C15UL + Finalise(field + 0x632BE59BD9B4E019UL)));
}
