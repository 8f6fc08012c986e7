using DelGrad.Specs;
using DelGrad.Tests.Data;
using DelGrad.Verification;

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

    public static TheoryData<string, string> FilesOnEveryPath()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in ReferenceFiles.NetworkVectorNames)
        {
            foreach (var path in Enum.GetValues<ReferencePath>())
            {
                data.Add(name, path.ToString());
            }
        }

        return data;
    }

    // Every path that can compute a file agrees with the reference within the same tolerances: the runtime network on
    // the runtime solvers (which networks with the standard constants otherwise never reach), the network compiled at
    // build time where one has the file's spec, and the emulated chip with noise and quantisation off.
    [Theory]
    [MemberData(nameof(FilesOnEveryPath))]
    public void EveryPathMatchesReferenceWithinTolerances(string file, string pathName)
    {
        var path = Enum.Parse<ReferencePath>(pathName);
        var vectors = ReferenceVectorFile.Parse(File.ReadAllText(Path.Combine(ReferenceFiles.Directory, file)), file).ThrowIfFail();
        var c = ReferenceComparison.Run(vectors, path);
        if (c == null)
        {
            Assert.Equal(ReferencePath.Compiled, path);
            return;
        }

        Assert.True(c.WithinTolerance, $"{path}: {c}");
    }

    // The compiled networks cover the reference files whose spec is one of the built-in configs' networks.
    [Fact]
    public void CompiledNetworksComputeFourReferenceFiles()
    {
        var covered = ReferenceFiles.NetworkVectorNames
            .Where(f => ReferenceComparison.Run(ReferenceVectorFile.Parse(File.ReadAllText(Path.Combine(ReferenceFiles.Directory, f)), f).ThrowIfFail(), ReferencePath.Compiled) != null)
            .ToArray();
        Assert.Equal(4, covered.Length);
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
