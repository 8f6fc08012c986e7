using System.Globalization;
using DelGrad.Serialization;
using DelGrad.Substrate;
using DelGrad.Training;

namespace DelGrad.Cluster;

/// <summary>
/// The grid of <c>sweep CONFIG... --set key=v1,v2,... --seeds K</c>: every config at every value for every run r,
/// in the order the local sweep runs them, one array task each. Point (config, value, r) trains with seed S + r on
/// chip seed C + r; its resolved config says so, so the task runs <c>sweep &lt;point config&gt; --set key=value
/// --seeds 1</c> into its own folder and gets the local sweep's point bit for bit.
/// </summary>
public static class SweepGrid
{
    /// <summary>The manifest and the configs to write (path relative to the grid's folder, text): the given configs (for resubmitting) and one per point.</summary>
    /// <param name="plan">Per config: the resolved config, its substrate, and each value with its substrate settings.</param>
    /// <param name="key">The swept setting.</param>
    /// <param name="seeds">Runs per value.</param>
    /// <param name="directory">The grid's folder, absolute.</param>
    /// <param name="host">How to start <c>delgrad</c>.</param>
    /// <param name="resubmit">The arguments that submit this grid.</param>
    public static (GridManifest Manifest, IReadOnlyList<(string Path, string Text)> Configs) Expand(
        IReadOnlyList<(ExperimentConfig Config, SubstrateOptions Substrate, IReadOnlyList<(double Value, Bss2Config Bss2)> Values)> plan,
        string key,
        int seeds,
        string directory,
        IReadOnlyList<string> host,
        IReadOnlyList<string> resubmit)
    {
        var files = plan.Select(p => (Path: GridManifest.ConfigPath(p.Config.Name), Text: ConfigWriter.Write(p.Config))).ToList();
        var runs = new List<GridRun>();
        foreach (var (config, substrate, values) in plan)
        {
            foreach (var (value, bss2) in values)
            {
                for (int r = 0; r < seeds; r++)
                {
                    int seed = config.Training.Seed + r;
                    var point = config with { Training = config.Training with { Seed = seed }, Substrate = new SubstrateOptions(bss2, substrate.ChipSeed + r) };
                    string name = string.Create(CultureInfo.InvariantCulture, $"{config.Name}-{key}{value:R}-seed{seed}");
                    files.Add((GridManifest.ConfigPath(name), ConfigWriter.Write(point)));
                    runs.Add(new GridRun(
                        runs.Count,
                        config.Name,
                        seed,
                        name,
                        ["sweep", Path.Combine(directory, GridManifest.ConfigPath(name)), "--set", string.Create(CultureInfo.InvariantCulture, $"{key}={value:R}"), "--seeds", "1", "--out", Path.Combine(directory, name)]));
                }
            }
        }

        return (new GridManifest(directory, host, runs, resubmit) { Kind = GridManifest.SweepKind, SweepKey = key, SweepSeeds = seeds }, files);
    }
}
