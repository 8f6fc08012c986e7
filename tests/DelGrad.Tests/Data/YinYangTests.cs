using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using CsCheck;
using DelGrad.Data;

namespace DelGrad.Tests.Data;

public class YinYangTests
{
    private static JsonElement Ref => ReferenceFiles.YinYang;

    private static readonly Lazy<YinYangDataSet> TrainSet = new(YinYang.Train);
    private static readonly Lazy<YinYangDataSet> ValidationSet = new(YinYang.Validation);
    private static readonly Lazy<YinYangDataSet> TestSet = new(YinYang.Test);

    private static YinYangDataSet Split(string name) => name switch
    {
        "train" => TrainSet.Value,
        "validation" => ValidationSet.Value,
        "test" => TestSet.Value,
        _ => throw new ArgumentException(name),
    };

    private static void AssertBitEqual(double expected, double actual) =>
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));

    [Theory]
    [InlineData("train")]
    [InlineData("validation")]
    [InlineData("test")]
    public void SplitParametersMatchReference(string name)
    {
        var split = Ref.GetProperty("splits").GetProperty(name);
        var data = Split(name);
        Assert.Equal(split.GetProperty("size").GetInt32(), data.Count);
        int seed = split.GetProperty("seed").GetInt32();
        (int size, int expectedSeed) = name switch
        {
            "train" => (YinYang.TrainSize, YinYang.TrainSeed),
            "validation" => (YinYang.ValidationSize, YinYang.ValidationSeed),
            _ => (YinYang.TestSize, YinYang.TestSeed),
        };
        Assert.Equal(seed, expectedSeed);
        Assert.Equal(data.Count, size);
        Assert.Equal(4, data.Features);
        Assert.Equal(3, data.Classes);
        var p = Ref.GetProperty("parameters");
        Assert.Equal(YinYang.DefaultRSmall, p.GetProperty("r_small").GetDouble());
        Assert.Equal(YinYang.DefaultRBig, p.GetProperty("r_big").GetDouble());
    }

    [Theory]
    [InlineData("train")]
    [InlineData("validation")]
    [InlineData("test")]
    public void IndividualSamplesBitForBit(string name)
    {
        var data = Split(name);
        int checkedCount = 0;
        foreach (var entry in Ref.GetProperty("samples").GetProperty(name).EnumerateObject())
        {
            int index = int.Parse(entry.Name, CultureInfo.InvariantCulture);
            var pair = entry.Value;
            var features = pair[0].EnumerateArray().Select(e => e.GetDouble()).ToArray();
            int label = pair[1].GetInt32();
            Assert.Equal(4, features.Length);
            var sample = data.Sample(index);
            for (int f = 0; f < 4; f++)
            {
                AssertBitEqual(features[f], sample[f]);
            }
            Assert.Equal(label, data.Label(index));
            checkedCount++;
        }
        Assert.True(checkedCount > 0);
    }

    [Theory]
    [InlineData("train")]
    [InlineData("validation")]
    [InlineData("test")]
    public void First20Labels(string name)
    {
        var expected = Ref.GetProperty("first_20_labels").GetProperty(name).EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(20, expected.Length);
        Assert.Equal(expected, Split(name).LabelSpan[..20].ToArray());
    }

    [Fact]
    public void ClassCountsTrain()
    {
        var expected = Ref.GetProperty("class_counts_train").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var counts = new int[3];
        foreach (int l in TrainSet.Value.LabelSpan)
        {
            counts[l]++;
        }
        Assert.Equal(expected, counts);
    }

    [Fact]
    public void Size3Seed0()
    {
        var expected = Ref.GetProperty("size3_seed0");
        var data = YinYang.Generate(3, 0);
        Assert.Equal(expected.GetArrayLength(), data.Count);
        for (int i = 0; i < data.Count; i++)
        {
            var features = expected[i][0].EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.Equal(4, features.Length);
            for (int f = 0; f < 4; f++)
            {
                AssertBitEqual(features[f], data.Sample(i)[f]);
            }
            Assert.Equal(expected[i][1].GetInt32(), data.Label(i));
        }
    }

    private static string Sha256Samples(YinYangDataSet data)
    {
        var span = data.SampleSpan;
        var bytes = new byte[span.Length * 8];
        for (int i = 0; i < span.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), span[i]);
        }
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static string Sha256Labels(YinYangDataSet data)
    {
        var span = data.LabelSpan;
        var bytes = new byte[span.Length * 8];
        for (int i = 0; i < span.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 8), span[i]);
        }
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    [Theory]
    [InlineData("train")]
    [InlineData("validation")]
    [InlineData("test")]
    public void WholeSplitSha256(string name)
    {
        var digests = Ref.GetProperty("sha256_of_raw_little_endian_bytes");
        var data = Split(name);
        Assert.Equal(digests.GetProperty(name + "_samples").GetString(), Sha256Samples(data));
        Assert.Equal(digests.GetProperty(name + "_labels").GetString(), Sha256Labels(data));
    }

    [Fact]
    public void EncodingOfFirstTestSamples()
    {
        var data = TestSet.Value;
        var encoded = SpikeEncoding.EncodeAll(data);
        Assert.Equal(data.Count * 4, encoded.Length);
        Span<double> times = stackalloc double[4];
        for (int i = 0; i < 64; i++)
        {
            var sample = data.Sample(i);
            SpikeEncoding.Encode(sample, times);
            for (int f = 0; f < 4; f++)
            {
                double expected = 0.15 + 1.85 * sample[f];
                AssertBitEqual(expected, times[f]);
                AssertBitEqual(expected, encoded[i * 4 + f]);
                AssertBitEqual(expected, SpikeEncoding.Encode(sample[f]));
            }
        }
        Assert.Throws<ArgumentException>(() => SpikeEncoding.Encode(new double[3], new double[4]));
    }

    [Fact]
    public void GeneratedSamplesAreValid() =>
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[0, 300]).Sample((seed, size) =>
        {
            var data = YinYang.Generate(size, seed);
            if (data.Count != size || data.Samples.Length != size * 4 || data.Labels.Length != size)
            {
                return false;
            }
            for (int i = 0; i < size; i++)
            {
                var s = data.Sample(i);
                double x = s[0], y = s[1];
                if (Math.Sqrt((x - 0.5) * (x - 0.5) + (y - 0.5) * (y - 0.5)) > 0.5)
                {
                    return false;
                }
                if (data.Label(i) is < 0 or > 2 || YinYang.WhichClass(x, y) != data.Label(i))
                {
                    return false;
                }
                if (Math.Abs(x + s[2] - 1.0) > 1e-15 || Math.Abs(y + s[3] - 1.0) > 1e-15)
                {
                    return false;
                }
            }
            return true;
        }, iter: 100);

    [Fact]
    public void GenerateIsDeterministic() =>
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, 200]).Sample((seed, size) =>
        {
            var a = YinYang.Generate(size, seed);
            var b = YinYang.Generate(size, seed);
            return a.Equals(b)
                && Sha256Samples(a) == Sha256Samples(b)
                && Sha256Labels(a) == Sha256Labels(b);
        }, iter: 50);

    [Fact]
    public void DataSetDoesNotExposeMutableArrays()
    {
        var source = new double[] { 0.1, 0.2, 0.9, 0.8 };
        var labels = new[] { 1 };
        var data = new YinYangDataSet(source.AsSpan(), labels.AsSpan());
        source[0] = 42;
        labels[0] = 2;
        Assert.Equal(0.1, data.Sample(0)[0]);
        Assert.Equal(1, data.Label(0));
        Assert.Throws<ArgumentException>(() => new YinYangDataSet(new double[3].AsSpan(), new int[1].AsSpan()));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Sample(1).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => YinYang.Generate(1, -1));
    }
}
