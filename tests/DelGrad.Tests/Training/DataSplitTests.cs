using DelGrad.Training;

namespace DelGrad.Tests.Training;

/// <summary>A coded split (one byte per input and a time table, as MNIST is stored) reads the same times as an explicit one.</summary>
public sealed class DataSplitTests
{
    private static readonly double[] Table = [.. Enumerable.Range(0, 256).Select(c => c == 0 ? double.PositiveInfinity : 0.15 + (1.85 * (1 - (c / 255.0))))];

    [Fact]
    public void SampleAndGatherOfACodedSplitEqualItsExpandedTimes()
    {
        byte[] codes = [0, 1, 2, 255, 128, 7];
        var coded = DataSplit.FromCodes(codes, Table, width: 3, labels: [1, 0]);
        var explicitTimes = new DataSplit([.. codes.Select(c => Table[c])], [1, 0]);
        Assert.True(coded.IsCoded);
        Assert.Equal(explicitTimes.Sample(1), coded.Sample(1));
        Assert.Equal([Table[255], Table[128], Table[7]], coded.Sample(1));
        var gathered = new double[6];
        coded.Gather([1, 0], gathered);
        Assert.Equal([.. explicitTimes.Sample(1), .. explicitTimes.Sample(0)], gathered);
        Assert.Equal(explicitTimes.Inputs, coded.Inputs);
    }

    [Fact]
    public void SampleOutsideTheSplitIsRefused()
    {
        var split = new DataSplit([1.0, 2.0], [0, 1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => split.Sample(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => split.Sample(-1));
    }

    [Fact]
    public void CodesThatDoNotFillWholeSamplesAreRefused() =>
        Assert.Throws<ArgumentException>(() => DataSplit.FromCodes([1, 2, 3], Table, width: 2, labels: [0, 1]));
}
