using System.Text;
using CsCheck;
using DelGrad.Effects.Plotting;

namespace DelGrad.Tests.Plotting;

public class PngEncoderTests
{
    [Fact]
    public void Crc32MatchesKnownCheckValue() =>
        Assert.Equal(0xCBF43926u, PngEncoder.Crc32(Encoding.ASCII.GetBytes("123456789")));

    [Fact]
    public void Crc32MatchesBitwiseImplementation() =>
        Gen.Byte.Array[0, 300].Sample(bytes => Assert.Equal(PngTestDecoder.BitwiseCrc32(bytes), PngEncoder.Crc32(bytes)));

    [Fact]
    public void RoundTripsRandomImages() =>
        Gen.Select(Gen.Int[1, 17], Gen.Int[1, 13], Gen.Int).Sample((w, h, seed) =>
        {
            var rng = new Random(seed);
            var pixels = new byte[w * h * 3];
            rng.NextBytes(pixels);
            var png = PngEncoder.Encode(w, h, pixels);
            var decoded = PngTestDecoder.Decode(png);
            Assert.Equal(w, decoded.Width);
            Assert.Equal(h, decoded.Height);
            Assert.Equal(pixels, decoded.Rgb);
            Assert.Equal(["IHDR", "IDAT", "IEND"], decoded.ChunkTypes);
        });

    [Fact]
    public void EncodingIsDeterministic()
    {
        var pixels = Enumerable.Range(0, 20 * 10 * 3).Select(i => (byte)(i * 7)).ToArray();
        Assert.Equal(PngEncoder.Encode(20, 10, pixels), PngEncoder.Encode(20, 10, pixels));
    }

    [Fact]
    public void RejectsWrongBufferSize() =>
        Assert.Throws<ArgumentException>(() => PngEncoder.Encode(2, 2, new byte[11]));
}
