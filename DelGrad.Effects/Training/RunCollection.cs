using DelGrad.Effects.Traits;
using DelGrad.Reporting;
using DelGrad.Training;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace DelGrad.Effects.Training;

/// <summary>
/// Finds finished runs for a report: each path is a run directory (it holds summary.json) or a directory
/// of run directories (for example the output of scripts/reproduce-accuracy.sh).
/// </summary>
/// <typeparam name="RT">The runtime.</typeparam>
public static class RunCollection<RT>
    where RT : struct, HasFiles<RT>
{
    /// <summary>The finished runs under <paramref name="paths"/>, each once, in the order found; fails naming a path without any.</summary>
    public static Eff<RT, Seq<RunRecord>> Load(Seq<string> paths) =>
        from dirs in paths.Map(p => RunDirectories(Path.TrimEndingDirectorySeparator(p))).Sequence()
        from runs in dirs.Bind(d => d).Distinct().Map(Read).Sequence()
        select runs;

    private static Eff<RT, Seq<string>> RunDirectories(string path) =>
        from isDir in Files<RT>.DirectoryExists(path)
        from isFile in Files<RT>.FileExists(path)
        from _0 in isDir ? SuccessEff(unit) : FailEff<Unit>(Error.New(isFile ? $"{path}: not a directory (give a run directory or a directory of runs)" : $"{path}: no such directory"))
        from isRun in IsRun(path)
        from found in isRun ? SuccessEff<RT, Seq<string>>(Seq1(path)) : Children(path)
        select found;

    private static Eff<RT, Seq<string>> Children(string path) =>
        from subdirs in Files<RT>.ListDirectories(path)
        from runs in subdirs.ToSeq().Map(d => IsRun(d).Map(r => r ? Some(d) : None)).Sequence()
        from found in runs.Somes() is { IsEmpty: false } some
            ? SuccessEff<RT, Seq<string>>(some)
            : FailEff<RT, Seq<string>>(Error.New($"{path}: no finished runs (no {RunFiles.Summary} in it or in its subdirectories)"))
        select found;

    private static Eff<RT, bool> IsRun(string dir) => Files<RT>.FileExists(Path.Combine(dir, RunFiles.Summary));

    private static Eff<RT, RunRecord> Read(string dir)
    {
        string summary = Path.Combine(dir, RunFiles.Summary), metrics = Path.Combine(dir, RunFiles.Metrics);
        return from summaryText in Files<RT>.ReadAllText(summary)
               from hasMetrics in Files<RT>.FileExists(metrics)
               // LanguageExt's effects hold no nulls, so a missing metrics.csv travels as None.
               from metricsText in hasMetrics ? Files<RT>.ReadAllText(metrics).Map(Some) : SuccessEff<RT, Option<string>>(None)
               from record in RunRecordReader.Read(dir, summaryText, summary, metricsText.MatchUnsafe(t => t, () => null), metrics).ToEff()
               select record;
    }
}
