using System.Text.Json;
using DelGrad.Data.Mnist;
using DelGrad.Training;

namespace DelGrad.Tests.Data.Mnist;

/// The encodings against the reference vectors (mnist.json), bit for bit, on the committed real images.
public sealed class MnistEncodingTests
{
    private static readonly string[] SplitNames = ["train", "validation", "test"];

    private static JsonElement Reference => JsonDocument.Parse(File.ReadAllBytes(ReferenceFiles.PathOf("mnist.json"))).RootElement;

    public static TheoryData<int, int> Samples()
    {
        var data = new TheoryData<int, int>();
        for (int s = 0; s < 3; s++)
        {
            for (int k = 0; k < 3; k++)
            {
                data.Add(s, k);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Mnist16PixelsTimesAndLabelsMatchTheReferenceBitForBit(int split, int sample)
    {
        var expected = Reference.GetProperty("mnist16").GetProperty(SplitNames[split]).GetProperty("first3")[sample];
        var images = MnistFixture.First3Images;
        int index = (3 * split) + sample;
        var encoding = MnistEncoding.Downscaled16;
        var codes = new byte[encoding.Width];
        encoding.Codes(images.Values.Span.Slice(index * 784, 784), codes, new byte[1000]);

        Assert.Equal(expected.GetProperty("label").GetInt32(), MnistFixture.First3Labels.Values.Span[index]);
        var pixels = expected.GetProperty("pixels").EnumerateArray().Select(p => p.GetDouble()).ToArray();
        var times = expected.GetProperty("times").EnumerateArray().Select(t => t.ValueKind == JsonValueKind.Null ? double.PositiveInfinity : t.GetDouble()).ToArray();
        Assert.Equal(256, pixels.Length);
        for (int i = 0; i < 256; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(pixels[i]), BitConverter.DoubleToInt64Bits(encoding.Value(codes[i])));
            Assert.Equal(BitConverter.DoubleToInt64Bits(times[i]), BitConverter.DoubleToInt64Bits(encoding.Time(codes[i])));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void FullMnistTimesMatchTheReferenceBitForBit(int split)
    {
        var expected = Reference.GetProperty("mnist").GetProperty(SplitNames[split]).GetProperty("first_times").EnumerateArray().Select(t => t.GetDouble()).ToArray();
        var image = MnistFixture.First3Images.Values.Span.Slice(3 * split * 784, 784);
        var table = MnistEncoding.Full.TimeTable();
        Assert.Equal(784, expected.Length);
        for (int i = 0; i < 784; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i]), BitConverter.DoubleToInt64Bits(table[image[i]]));
        }
    }

    [Fact]
    public void SplitsAreTheFirstFiveSixthsTheLastSixthAndTheTestFile()
    {
        var data = MnistFixture.Parse(MnistFixture.Synthetic(train: 12, test: 6));
        var splits = Splits.Mnist(data, MnistEncoding.Full, new DataOptions());
        Assert.Equal((10, 2, 6), (splits.Train.Count, splits.Validation.Count, splits.Test.Count));
        Assert.Equal(data.TrainImages.Values.Span.Slice(10 * 784, 784).ToArray(), splits.Validation.SampleCodes(0).ToArray());
        Assert.Equal(50_000, MnistData.TrainSplitOf(60_000));
    }

    [Fact]
    public void ACodedSplitGathersExactlyTheTimesItExpandsTo()
    {
        var split = Splits.Mnist(MnistFixture.Parse(MnistFixture.Synthetic()), MnistEncoding.Downscaled16, new DataOptions()).Train;
        var gathered = new double[2 * split.Width];
        split.Gather([3, 1], gathered);
        Assert.Equal(split.Inputs.AsSpan(3 * split.Width, split.Width).ToArray(), gathered[..split.Width]);
        Assert.Equal(split.Inputs.AsSpan(1 * split.Width, split.Width).ToArray(), gathered[split.Width..]);
        Assert.Contains(split.Inputs, double.IsPositiveInfinity);
    }

    [Fact]
    public void AnEqualSizeResizeIsTheIdentityAndAConstantImageStaysConstant()
    {
        var rng = new Random(5);
        var image = new byte[24 * 24];
        rng.NextBytes(image);
        var same = new byte[24 * 24];
        new PilBilinear(24, 24, 24, 24).Resize(image, same, new byte[24 * 24]);
        Assert.Equal(image, same);

        var flat = Enumerable.Repeat((byte)77, 24 * 24).ToArray();
        var small = new byte[16 * 16];
        new PilBilinear(24, 24, 16, 16).Resize(flat, small, new byte[16 * 24]);
        Assert.All(small, p => Assert.Equal(77, p));
    }
}
