using CsCheck;
using DelGrad.Kernel;

namespace DelGrad.Tests.Core;

/// <summary>The arrival sort (insertion, vector rank, bucket, library fallback) is a stable sort at any width (pooled bucket scratch beyond its stack limit).</summary>
public class ArrivalSortTests
{
    private static readonly double[] Special = [0.0, -0.0, 1.0, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon];

    // Few distinct values force ties, which must keep their input order (the kernels' causal sets depend on it).
    private static readonly Gen<double[]> Times = Gen.OneOf(
        Gen.Double[-3.0, 5.0].Array[0, ArrivalSort.BucketLimit],
        Gen.Double[-3.0, 5.0].Array[0, ArrivalSort.RankLimit],
        Gen.Int[0, 4].Select(x => x * 0.5).Array[0, ArrivalSort.BucketLimit],
        Gen.Int[0, 4].Select(x => x * 0.5).Array[0, ArrivalSort.RankLimit],
        Gen.Select(Gen.Double[0.0, 1.0].Array[0, 200], Gen.Double[1e-300, 1e300]).Select((x, scale) => x.Select(v => v * scale).ToArray()),
        Gen.Int[0, Special.Length - 1].Select(i => Special[i]).Array[0, ArrivalSort.RankLimit],
        Gen.Double[-3.0, 5.0].Array[ArrivalSort.BucketLimit + 1, 2048],

        // Full MNIST: 785 arrivals, most of them black pixels at exactly the latest time.
        Gen.Select(Gen.Double[0.15, 2.0], Gen.Int[0, 5]).Select((t, k) => k == 0 ? t : 2.0).Array[ArrivalSort.BucketLimit + 1, 1100]);

    [Fact]
    public void SortsStablyLikeAReferenceSort() => Times.Sample(times =>
    {
        var keys = times.ToArray();
        var items = Enumerable.Range(100, keys.Length).ToArray();
        ArrivalSort.Sort(keys, items);
        var expected = times.Select((t, i) => (t, Item: 100 + i)).OrderBy(x => x.t).ToArray();
        Assert.Equal(expected.Select(x => x.Item), items);
        for (int k = 0; k < keys.Length; k++)
        {
            // Bitwise: -0.0 and 0.0 compare equal but must travel with their own item.
            Assert.Equal(BitConverter.DoubleToInt64Bits(times[items[k] - 100]), BitConverter.DoubleToInt64Bits(keys[k]));
        }
    });

    [Theory]
    [InlineData(ArrivalSort.RankLimit + 1)]
    [InlineData(200)]
    [InlineData(ArrivalSort.BucketLimit + 1)]
    [InlineData(785)]
    public void WideLayersAreSorted(int n)
    {
        var random = new Random(n);
        var keys = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        var items = Enumerable.Range(0, n).ToArray();
        var original = keys.ToArray();
        ArrivalSort.Sort(keys, items);
        Assert.Equal(original.Order(), keys);
        Assert.All(Enumerable.Range(0, n), k => Assert.Equal(original[items[k]], keys[k]));
    }
}
