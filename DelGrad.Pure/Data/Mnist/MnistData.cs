using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace DelGrad.Data.Mnist;

/// <summary>The four MNIST arrays, parsed and checked for shape: 28x28 images and one label in 0..9 per image.</summary>
/// <param name="TrainImages">Training images, [N][28][28].</param>
/// <param name="TrainLabels">Training labels, [N].</param>
/// <param name="TestImages">Test images.</param>
/// <param name="TestLabels">Test labels.</param>
public sealed record MnistData(IdxArray TrainImages, IdxArray TrainLabels, IdxArray TestImages, IdxArray TestLabels)
{
    /// <summary>Image side in pixels.</summary>
    public const int Side = 28;

    /// <summary>Number of classes.</summary>
    public const int Classes = 10;

    /// <summary>
    /// Images of a training file of <paramref name="images"/> that form the training split; the rest (the last sixth: 10,000
    /// of MNIST's 60,000) is the validation split.
    /// </summary>
    public static int TrainSplitOf(int images) => images - (images / 6);

    /// <summary>Parses the four files' bytes (<paramref name="read"/> gives them by manifest entry).</summary>
    public static Fin<MnistData> Parse(MnistManifest manifest, Func<MnistFile, byte[]> read)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(read);
        return from trainImages in Images(read(manifest.TrainImages), manifest.TrainImages.Name)
               from trainLabels in Labels(read(manifest.TrainLabels), manifest.TrainLabels.Name, trainImages.Count)
               from testImages in Images(read(manifest.TestImages), manifest.TestImages.Name)
               from testLabels in Labels(read(manifest.TestLabels), manifest.TestLabels.Name, testImages.Count)
               select new MnistData(trainImages, trainLabels, testImages, testLabels);
    }

    private static Fin<IdxArray> Images(byte[] bytes, string name) =>
        IdxFile.Parse(bytes, 3, name).Bind(a => a.Dimensions[1] == Side && a.Dimensions[2] == Side
            ? FinSucc(a)
            : FinFail<IdxArray>(Error.New($"{name}: images are {a.Dimensions[1]}x{a.Dimensions[2]}, expected 28x28 [DG0301]")));

    private static Fin<IdxArray> Labels(byte[] bytes, string name, int images) =>
        IdxFile.Parse(bytes, 1, name).Bind(a =>
        {
            if (a.Count != images)
            {
                return FinFail<IdxArray>(Error.New($"{name}: {a.Count} labels for {images} images [DG0301]"));
            }

            int bad = a.Values.Span.IndexOfAnyExceptInRange((byte)0, (byte)(Classes - 1));
            return bad < 0
                ? FinSucc(a)
                : FinFail<IdxArray>(Error.New($"{name}: label {a.Values.Span[bad]} of item {bad} is not in 0..9 [DG0301]"));
        });
}
