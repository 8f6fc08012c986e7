using System.CommandLine;
using DelGrad.Cluster;
using DelGrad.Effects.Cluster;
using DelGrad.Effects.Runtimes;

namespace DelGrad.Cli;

/// <summary><c>status DIR</c>: where each run of a Slurm grid stands, and how to resubmit the failed or missing ones.</summary>
internal static class StatusCommand
{
    public static Command Create(LiveRuntime runtime, TextWriter stdout, TextWriter stderr)
    {
        var dir = new Argument<string>("dir") { Description = "The --out folder of a 'train --seeds LIST --slurm' grid." };
        var command = new Command("status", "Show each run of a Slurm grid as pending, running, finished, failed or missing, with its Slurm job and task id (squeue/sacct where present, else the run directories), and the command that resubmits the failed or missing ones.") { dir };
        command.SetAction(parse =>
        {
            string directory = Path.GetFullPath(parse.GetValue(dir)!);
            return Commands.RunEffect(SlurmGrid<LiveRuntime>.Status(directory), runtime, stderr, status =>
            {
                stdout.Write(GridStatus.Markdown(status.Runs));
                var again = GridStatus.ToSubmit(status.Runs);
                stdout.WriteLine(again.Count == 0
                    ? $"nothing to resubmit; the table of the finished runs: delgrad report {directory}"
                    : $"resubmit the failed or missing tasks ({Submission.ArraySpec(again)}) with: {SlurmScript.Join([.. status.Manifest.Host, .. status.Manifest.Resubmit])}");
            });
        });
        return command;
    }
}
