using System.CommandLine;
using System.Text;
using DelGrad.Cluster;
using DelGrad.Effects.Cluster;
using DelGrad.Effects.Runtimes;
using DelGrad.Effects.Training;
using DelGrad.Reporting;
using DelGrad.Training;

namespace DelGrad.Cli;

/// <summary><c>report DIR... [--csv FILE]</c>: the accuracy and speed table of finished runs, grouped by config.</summary>
internal static class ReportCommand
{
    public static Command Create(LiveRuntime runtime, TextWriter stdout)
    {
        var paths = new Argument<string[]>("run-dirs") { Description = "Run directories, or directories of run directories (for example the output of scripts/reproduce-accuracy.sh); the folder of a Slurm grid (train/sweep --slurm) gets its runs.csv (or sweep.csv and sweep.png) as the local run writes them.", Arity = ArgumentArity.OneOrMore };
        var csv = new Option<string?>("--csv") { HelpName = "FILE", Description = "Also write one row per run (fractions; empty where a run does not say) to this CSV file." };
        var command = new Command("report", "Print the accuracy and speed table of finished runs, one row per config: median, mean +- sd, min, max test accuracy over seeds, best-validation and train accuracy, parameters, s/epoch after warm-up.") { paths, csv };
        command.SetAction(parse =>
        {
            if (parse.GetValue(paths) is [string one] && SlurmGrid<LiveRuntime>.IsGrid(one).Run(runtime).IfFail(false))
            {
                return GridReport(runtime, stdout, one, parse.GetValue(csv));
            }

            var runs = RunCollection<LiveRuntime>.Load(LanguageExt.Prelude.toSeq(parse.GetValue(paths)!)).Run(runtime).Match(r => r, e => throw new CliException(e.Message));
            if (parse.GetValue(csv) is string file)
            {
                Commands.WriteOutput(runtime, "--csv", file, Encoding.UTF8.GetBytes(RunTable.Csv(runs)));
            }

            stdout.Write(RunTable.Markdown(RunTable.Group(runs)));
            return Commands.Ok;
        });
        return command;
    }

    // A Slurm grid's folder: its runs in grid order and runs.csv beside them (a sweep's points and its sweep.csv and
    // sweep.png), as the local train --seeds (sweep) gives them.
    private static int GridReport(LiveRuntime runtime, TextWriter stdout, string directory, string? csv)
    {
        var manifest = SlurmGrid<LiveRuntime>.Manifest(directory).Run(runtime).Match(m => m, e => throw new CliException(e.Message));
        IReadOnlyList<GridRun> unfinished;
        if (manifest.Kind == GridManifest.SweepKind)
        {
            if (csv != null)
            {
                throw new CliException("--csv: a sweep grid's report is its sweep.csv");
            }

            (_, unfinished) = SlurmGrid<LiveRuntime>.ReportSweep(manifest).Run(runtime).Match(r => r, e => throw new CliException(e.Message));
        }
        else
        {
            var (runs, left) = SlurmGrid<LiveRuntime>.ReportRuns(manifest).Run(runtime).Match(r => r, e => throw new CliException(e.Message));
            unfinished = left;
            if (csv != null)
            {
                Commands.WriteOutput(runtime, "--csv", csv, Encoding.UTF8.GetBytes(RunTable.Csv(runs)));
            }

            stdout.Write(RunTable.Markdown(RunTable.Group(runs)));
            stdout.WriteLine($"one row per run in {Path.Combine(directory, RunFiles.RunsCsv)}");
        }

        if (unfinished.Count > 0)
        {
            stdout.WriteLine($"not finished ({unfinished.Count} of {manifest.Runs.Count}): {string.Join(", ", unfinished.Select(r => r.RunDirectory))}; see delgrad status {directory}");
        }

        return Commands.Ok;
    }
}
