using System.Globalization;
using DelGrad.Serialization;
using DelGrad.Training;

namespace DelGrad.Cluster;

/// <summary>
/// The grid of <c>train CONFIG... --seeds LIST</c>: every config with every seed, in that order, one array task
/// each. A task runs <c>train &lt;resolved config&gt; --seeds S --out DIR --runs-only</c>: the same start, keep or
/// resume that the local <c>train --seeds</c> does for that run, into the same run directory.
/// </summary>
public static class SeedGrid
{
    /// <summary>
    /// The manifest and the resolved configs to write (path relative to the grid's folder, text) of
    /// <paramref name="configs"/> x <paramref name="seeds"/> in <paramref name="directory"/> (absolute).
    /// </summary>
    /// <param name="configs">The resolved configs (epochs and other overrides applied), names distinct.</param>
    /// <param name="seeds">The seeds.</param>
    /// <param name="directory">The grid's folder, absolute.</param>
    /// <param name="host">How to start <c>delgrad</c>.</param>
    /// <param name="resubmit">The arguments that submit this grid.</param>
    public static (GridManifest Manifest, IReadOnlyList<(string Path, string Text)> Configs) Expand(
        IReadOnlyList<ExperimentConfig> configs, IReadOnlyList<int> seeds, string directory, IReadOnlyList<string> host, IReadOnlyList<string> resubmit)
    {
        var files = configs.Select(c => (Path: GridManifest.ConfigPath(c.Name), Text: ConfigWriter.Write(c))).ToArray();
        var runs = configs
            .SelectMany(c => seeds.Select(s => (c.Name, Seed: s)))
            .Select((r, task) => new GridRun(
                task,
                r.Name,
                r.Seed,
                RunDirectory(r.Name, r.Seed),
                ["train", Path.Combine(directory, GridManifest.ConfigPath(r.Name)), "--seeds", r.Seed.ToString(CultureInfo.InvariantCulture), "--out", directory, "--runs-only"]))
            .ToArray();
        return (new GridManifest(directory, host, runs, resubmit), files);
    }

    /// <summary>The run directory of seed <paramref name="seed"/> of <paramref name="name"/>, relative to the grid's folder (as <c>train --seeds</c> names it).</summary>
    public static string RunDirectory(string name, int seed) => RunPaths.SeedRunName(name, seed);
}
