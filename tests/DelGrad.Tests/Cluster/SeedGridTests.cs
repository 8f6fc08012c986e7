using DelGrad.Cluster;
using DelGrad.Serialization;
using DelGrad.Training;

namespace DelGrad.Tests.Cluster;

/// <summary>The grid of <c>train CONFIG... --seeds LIST --slurm</c>: its runs, their commands and its manifest.</summary>
public class SeedGridTests
{
    private static readonly string[] Host = ["/opt/dotnet/dotnet", "/opt/delgrad/delgrad.dll"];

    private static (GridManifest Manifest, IReadOnlyList<(string Path, string Text)> Configs) Grid(params int[] seeds) =>
        SeedGrid.Expand(ClusterTestConfigs.Two, seeds, "/grids/g", Host, ["train", "x", "--slurm"]);

    [Fact]
    public void EveryConfigWithEverySeedIsOneTaskRunningTrainSeedsIntoTheSameRunDirectoryAsLocally()
    {
        var (manifest, configs) = Grid(0, 1, 4);
        Assert.Equal([0, 1, 2, 3, 4, 5], manifest.Runs.Select(r => r.Task));
        Assert.Equal(["yinyang-h5-ws-seed0", "yinyang-h5-ws-seed1", "yinyang-h5-ws-seed4", "yinyang-h30-ws-seed0", "yinyang-h30-ws-seed1", "yinyang-h30-ws-seed4"], manifest.Runs.Select(r => r.RunDirectory));
        // The directory the local train --seeds trains seed 4 of the second config into:
        Assert.Equal(Effects.Training.SeedRuns<Effects.Runtimes.TestRuntime>.RunDirectory("/grids/g", "yinyang-h30-ws", 4), Path.Combine("/grids/g", manifest.Runs[5].RunDirectory));
        Assert.Equal(
            ["/opt/dotnet/dotnet", "/opt/delgrad/delgrad.dll", "train", "/grids/g/slurm/configs/yinyang-h30-ws.json", "--seeds", "4", "--out", "/grids/g", "--runs-only"],
            manifest.Command(manifest.Runs[5]));
        Assert.Equal(["slurm/configs/yinyang-h5-ws.json", "slurm/configs/yinyang-h30-ws.json"], configs.Select(c => c.Path));
    }

    [Fact]
    public void ResolvedConfigsReadBackAsTheConfigsTheyWereWrittenFrom()
    {
        var (_, configs) = Grid(0);
        foreach (var ((path, text), config) in configs.Zip(ClusterTestConfigs.Two))
        {
            var read = ConfigReader.Parse(text, path).ThrowIfFail();
            Assert.Equal(ConfigWriter.Write(config), ConfigWriter.Write(read));
            Assert.Equal(3, read.Training.Epochs);
        }
    }

    [Fact]
    public void TheManifestReadsBackAsTheSameGridAndAnotherSeedListIsAnotherGrid()
    {
        var (manifest, _) = Grid(0, 1);
        var read = GridManifest.Read(manifest.Write(), "grid.json").ThrowIfFail();
        Assert.True(read.SameGrid(manifest));
        Assert.Equal(manifest.Host, read.Host);
        Assert.Equal(manifest.Resubmit, read.Resubmit);
        Assert.Equal(manifest.Directory, read.Directory);
        Assert.Equal(manifest.Write(), read.Write());
        Assert.False(Grid(0, 2).Manifest.SameGrid(manifest));
        Assert.False(Grid(0, 1, 2).Manifest.SameGrid(manifest));
    }

    [Theory]
    [InlineData("{}", "not a delgrad grid manifest")]
    [InlineData("[", "not a delgrad grid manifest")]
    [InlineData("{\"format\": \"other\"}", "not a delgrad grid manifest (delgrad-slurm-grid/1)")]
    public void AnythingElseIsNotAManifest(string text, string message) =>
        Assert.Contains("g/slurm/grid.json: " + message, GridManifest.Read(text, "g/slurm/grid.json").Match(_ => "", e => e.Message), StringComparison.Ordinal);
}
