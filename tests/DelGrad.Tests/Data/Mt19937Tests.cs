using System.Text.Json;
using CsCheck;
using DelGrad.Data;

namespace DelGrad.Tests.Data;

public class Mt19937Tests
{
    private static JsonElement Vectors => ReferenceFiles.YinYang.GetProperty("rng_test_vectors");

    [Fact]
    public void Seed5489FirstUInt32()
    {
        var rng = new Mt19937(Mt19937.DefaultSeed);
        Assert.Equal(Vectors.GetProperty("mt19937_seed_5489_first_uint32").GetUInt32(), rng.NextUInt32());
    }

    [Fact]
    public void RandomState42StateKey()
    {
        var rng = new Mt19937(42);
        var expected = Vectors.GetProperty("randomstate_42_state_key_0_3").EnumerateArray().Select(e => e.GetUInt32()).ToArray();
        Assert.Equal(4, expected.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], rng.StateKey(i));
        }
        Assert.Equal(624, rng.StatePosition);
    }

    [Theory]
    [InlineData(42u, "randomstate_42_first_uint32")]
    [InlineData(0u, "randomstate_0_first_uint32")]
    public void FirstUInt32s(uint seed, string key)
    {
        var rng = new Mt19937(seed);
        var expected = Vectors.GetProperty(key).EnumerateArray().Select(e => e.GetUInt32()).ToArray();
        Assert.NotEmpty(expected);
        foreach (uint e in expected)
        {
            Assert.Equal(e, rng.NextUInt32());
        }
    }

    [Theory]
    [InlineData(42u, "randomstate_42_random_sample")]
    [InlineData(0u, "randomstate_0_random_sample")]
    public void RandomSample(uint seed, string key)
    {
        var rng = new Mt19937(seed);
        var expected = Vectors.GetProperty(key).EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.NotEmpty(expected);
        foreach (double e in expected)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(e), BitConverter.DoubleToInt64Bits(rng.NextDouble()));
        }
    }

    [Fact]
    public void RandInt3First10()
    {
        var rng = new Mt19937(42);
        var expected = Vectors.GetProperty("randomstate_42_randint3_first_10").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(10, expected.Length);
        foreach (int e in expected)
        {
            Assert.Equal(e, rng.NextInt(3));
        }
    }

    [Fact]
    public void RandIntOneDoesNotDraw()
    {
        var a = new Mt19937(7);
        var b = new Mt19937(7);
        Assert.Equal(0, a.NextInt(1));
        Assert.Equal(b.NextUInt32(), a.NextUInt32());
        Assert.Throws<ArgumentOutOfRangeException>(() => a.NextInt(0));
    }

    [Fact]
    public void CloneForksTheStream()
    {
        var a = new Mt19937(3);
        a.NextUInt32();
        var b = a.Clone();
        for (int i = 0; i < 2000; i++)
        {
            Assert.Equal(a.NextUInt32(), b.NextUInt32());
        }
    }

    [Fact]
    public void NextDoubleInUnitInterval() =>
        Gen.UInt.Sample(seed =>
        {
            var rng = new Mt19937(seed);
            for (int i = 0; i < 100; i++)
            {
                double d = rng.NextDouble();
                if (!(d >= 0.0 && d < 1.0))
                {
                    return false;
                }
                int k = rng.NextInt(5);
                if (k is < 0 or > 4)
                {
                    return false;
                }
            }
            return true;
        }, iter: 200);
}
