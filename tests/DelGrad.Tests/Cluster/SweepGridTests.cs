using DelGrad.Cluster;
using DelGrad.Serialization;
using DelGrad.Substrate;
using DelGrad.Training;

namespace DelGrad.Tests.Cluster;

/// <summary>The grid of <c>sweep --slurm</c>: one task per config, value and run, each a one-point sweep of a resolved config.</summary>
public class SweepGridTests
{
    [Fact]
    public void EachPointIsOneTaskWhoseConfigCarriesItsSeedChipSeedAndSetting()
    {
        var config = ClusterTestConfigs.Read("yinyang-h5-ws");
        config = config with { Training = config.Training with { Seed = 7 } };
        var substrate = new SubstrateOptions(Bss2Config.Default, ChipSeed: 20);
        var values = new[] { 0.0, 0.16 }.Select(v => (v, Bss2Config.Default.With("threshold_fp_std", v).ThrowIfFail())).ToArray();
        var (manifest, files) = SweepGrid.Expand([(config, substrate, values)], "threshold_fp_std", 2, "/grids/s", ["/opt/tools/delgrad"], ["sweep"]);

        Assert.Equal(GridManifest.SweepKind, manifest.Kind);
        Assert.Equal(["yinyang-h5-ws-threshold_fp_std0-seed7", "yinyang-h5-ws-threshold_fp_std0-seed8", "yinyang-h5-ws-threshold_fp_std0.16-seed7", "yinyang-h5-ws-threshold_fp_std0.16-seed8"], manifest.Runs.Select(r => r.RunDirectory));
        Assert.Equal(
            ["sweep", "/grids/s/slurm/configs/yinyang-h5-ws-threshold_fp_std0.16-seed8.json", "--set", "threshold_fp_std=0.16", "--seeds", "1", "--out", "/grids/s/yinyang-h5-ws-threshold_fp_std0.16-seed8"],
            manifest.Runs[3].Arguments);
        Assert.Equal("slurm/configs/yinyang-h5-ws.json", files[0].Path); // the config as given, for resubmitting

        var point = ConfigReader.Parse(files.Single(f => f.Path.EndsWith("0.16-seed8.json", StringComparison.Ordinal)).Text, "p.json").ThrowIfFail();
        Assert.Equal("yinyang-h5-ws", point.Name);
        Assert.Equal(8, point.Training.Seed);
        Assert.Equal(21, point.Substrate!.ChipSeed);
        Assert.Equal(values[1].Item2, point.Substrate.Bss2);

        var read = GridManifest.Read(manifest.Write(), "grid.json").ThrowIfFail();
        Assert.True(read.SameGrid(manifest));
        Assert.Equal(("threshold_fp_std", 2), (read.SweepKey, read.SweepSeeds));
        Assert.False(read.SameGrid(manifest with { Kind = GridManifest.TrainKind }));
    }
}
