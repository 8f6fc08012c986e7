using DelGrad.Data.Mnist;

namespace DelGrad.Tests.Data.Mnist;

/// The IDX and tar readers on files the tests make.
public sealed class IdxAndTarTests
{
    [Fact]
    public void IdxRoundTrips()
    {
        var values = Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)(i * 7)).ToArray();
        var array = IdxFile.Parse(IdxFile.Write([2, 3, 4], values), 3, "x").ThrowIfFail();
        Assert.Equal([2, 3, 4], array.Dimensions);
        Assert.Equal(values, array.Values.ToArray());
        Assert.Equal(12, array.ItemSize);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 8 }, "too short")]
    [InlineData(new byte[] { 0x1f, 0x8b, 8, 3, 0, 0, 0, 1 }, "not an unsigned-byte IDX file")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0 }, "truncated header")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 5, 1, 2 }, "header promises 5 values")]
    [InlineData(new byte[] { 0, 0, 8, 3, 0, 0, 0, 1 }, "has 3 dimensions, expected 1")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 0 }, "dimension 0 has size 0")]
    public void ACorruptIdxFileIsOneLineNamingIt(byte[] bytes, string problem)
    {
        var error = IdxFile.Parse(bytes, 1, "labels.idx").Match(_ => "", e => e.Message);
        Assert.StartsWith("labels.idx: ", error);
        Assert.Contains(problem, error);
        Assert.EndsWith("[DG0301]", error);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void TarRoundTripsAndRejectsTruncation()
    {
        var files = new Dictionary<string, byte[]> { ["package/data/a"] = [1, 2, 3], ["package/package.json"] = new byte[700] };
        var tar = TarArchive.Create(files);
        var read = TarArchive.Files(tar, "t.tar").ThrowIfFail();
        Assert.Equal(files["package/data/a"], read["package/data/a"]);
        Assert.Equal(700, read["package/package.json"].Length);

        var cut = TarArchive.Files(tar.AsSpan(0, 1024 + 100), "t.tar").Match(_ => "", e => e.Message);
        Assert.Contains("truncated", cut);
        tar[10] ^= 0xff;
        Assert.Contains("checksum", TarArchive.Files(tar, "t.tar").Match(_ => "", e => e.Message));
    }
}
