using CsCheck;
using DelGrad.Effects.Plotting;

namespace DelGrad.Tests.Plotting;

public class NiceTicksTests
{
    private static void AssertValidTicks(IReadOnlyList<double> ticks, double min, double max)
    {
        Assert.InRange(ticks.Count, 2, 12);
        for (int i = 1; i < ticks.Count; i++) Assert.True(ticks[i] > ticks[i - 1], $"ticks not increasing at {i}: {string.Join(", ", ticks)}");
        Assert.All(ticks, t => Assert.True(double.IsFinite(t)));
        Assert.True(ticks[0] <= Math.Min(min, max), $"first tick {ticks[0]} above {min}");
        Assert.True(ticks[^1] >= Math.Max(min, max), $"last tick {ticks[^1]} below {max}");
    }

    [Fact]
    public void UnitIntervalGivesTenthsOrFifths()
    {
        var ticks = NiceTicks.Linear(0, 1, 6);
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1.0], ticks.Select(t => Math.Round(t, 12)));
        Assert.Equal(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"], ticks.Select(t => NiceTicks.Format(t, 0.2)));
    }

    [Fact]
    public void LossRangeGetsRoundTicks()
    {
        var ticks = NiceTicks.Linear(0.023, 2.31, 8);
        AssertValidTicks(ticks, 0.023, 2.31);
        Assert.Equal(0, ticks[0]);
        Assert.Equal(2.5, ticks[^1], 12);
    }

    [Fact]
    public void LinearTicksAreIncreasingCoverTheRangeAndAreFewEnough() =>
        Gen.Select(Gen.Double, Gen.Double, Gen.Int[2, 12]).Sample((a, b, n) =>
        {
            var ticks = NiceTicks.Linear(a, b, n);
            Assert.InRange(ticks.Count, 2, n);
            AssertValidTicks(ticks, a, b);
        });

    [Fact]
    public void LinearTicksOnModerateRanges() =>
        Gen.Select(Gen.Double[-1e4, 1e4], Gen.Double[0, 1e3], Gen.Int[2, 12]).Sample((a, w, n) =>
        {
            var ticks = NiceTicks.Linear(a, a + w, n);
            Assert.InRange(ticks.Count, 2, n);
            AssertValidTicks(ticks, a, a + w);
        });

    [Fact]
    public void IntegerStepTicksAreWholeNumbers() =>
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[2, 12]).Sample((maxCount, n) =>
        {
            var ticks = NiceTicks.Linear(0, maxCount, n, integerSteps: true);
            AssertValidTicks(ticks, 0, maxCount);
            Assert.All(ticks, t => Assert.Equal(Math.Round(t), t));
        });

    [Fact]
    public void DegenerateRangesStillGiveTwoOrMoreTicks()
    {
        foreach (var (a, b) in new[] { (0.0, 0.0), (5.0, 5.0), (-3e-300, -3e-300), (double.NaN, double.NaN), (double.NegativeInfinity, 1.0), (1e308, -1e308), (double.MaxValue, double.MaxValue) })
        {
            var ticks = NiceTicks.Linear(a, b);
            Assert.InRange(ticks.Count, 2, 12);
            for (int i = 1; i < ticks.Count; i++) Assert.True(ticks[i] > ticks[i - 1]);
            if (double.IsFinite(a) && double.IsFinite(b)) AssertValidTicks(ticks, a, b);
        }
    }

    [Fact]
    public void LogTicksAreDecadesCoveringTheRange() =>
        Gen.Select(Gen.Double[1e-12, 1e12], Gen.Double[1, 1e6]).Sample((a, f) =>
        {
            var ticks = NiceTicks.Log10(a, a * f);
            AssertValidTicks(ticks, a, a * f);
            Assert.All(ticks, t => Assert.Equal(Math.Round(Math.Log10(t)), Math.Log10(t), 9));
        });

    // CsCheck found a log axis whose smallest positive value was double.MaxValue (seed ccchFJHfI2w3 of RandomLineSeriesRender).
    [Theory]
    [InlineData(double.MaxValue, double.MaxValue)]
    [InlineData(1e305, 1e200)]
    [InlineData(double.Epsilon, double.MaxValue)]
    public void LogTicksOfExtremeRangesStayIncreasing(double min, double max)
    {
        var ticks = NiceTicks.Log10(min, max);
        Assert.True(ticks.Count >= 2);
        Assert.All(ticks.Zip(ticks.Skip(1), (a, b) => a < b), Assert.True);
        Assert.All(ticks, t => Assert.True(double.IsFinite(t) && t > 0));
    }

    [Theory]
    [InlineData(0.25, 0.25, "0.25")]
    [InlineData(5, 2.5, "5.0")]
    [InlineData(-0.0000000001, 0.5, "0.0")]
    [InlineData(100, 50, "100")]
    [InlineData(2e7, 1e7, "2e7")]
    public void FormatsTickLabels(double value, double step, string expected) =>
        Assert.Equal(expected, NiceTicks.Format(value, step));
}
