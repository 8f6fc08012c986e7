using DelGrad.Cluster;
using DelGrad.Effects.Cluster;
using DelGrad.Effects.Runtimes;
using System.Globalization;
using DelGrad.Substrate;
using DelGrad.Training;
using LanguageExt;

namespace DelGrad.Cli;

/// <summary><c>train CONFIG... --seeds LIST --out DIR --slurm</c>: the grid written into DIR and submitted as a job array.</summary>
internal static class SlurmSubmit
{
    public static int Run(IReadOnlyList<ExperimentConfig> configs, IReadOnlyList<int> seeds, string directory, SlurmOptions options, bool dryRun, LiveRuntime runtime, TextWriter stdout, TextWriter stderr)
    {
        // Submitting again names the grid's own resolved configs, so it gives the same grid from any folder.
        IReadOnlyList<string> resubmit =
        [
            "train",
            .. configs.Select(c => Path.Combine(directory, GridManifest.ConfigPath(c.Name))),
            "--seeds", Submission.ArraySpec(seeds), "--out", directory, "--slurm", .. options.TaskOptions,
        ];
        return Report(SlurmGrid<LiveRuntime>.Submit(configs, seeds, directory, DelgradHost.Current(), resubmit, options, dryRun), directory, runtime, stdout, stderr);
    }

    /// <summary><c>sweep CONFIG... --set key=v1,v2,... --seeds K --out DIR --slurm</c>: one array task per config, value and run.</summary>
    public static int Sweep(IReadOnlyList<(ExperimentConfig Config, SubstrateOptions Substrate, IReadOnlyList<(double Value, Bss2Config Bss2)> Values)> plan, string set, string key, int seeds, string directory, SlurmOptions options, bool dryRun, LiveRuntime runtime, TextWriter stdout, TextWriter stderr)
    {
        IReadOnlyList<string> resubmit =
        [
            "sweep",
            .. plan.Select(p => Path.Combine(directory, GridManifest.ConfigPath(p.Config.Name))),
            "--set", set, "--seeds", seeds.ToString(CultureInfo.InvariantCulture), "--out", directory, "--slurm", .. options.TaskOptions,
        ];
        return Report(SlurmGrid<LiveRuntime>.SubmitSweep(plan, key, seeds, directory, DelgradHost.Current(), resubmit, options, dryRun), directory, runtime, stdout, stderr);
    }

    private static int Report(Eff<LiveRuntime, GridSubmission> submit, string directory, LiveRuntime runtime, TextWriter stdout, TextWriter stderr) =>
        Commands.RunEffect(submit, runtime, stderr, result =>
        {
            string folder = Path.Combine(directory, GridManifest.Folder);
            stdout.WriteLine($"grid of {result.Manifest.Runs.Count} runs in {directory}: manifest, configs and scripts in {folder}");
            if (result.Tasks.Count == 0)
            {
                stdout.WriteLine($"nothing to submit: every run is finished, queued or running (delgrad status {directory}; delgrad report {directory})");
                return;
            }

            string spec = Submission.ArraySpec(result.Tasks);
            result.Submitted.Match(
                s =>
                {
                    stdout.WriteLine($"submitted job array {s.Job} (tasks {spec}: {result.Tasks.Count} runs) and report job {s.ReportJob} after it; follow them with: delgrad status {directory}");
                    stdout.WriteLine(s.Job);
                },
                () =>
                {
                    stdout.WriteLine($"dry run, nothing submitted (tasks {spec}: {result.Tasks.Count} runs); to submit:");
                    foreach (var command in result.Sbatch)
                    {
                        stdout.WriteLine("  " + SlurmScript.Join(command));
                    }
                });
        });
}
