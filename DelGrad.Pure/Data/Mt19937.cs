namespace DelGrad.Data;

/// <summary>
/// The MT19937 Mersenne Twister, bit-compatible with numpy's legacy <c>RandomState(seed)</c>:
/// <c>init_genrand</c> seeding, <c>genrand_int32</c>, <c>random_sample</c> and the legacy masked
/// rejection sampling of <c>randint(high)</c>. Deterministic: all randomness comes from the explicit seed.
/// </summary>
/// <remarks>
/// A mutable generator (each draw advances its state); draws do not allocate. Not thread-safe.
/// Use <see cref="Clone"/> to fork an independent copy of the current state.
/// </remarks>
public sealed class Mt19937
{
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908b0dfU;
    private const uint UpperMask = 0x80000000U;
    private const uint LowerMask = 0x7fffffffU;

    private readonly uint[] _key = new uint[N];
    private int _pos;

    /// <summary>Creates a generator seeded like numpy's <c>RandomState(seed)</c> (<c>init_genrand(seed)</c>).</summary>
    /// <param name="seed">The 32-bit seed (numpy uses <c>seed &amp; 0xffffffff</c> for integer seeds).</param>
    public Mt19937(uint seed)
    {
        uint s = seed;
        for (int i = 0; i < N; i++)
        {
            _key[i] = s;
            s = unchecked(1812433253U * (s ^ (s >> 30)) + (uint)i + 1U);
        }
        _pos = N;
    }

    private Mt19937(Mt19937 other)
    {
        Array.Copy(other._key, _key, N);
        _pos = other._pos;
    }

    /// <summary>The classic default seed of MT19937 (5489).</summary>
    public const uint DefaultSeed = 5489U;

    /// <summary>Returns an independent generator with a copy of this generator's current state.</summary>
    /// <returns>A new generator that will produce the same stream as this one from now on.</returns>
    public Mt19937 Clone() => new(this);

    /// <summary>The state word <paramref name="i"/> (0..623) of the key, for tests.</summary>
    internal uint StateKey(int i) => _key[i];

    /// <summary>The position within the key (624 means "regenerate before the next draw"), for tests.</summary>
    internal int StatePosition => _pos;

    /// <summary>Draws the next 32-bit word (<c>genrand_int32</c>).</summary>
    /// <returns>A uniformly distributed 32-bit unsigned integer.</returns>
    public uint NextUInt32()
    {
        if (_pos >= N)
        {
            Regenerate();
        }

        uint y = _key[_pos++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680U;
        y ^= (y << 15) & 0xefc60000U;
        y ^= y >> 18;
        return y;
    }

    /// <summary>
    /// Draws a double in [0, 1) with 53 random bits, like numpy's <c>random_sample</c>:
    /// <c>((a &gt;&gt; 5) * 67108864.0 + (b &gt;&gt; 6)) / 9007199254740992.0</c>.
    /// </summary>
    /// <returns>A uniformly distributed double in [0, 1).</returns>
    public double NextDouble()
    {
        uint a = NextUInt32() >> 5;
        uint b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary>
    /// Draws an integer in [0, <paramref name="high"/>) like numpy's legacy <c>randint(high)</c>:
    /// masked rejection sampling on 32-bit draws (mask = smallest 2^k - 1 &gt;= high - 1).
    /// For <paramref name="high"/> = 1 it returns 0 without drawing, as numpy does.
    /// </summary>
    /// <param name="high">Exclusive upper bound, at least 1.</param>
    /// <returns>A uniformly distributed integer in [0, <paramref name="high"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="high"/> is less than 1.</exception>
    public int NextInt(int high)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(high, 1);
        uint max = (uint)(high - 1);
        if (max == 0)
        {
            return 0;
        }

        uint mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;

        uint v;
        do
        {
            v = NextUInt32() & mask;
        }
        while (v > max);
        return (int)v;
    }

    private void Regenerate()
    {
        uint[] mt = _key;
        int k;
        uint y;
        for (k = 0; k < N - M; k++)
        {
            y = (mt[k] & UpperMask) | (mt[k + 1] & LowerMask);
            mt[k] = mt[k + M] ^ (y >> 1) ^ (unchecked(0U - (y & 1U)) & MatrixA);
        }
        for (; k < N - 1; k++)
        {
            y = (mt[k] & UpperMask) | (mt[k + 1] & LowerMask);
            mt[k] = mt[k + (M - N)] ^ (y >> 1) ^ (unchecked(0U - (y & 1U)) & MatrixA);
        }
        y = (mt[N - 1] & UpperMask) | (mt[0] & LowerMask);
        mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ (unchecked(0U - (y & 1U)) & MatrixA);
        _pos = 0;
    }
}
