using System.CommandLine;
using DelGrad.Cluster;

namespace DelGrad.Cli;

/// <summary>The <c>--slurm</c> options of <c>train --seeds</c>: submit the grid as a Slurm job array instead of running it here.</summary>
internal sealed class SlurmArguments
{
    private readonly Option<bool> slurm = new("--slurm") { Description = "Submit the grid to Slurm: one array task per run (config x seed; for sweep also x value), then a report job; writes the manifest, resolved configs and scripts to <out>/slurm, prints the job id. Again on the same --out: submits only failed or missing runs." };
    private readonly Option<string?> partition = new("--partition") { HelpName = "P", Description = "With --slurm: sbatch --partition." };
    private readonly Option<string?> time = new("--time") { HelpName = "T", Description = "With --slurm: sbatch --time, per run (e.g. 1:00:00)." };
    private readonly Option<int?> cpus = new("--cpus-per-task") { HelpName = "C", Description = "With --slurm: sbatch --cpus-per-task; each run trains on that many threads (default: Slurm's, usually 1)." };
    private readonly Option<string?> mem = new("--mem") { HelpName = "M", Description = "With --slurm: sbatch --mem, per run (e.g. 2G)." };
    private readonly Option<string?> account = new("--account") { HelpName = "A", Description = "With --slurm: sbatch --account." };
    private readonly Option<bool> dryRun = new("--dry-run") { Description = "With --slurm: write the grid and its scripts, print the sbatch commands, submit nothing." };

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { slurm, partition, time, cpus, mem, account, dryRun })
        {
            command.Options.Add(o);
        }
    }

    public bool Requested(ParseResult parse) => parse.GetValue(slurm);

    public bool DryRun(ParseResult parse) => parse.GetValue(dryRun);

    /// <summary>The resources asked for; any of them without --slurm, or a value sbatch could misread, is refused.</summary>
    public SlurmOptions Options(ParseResult parse)
    {
        var options = new SlurmOptions(Text(parse, partition), Text(parse, time), parse.GetValue(cpus), Text(parse, mem), Text(parse, account));
        if (options.CpusPerTask is < 1)
        {
            throw new CliException($"--cpus-per-task: must be at least 1, got {options.CpusPerTask}");
        }

        if (!Requested(parse) && (options != new SlurmOptions() || DryRun(parse)))
        {
            throw new CliException("--partition, --time, --cpus-per-task, --mem, --account and --dry-run: only with --slurm");
        }

        return options;
    }

    private static string? Text(ParseResult parse, Option<string?> option) => parse.GetValue(option) switch
    {
        null => null,
        var v when v.Length == 0 || v.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) => throw new CliException($"{option.Name}: expected a value without spaces, got '{v}'"),
        var v => v,
    };
}
