using CsCheck;
using DelGrad.Cluster;
using DelGrad.Training;

namespace DelGrad.Tests.Training;

/// <summary>Seed lists as <c>train --seeds</c> reads them, and their round trip with the report's seed ranges.</summary>
public class SeedListTests
{
    [Theory]
    [InlineData("0-4", new[] { 0, 1, 2, 3, 4 })]
    [InlineData("7", new[] { 7 })]
    [InlineData("0,3,7", new[] { 0, 3, 7 })]
    [InlineData(" 5-6 , 0 ", new[] { 0, 5, 6 })]
    [InlineData("2-2", new[] { 2 })]
    public void ListsAndRangesGiveTheSeedsAscending(string text, int[] expected) =>
        Assert.Equal(expected, SeedList.Parse(text).ThrowIfFail());

    [Theory]
    [InlineData("", "'' is not a seed")]
    [InlineData("-1", "'-1' is not a seed")]
    [InlineData("0-", "'0-' is not a seed")]
    [InlineData("a-3", "'a-3' is not a seed")]
    [InlineData("1.5", "'1.5' is not a seed")]
    [InlineData("0,,2", "'' is not a seed")]
    [InlineData("4-2", "'4-2': the range ends before it starts")]
    [InlineData("0-3,2", "seed 2 is named twice")]
    [InlineData("0-99999", "'0-99999': more than 10000 seeds")]
    public void BadListsNameThePart(string text, string expected) =>
        Assert.StartsWith(expected, SeedList.Parse(text).Match(_ => "(parsed)", e => e.Message), StringComparison.Ordinal);

    [Fact]
    public void ParsingTheReportsSeedRangesGivesTheSeedsBack() =>
        Gen.Int[0, 60].HashSet[1, 30].Sample(set =>
        {
            int[] seeds = set.Order().ToArray();
            Assert.Equal(seeds, SeedList.Parse(SeedList.Format(seeds)).ThrowIfFail());
        });
}
