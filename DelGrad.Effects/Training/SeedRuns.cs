using System.Globalization;
using DelGrad.Cluster;
using DelGrad.Effects.Traits;
using DelGrad.Reporting;
using DelGrad.Serialization;
using DelGrad.Training;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace DelGrad.Effects.Training;

/// <summary>
/// One config over several seeds, each in its own run directory <c>&lt;name&gt;-seed&lt;S&gt;</c> under one folder, then
/// <c>runs.csv</c> and the records for the table of all of them. Running it again continues where it stopped:
/// finished seeds are kept, an interrupted one resumes from its checkpoint (bit-identically), the rest start.
/// </summary>
/// <typeparam name="RT">The runtime.</typeparam>
public static class SeedRuns<RT>
    where RT : struct, HasFiles<RT>, HasProgress<RT>, HasClock<RT>, HasData<RT>
{
    /// <summary>Where seed <paramref name="seed"/> of <paramref name="name"/> runs under <paramref name="outDir"/>.</summary>
    public static string RunDirectory(string outDir, string name, int seed) => RunPaths.SeedRunDirectory(outDir, name, seed);

    /// <summary>Trains (or continues) <paramref name="config"/> for each seed, one after another, and reads the finished runs back.</summary>
    public static Eff<RT, Seq<RunRecord>> Run(ExperimentConfig config, IReadOnlyList<int> seeds, string outDir, int threads) =>
        Run([config], seeds, outDir, threads);

    /// <summary>Trains (or continues) each config for each seed, config by config, and reads the finished runs back.</summary>
    public static Eff<RT, Seq<RunRecord>> Run(IReadOnlyList<ExperimentConfig> configs, IReadOnlyList<int> seeds, string outDir, int threads) =>
        from dirs in Train(configs, seeds, outDir, threads)
        from runs in RunCollection<RT>.Load(dirs)
        from _ in Files<RT>.WriteText(Path.Combine(outDir, RunFiles.RunsCsv), RunTable.Csv(runs))
        select runs;

    /// <summary>
    /// Trains (or continues) each config for each seed and returns their run directories, without reading them back
    /// or writing runs.csv: what one array task of a Slurm grid does (its report job writes the table).
    /// </summary>
    public static Eff<RT, Seq<string>> Train(IReadOnlyList<ExperimentConfig> configs, IReadOnlyList<int> seeds, string outDir, int threads)
    {
        var runs = configs.SelectMany(c => seeds.Select(s => (Config: c with { Training = c.Training with { Seed = s } }, Dir: RunDirectory(outDir, c.Name, s)))).ToArray();
        return from _0 in Files<RT>.CreateDirectory(outDir)
               from _1 in runs.ToSeq().Map((i, r) => One(r.Config, r.Dir, threads, $"[{i + 1}/{runs.Length}]")).Sequence()
               select runs.ToSeq().Map(r => r.Dir);
    }

    private static Eff<RT, Unit> One(ExperimentConfig config, string dir, int threads, string position) =>
        from started in Files<RT>.FileExists(Path.Combine(dir, RunFiles.Checkpoint))
        from finished in Files<RT>.FileExists(Path.Combine(dir, RunFiles.Summary))
        from _0 in started ? SameConfig(config, dir) : SuccessEff(unit)
        from _1 in ProgressLog<RT>.Line(string.Create(CultureInfo.InvariantCulture, $"{position} seed {config.Training.Seed}: {dir}{(finished ? ": finished before, kept" : started ? ": resuming" : "")}"))
        from _2 in finished ? SuccessEff(unit)
            : started ? TrainingRun<RT>.Resume(dir, threads).Map(_ => unit)
            : TrainingRun<RT>.Start(config, dir, threads).Map(_ => unit)
        select unit;

    // A directory that holds a run of another config (other epochs, learning rates, ...) would mix two
    // experiments in one table, so it is named instead of silently kept or resumed.
    internal static Eff<RT, Unit> SameConfig(ExperimentConfig config, string dir) =>
        from stored in Files<RT>.ReadAllText(Path.Combine(dir, RunFiles.Config))
        from _ in stored == ConfigWriter.Write(config)
            ? SuccessEff(unit)
            : FailEff<Unit>(Error.New($"{dir}: holds a run of a different config (compare its {RunFiles.Config}); use another --out"))
        select unit;
}
