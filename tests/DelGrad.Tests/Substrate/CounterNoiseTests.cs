using DelGrad.Substrate;

namespace DelGrad.Tests.Substrate;

public class CounterNoiseTests
{
    private static NoiseKey Key(long index, NoiseStream stream = NoiseStream.DelayJitter) => new(7, 11, 2, 3, 4, index, stream);

    [Fact]
    public void SameKeyGivesSameBitsAndEveryFieldMatters()
    {
        var key = Key(5);
        Assert.Equal(CounterNoise.Bits(key), CounterNoise.Bits(Key(5)));
        Assert.Equal(BitConverter.DoubleToInt64Bits(CounterNoise.Normal(key)), BitConverter.DoubleToInt64Bits(CounterNoise.Normal(Key(5))));
        var variants = new[]
        {
            key with { ChipSeed = 8 }, key with { RunSeed = 12 }, key with { Epoch = 3 }, key with { Batch = 4 },
            key with { Sample = 5 }, key with { Index = 6 }, key with { Stream = NoiseStream.OutputJitter },
        };
        var bits = variants.Select(v => CounterNoise.Bits(v)).Append(CounterNoise.Bits(key)).ToArray();
        Assert.Equal(bits.Length, bits.Distinct().Count());
    }

    [Fact]
    public void UniformsLieInUnitIntervalWithMeanHalf()
    {
        const int n = 100_000;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double u = CounterNoise.Uniform(Key(i));
            Assert.InRange(u, 0.0, Math.BitDecrement(1.0));
            sum += u;
        }

        // sd of a uniform is 1/sqrt(12)
        Assert.True(Math.Abs((sum / n) - 0.5) < 5 * 0.2887 / Math.Sqrt(n), $"mean {sum / n}");
    }

    [Fact]
    public void NormalsHaveUnitSpreadAndZeroMean()
    {
        const int n = 100_000;
        double sum = 0, sumSq = 0, sum4 = 0;
        for (int i = 0; i < n; i++)
        {
            double z = CounterNoise.Normal(Key(i));
            sum += z;
            sumSq += z * z;
            sum4 += z * z * z * z;
        }

        double mean = sum / n, std = Math.Sqrt((sumSq / n) - (mean * mean));
        Assert.True(Math.Abs(mean) < 5 / Math.Sqrt(n), $"mean {mean}");
        Assert.True(Math.Abs(std - 1) < 0.02, $"std {std}");
        Assert.InRange(sum4 / n, 2.85, 3.15); // Gaussian kurtosis 3
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(0, 1)]
    public void NeighbouringKeysAreUncorrelated(int indexShift, int streamShift)
    {
        const int n = 50_000;
        double sxy = 0, sx = 0, sy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            double x = CounterNoise.Normal(Key(i));
            double y = CounterNoise.Normal(Key(i + indexShift, NoiseStream.DelayJitter + streamShift));
            sx += x;
            sy += y;
            sxy += x * y;
            sxx += x * x;
            syy += y * y;
        }

        double cov = (sxy / n) - (sx / n * (sy / n));
        double r = cov / Math.Sqrt(((sxx / n) - Math.Pow(sx / n, 2)) * ((syy / n) - Math.Pow(sy / n, 2)));
        Assert.True(Math.Abs(r) < 5 / Math.Sqrt(n), $"correlation {r}");
    }
}
