using DelGrad.Specs;
using DelGrad.Tests.Data;

namespace DelGrad.Tests.Core;

public class ReferenceVectorTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var name in ReferenceFiles.NetworkVectorNames)
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void AllSevenNetworkFilesAreFound() => Assert.Equal(7, Files().Count);

    [Theory]
    [MemberData(nameof(Files))]
    public void MatchesReferenceWithinTolerances(string file)
    {
        var parsed = ReferenceVectorFile.Parse(File.ReadAllText(Path.Combine(ReferenceFiles.Directory, file)), file);
        var vectors = parsed.Match(v => v, e => throw new Xunit.Sdk.XunitException(e.Message));
        var c = ReferenceComparison.Run(vectors);
        Assert.True(c.SpikeMismatches == 0, $"{c.SpikeMismatches} spike/no-spike mismatches");
        Assert.True(c.MaxTimeDeviation <= 1e-4, $"max time deviation {c.MaxTimeDeviation}");
        Assert.True(c.LossRelativeDeviation <= 1e-5, $"loss {c.Loss} vs {vectors.Expected.LossBatchMean}: relative deviation {c.LossRelativeDeviation}");
        Assert.True(c.MaxGradientExcess <= 1.0, $"gradient deviation {c.MaxGradientDeviation} is {c.MaxGradientExcess}x the tolerance");
        Assert.True(c.WithinTolerance);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ThreadCountDoesNotChangeAnyBit(string file)
    {
        var vectors = ReferenceVectorFile.Parse(File.ReadAllText(Path.Combine(ReferenceFiles.Directory, file)), file).ThrowIfFail();
        var one = ReferenceComparison.Run(vectors, threads: 1);
        var four = ReferenceComparison.Run(vectors, threads: 4);
        Assert.Equal(one, four);
    }
}
