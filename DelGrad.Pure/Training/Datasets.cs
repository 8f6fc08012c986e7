using DelGrad.Data;
using DelGrad.Data.Mnist;

namespace DelGrad.Training;

/// <summary>The encoded train/validation/test splits of an experiment.</summary>
/// <param name="Train">Training split.</param>
/// <param name="Validation">Validation split.</param>
/// <param name="Test">Test split.</param>
public sealed record Splits(DataSplit Train, DataSplit Validation, DataSplit Test)
{
    /// <summary>Generates the Yin-Yang splits of <paramref name="data"/> and encodes them as spike times.</summary>
    public static Splits YinYang(DataOptions data)
    {
        DataSplit Make(int size, int seed)
        {
            var set = Data.YinYang.Generate(size, seed);
            return new DataSplit(SpikeEncoding.EncodeAll(set, data.Early, data.Late), set.LabelSpan.ToArray());
        }

        return new Splits(Make(data.TrainSize, data.TrainSeed), Make(data.ValidationSize, data.ValidationSeed), Make(data.TestSize, data.TestSeed));
    }

    /// <summary>
    /// The MNIST splits in <paramref name="encoding"/>, stored as codes: train = the first 50,000 training images,
    /// validation = the other 10,000 (a sixth of any other training file), test = the test images.
    /// </summary>
    public static Splits Mnist(MnistData mnist, MnistEncoding encoding, DataOptions data)
    {
        ArgumentNullException.ThrowIfNull(mnist);
        ArgumentNullException.ThrowIfNull(encoding);
        var times = encoding.TimeTable(data.Early, data.Late);
        DataSplit Make(IdxArray images, IdxArray labels, int start, int count) =>
            DataSplit.FromCodes(encoding.Codes(images, start, count), times, encoding.Width, [.. labels.Values.Span.Slice(start, count).ToArray().Select(l => (int)l)]);

        int train = MnistData.TrainSplitOf(mnist.TrainImages.Count);
        return new Splits(
            Make(mnist.TrainImages, mnist.TrainLabels, 0, train),
            Make(mnist.TrainImages, mnist.TrainLabels, train, mnist.TrainImages.Count - train),
            Make(mnist.TestImages, mnist.TestLabels, 0, mnist.TestImages.Count));
    }
}
