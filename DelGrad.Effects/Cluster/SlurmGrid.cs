using DelGrad.Cluster;
using DelGrad.Effects.Traits;
using DelGrad.Effects.Training;
using DelGrad.Reporting;
using DelGrad.Substrate;
using DelGrad.Training;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace DelGrad.Effects.Cluster;

/// <summary>What a submission did.</summary>
/// <param name="Manifest">The grid.</param>
/// <param name="Tasks">The array tasks submitted (or, with --dry-run, to submit); empty when every run is finished or queued.</param>
/// <param name="Submitted">The jobs, when submitted.</param>
/// <param name="Sbatch">The <c>sbatch</c> command lines (the report job's with JOB for the array's id).</param>
public sealed record GridSubmission(GridManifest Manifest, IReadOnlyList<int> Tasks, Option<Submission> Submitted, IReadOnlyList<IReadOnlyList<string>> Sbatch);

/// <summary>
/// A grid of runs on a Slurm cluster: written into its folder (manifest, resolved configs, job-array and report
/// scripts), submitted with <c>sbatch</c>, and its status from the run directories, <c>squeue</c> and <c>sacct</c>.
/// Submitting the same grid again submits only its failed or missing tasks; a folder holding another grid is refused.
/// </summary>
/// <typeparam name="RT">The runtime.</typeparam>
public static class SlurmGrid<RT>
    where RT : struct, HasFiles<RT>, HasProgress<RT>, HasClock<RT>, HasProcesses<RT>, HasData<RT>
{
    /// <summary>
    /// Writes the grid of <paramref name="configs"/> x <paramref name="seeds"/> into <paramref name="directory"/> and,
    /// unless <paramref name="dryRun"/>, submits its failed or missing tasks as one job array and the report after it.
    /// </summary>
    /// <param name="configs">The resolved configs, names distinct.</param>
    /// <param name="seeds">The seeds.</param>
    /// <param name="directory">The grid's folder, absolute.</param>
    /// <param name="host">How to start <c>delgrad</c> on the nodes.</param>
    /// <param name="resubmit">The arguments that submit this grid.</param>
    /// <param name="options">The resources to ask for.</param>
    /// <param name="dryRun">Write the scripts, submit nothing.</param>
    public static Eff<RT, GridSubmission> Submit(IReadOnlyList<ExperimentConfig> configs, IReadOnlyList<int> seeds, string directory, IReadOnlyList<string> host, IReadOnlyList<string> resubmit, SlurmOptions options, bool dryRun)
    {
        var (manifest, files) = SeedGrid.Expand(configs, seeds, directory, host, resubmit);
        var runConfigs = configs.SelectMany(c => seeds.Select(s => c with { Training = c.Training with { Seed = s } })).ToSeq();
        return SubmitGrid(manifest, files, runConfigs.Map(SameRunConfig(directory)).Sequence().Map(_ => unit), options, dryRun);
    }

    /// <summary>
    /// Writes the sweep grid (one task per config, value and run, see <see cref="SweepGrid"/>) into
    /// <paramref name="directory"/> and, unless <paramref name="dryRun"/>, submits its failed or missing points and the report after them.
    /// </summary>
    /// <param name="plan">Per config: the resolved config, its substrate, and each value with its substrate settings.</param>
    /// <param name="key">The swept setting.</param>
    /// <param name="seeds">Runs per value.</param>
    /// <param name="directory">The grid's folder, absolute.</param>
    /// <param name="host">How to start <c>delgrad</c> on the nodes.</param>
    /// <param name="resubmit">The arguments that submit this grid.</param>
    /// <param name="options">The resources to ask for.</param>
    /// <param name="dryRun">Write the scripts, submit nothing.</param>
    public static Eff<RT, GridSubmission> SubmitSweep(IReadOnlyList<(ExperimentConfig Config, SubstrateOptions Substrate, IReadOnlyList<(double Value, Bss2Config Bss2)> Values)> plan, string key, int seeds, string directory, IReadOnlyList<string> host, IReadOnlyList<string> resubmit, SlurmOptions options, bool dryRun)
    {
        var (manifest, files) = SweepGrid.Expand(plan, key, seeds, directory, host, resubmit);
        return SubmitGrid(manifest, files, unitEff, options, dryRun);
    }

    private static Eff<RT, GridSubmission> SubmitGrid(GridManifest manifest, IReadOnlyList<(string Path, string Text)> files, Eff<RT, Unit> runsCheck, SlurmOptions options, bool dryRun)
    {
        string directory = manifest.Directory, folder = Path.Combine(directory, GridManifest.Folder);
        string tasksScript = Path.Combine(folder, GridManifest.TasksScript), reportScript = Path.Combine(folder, GridManifest.ReportScript);
        return from _0 in dryRun ? unitEff : RequireSbatch
               from _1 in SameGrid(manifest, files)
               from _2 in runsCheck
               from statuses in Statuses(manifest)
               let tasks = GridStatus.ToSubmit(statuses)
               from _3 in Seq(folder, Path.Combine(folder, GridManifest.LogFolder), Path.Combine(folder, GridManifest.ConfigFolder)).Map(Files<RT>.CreateDirectory).Sequence()
               from _5 in files.ToSeq().Map(f => Files<RT>.WriteText(Path.Combine(directory, f.Path), f.Text)).Sequence()
               from _6 in Files<RT>.WriteText(tasksScript, SlurmScript.Tasks(manifest, options))
               from _7 in Files<RT>.WriteText(reportScript, SlurmScript.Report(manifest, options))
               from _8 in Files<RT>.WriteText(ManifestPath(directory), manifest.Write())
               let sbatch = (IReadOnlyList<IReadOnlyList<string>>)[ArrayCommand(tasks, tasksScript), ReportCommand("JOB", reportScript)]
               from submitted in dryRun || tasks.Count == 0
                   ? SuccessEff<RT, Option<Submission>>(None)
                   : SubmitJobs(directory, tasks, tasksScript, reportScript).Map(Some)
               select new GridSubmission(manifest, tasks, submitted, sbatch);
    }

    /// <summary>Each run of the grid in <paramref name="directory"/> with its state and Slurm ids.</summary>
    public static Eff<RT, (GridManifest Manifest, IReadOnlyList<RunStatus> Runs)> Status(string directory) =>
        from manifest in ReadManifest(directory)
        from runs in Statuses(manifest)
        select (manifest, runs);

    /// <summary>
    /// The finished runs of the <c>train --seeds</c> grid <paramref name="manifest"/>, in grid order, with
    /// <c>runs.csv</c> written beside them as <c>train --seeds</c> writes it, and the runs not finished (yet).
    /// </summary>
    public static Eff<RT, (Seq<RunRecord> Runs, IReadOnlyList<GridRun> Unfinished)> ReportRuns(GridManifest manifest) =>
        from split in Finished(manifest)
        from runs in RunCollection<RT>.Load(split.Done.Map(r => Path.Combine(manifest.Directory, r.RunDirectory)))
        from _ in Files<RT>.WriteText(Path.Combine(manifest.Directory, RunFiles.RunsCsv), RunTable.Csv(runs))
        select (runs, split.Unfinished);

    /// <summary>
    /// The finished points of the sweep grid <paramref name="manifest"/>, in grid order, with <c>sweep.csv</c>
    /// and <c>sweep.png</c> written as the local <c>sweep</c> writes them, and the points not finished (yet).
    /// </summary>
    public static Eff<RT, (Seq<SweepPoint> Points, IReadOnlyList<GridRun> Unfinished)> ReportSweep(GridManifest manifest) =>
        from split in Finished(manifest)
        from each in split.Done.Map(r =>
            from text in Files<RT>.ReadAllText(Path.Combine(manifest.Directory, r.RunDirectory, SweepReport.CsvFile))
            from read in SweepReport.Read(text, Path.Combine(manifest.Directory, r.RunDirectory, SweepReport.CsvFile)).ToEff()
            select read).Sequence()
        let points = each.Bind(p => p)
        from _ in SweepRun<RT>.Write(manifest.Directory, manifest.SweepKey, manifest.SweepSeeds, points.Map(p => p.Value).Distinct().ToArray(), points)
        select (points, split.Unfinished);

    /// <summary>The grid in <paramref name="directory"/>; fails saying how to submit one when there is none.</summary>
    public static Eff<RT, GridManifest> Manifest(string directory) => ReadManifest(directory);

    private static Eff<RT, (Seq<GridRun> Done, IReadOnlyList<GridRun> Unfinished)> Finished(GridManifest manifest) =>
        from finished in manifest.Runs.ToSeq().Map(r => Files<RT>.FileExists(FinishedFile(manifest, r)).Map(f => (Run: r, Finished: f))).Sequence()
        let done = finished.Filter(f => f.Finished).Map(f => f.Run)
        from _ in done.IsEmpty ? FailEff<Unit>(Error.New($"{manifest.Directory}: no run of the grid has finished yet (see delgrad status {manifest.Directory})")) : unitEff
        select (done, (IReadOnlyList<GridRun>)finished.Filter(f => !f.Finished).Map(f => f.Run).ToArray());

    // A run's mark of being finished: a training run's summary, a sweep point's CSV.
    private static string FinishedFile(GridManifest manifest, GridRun run) =>
        Path.Combine(manifest.Directory, run.RunDirectory, manifest.Kind == GridManifest.SweepKind ? SweepReport.CsvFile : RunFiles.Summary);

    /// <summary>True when <paramref name="directory"/> holds a grid manifest.</summary>
    public static Eff<RT, bool> IsGrid(string directory) => Files<RT>.FileExists(ManifestPath(directory));

    private static string ManifestPath(string directory) => Path.Combine(directory, GridManifest.Folder, GridManifest.FileName);

    private static Eff<RT, Unit> RequireSbatch =>
        from found in Processes<RT>.OnPath("sbatch")
        from _ in found ? unitEff : FailEff<Unit>(Error.New("--slurm: sbatch is not on PATH (run on a Slurm login node, or add --dry-run to only write the scripts)"))
        select unit;

    private static Eff<RT, GridManifest> ReadManifest(string directory) =>
        from exists in Files<RT>.FileExists(ManifestPath(directory))
        from _ in exists ? unitEff : FailEff<Unit>(Error.New($"{directory}: not a Slurm grid (no {GridManifest.Folder}/{GridManifest.FileName}; submit one with train CONFIG --seeds LIST --out {directory} --slurm)"))
        from text in Files<RT>.ReadAllText(ManifestPath(directory))
        from manifest in GridManifest.Read(text, ManifestPath(directory)).ToEff()
        select manifest;

    // Another grid in the same folder would mix two experiments in one table and one jobs file.
    private static Eff<RT, Unit> SameGrid(GridManifest manifest, IReadOnlyList<(string Path, string Text)> files) =>
        from exists in Files<RT>.FileExists(ManifestPath(manifest.Directory))
        from same in exists
            ? from old in ReadManifest(manifest.Directory)
              from configs in files.ToSeq().Map(f => SameFile(Path.Combine(manifest.Directory, f.Path), f.Text)).Sequence()
              select old.SameGrid(manifest) && configs.ForAll(c => c)
            : SuccessEff(true)
        from _ in same ? unitEff : FailEff<Unit>(Error.New($"{manifest.Directory}: holds another grid (other configs, seeds or epochs; see {ManifestPath(manifest.Directory)}); use another --out"))
        select unit;

    private static Eff<RT, bool> SameFile(string path, string text) =>
        from exists in Files<RT>.FileExists(path)
        from same in exists ? Files<RT>.ReadAllText(path).Map(t => t == text) : SuccessEff(false)
        select same;

    // A run directory started by a local train --seeds of another config is refused as that command refuses it.
    private static Func<ExperimentConfig, Eff<RT, Unit>> SameRunConfig(string directory) => config =>
    {
        string dir = Path.Combine(directory, SeedGrid.RunDirectory(config.Name, config.Training.Seed));
        return from started in Files<RT>.FileExists(Path.Combine(dir, RunFiles.Config))
               from _ in started ? SeedRuns<RT>.SameConfig(config, dir) : unitEff
               select unit;
    };

    private static Eff<RT, IReadOnlyList<RunStatus>> Statuses(GridManifest manifest) =>
        from submissions in Submissions(manifest.Directory)
        let jobs = submissions.Select(s => s.Job).Distinct().ToArray()
        from squeue in jobs.Length == 0 ? SuccessEff<RT, Option<string>>(None) : Ask("squeue", ["--noheader", "--array", "--states=all", "--format=%i|%T"])
        from sacct in jobs.Length == 0 ? SuccessEff<RT, Option<string>>(None) : Ask("sacct", ["--noheader", "--parsable2", "-X", "--format=JobID,State", "--jobs=" + string.Join(",", jobs)])
        let states = sacct.Map(GridStatus.ParseStates).IfNone(new Dictionary<(string, int), string>())
            .Concat(squeue.Map(GridStatus.ParseStates).IfNone(new Dictionary<(string, int), string>()))
            .GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value)
        from runs in manifest.Runs.ToSeq().Map(run =>
            from finished in Files<RT>.FileExists(FinishedFile(manifest, run))
            from started in Files<RT>.FileExists(Path.Combine(manifest.Directory, run.RunDirectory, RunFiles.Checkpoint))
            let last = submissions.LastOrDefault(s => s.Tasks.Contains(run.Task))
            let state = last is null ? "" : states.GetValueOrDefault((last.Job, run.Task), "")
            select new RunStatus(run, GridStatus.Classify(finished, started, last is not null, squeue.IsSome, state), last is null ? "" : $"{last.Job}_{run.Task}", state)).Sequence()
        select (IReadOnlyList<RunStatus>)runs.ToArray();

    // Slurm's answer, or None where the command is missing or fails (sacct without accounting, squeue without a controller).
    private static Eff<RT, Option<string>> Ask(string program, IReadOnlyList<string> arguments) =>
        from found in Processes<RT>.OnPath(program)
        from answer in found
            ? Processes<RT>.Run(program, arguments).Map(r => r.ExitCode == 0 ? Some(r.Output) : None)
            : SuccessEff<RT, Option<string>>(None)
        select answer;

    private static Eff<RT, IReadOnlyList<Submission>> Submissions(string directory)
    {
        string path = Path.Combine(directory, GridManifest.Folder, GridManifest.JobsFile);
        return from exists in Files<RT>.FileExists(path)
               from all in exists
                   ? Files<RT>.ReadAllText(path).Bind(t => Submission.Read(t, path).ToEff())
                   : SuccessEff<RT, IReadOnlyList<Submission>>(System.Array.Empty<Submission>())
               select all;
    }

    // The array first and recorded at once, so that a refused report job never leads to submitting the array twice.
    private static Eff<RT, Submission> SubmitJobs(string directory, IReadOnlyList<int> tasks, string tasksScript, string reportScript) =>
        from job in Sbatch(ArrayCommand(tasks, tasksScript), "the job array")
        from before in Submissions(directory)
        from _0 in Record(directory, [.. before, new Submission(job, tasks, "")])
        from report in Sbatch(ReportCommand(job, reportScript), $"the report job (the job array {job} is submitted)")
        let submission = new Submission(job, tasks, report)
        from _1 in Record(directory, [.. before, submission])
        select submission;

    private static Eff<RT, Unit> Record(string directory, IReadOnlyList<Submission> submissions) =>
        Files<RT>.WriteText(Path.Combine(directory, GridManifest.Folder, GridManifest.JobsFile), Submission.Write(submissions));

    private static IReadOnlyList<string> ArrayCommand(IReadOnlyList<int> tasks, string script) =>
        ["sbatch", "--parsable", "--array=" + Submission.ArraySpec(tasks), script];

    private static IReadOnlyList<string> ReportCommand(string job, string script) =>
        ["sbatch", "--parsable", "--dependency=afterany:" + job, script];

    private static Eff<RT, string> Sbatch(IReadOnlyList<string> command, string what) =>
        from result in Processes<RT>.Run(command[0], command.Skip(1).ToArray())
        let job = result.Output.Trim().Split(';')[0]
        from _ in result.ExitCode != 0
            ? FailEff<Unit>(Error.New($"sbatch refused {what}: {OneLine(result.Error + "\n" + result.Output)}"))
            : job.Length == 0 || !job.All(char.IsAsciiDigit)
                ? FailEff<Unit>(Error.New($"sbatch answered no job id for {what}: {OneLine(result.Output)}"))
                : unitEff
        select job;

    private static string OneLine(string text) =>
        string.Join("; ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) is { Length: > 0 } s ? s : "(no message)";
}
