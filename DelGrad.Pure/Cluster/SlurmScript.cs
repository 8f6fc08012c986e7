using System.Globalization;
using System.Text;

namespace DelGrad.Cluster;

/// <summary>The batch scripts of a grid: the job array (one task per run) and the report job after it.</summary>
public static class SlurmScript
{
    /// <summary>
    /// The job-array script: <c>#SBATCH</c> resources, and per array task index the run's <c>delgrad</c> command,
    /// on <c>$SLURM_CPUS_PER_TASK</c> threads (1 when Slurm does not say). The array's indices are given to
    /// <c>sbatch --array</c>, so the same script serves a first submission and a resubmission of some tasks.
    /// </summary>
    public static string Tasks(GridManifest manifest, SlurmOptions options)
    {
        var sb = Header(manifest, "delgrad-grid", "task-%A_%a.out", options.TaskOptions, "one array task per run of the grid");
        sb.Append("threads=\"${SLURM_CPUS_PER_TASK:-1}\"\n");
        sb.Append("case \"${SLURM_ARRAY_TASK_ID:?run this script with sbatch --array}\" in\n");
        foreach (var run in manifest.Runs)
        {
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"  {run.Task}) exec {Join(manifest.Command(run))} --threads \"$threads\" ;;\n"));
        }

        sb.Append("  *) echo \"no run for array task $SLURM_ARRAY_TASK_ID\" >&2; exit 2 ;;\n");
        sb.Append("esac\n");
        return sb.ToString();
    }

    /// <summary>The report job: <c>delgrad report DIR</c> (the table, and runs.csv in DIR), one CPU.</summary>
    public static string Report(GridManifest manifest, SlurmOptions options)
    {
        var sb = Header(manifest, "delgrad-report", "report-%j.out", options.ReportOptions, "the report of the grid, after its tasks");
        sb.Append("exec ").Append(Join([.. manifest.Host, "report", manifest.Directory])).Append('\n');
        return sb.ToString();
    }

    /// <summary>A command line for a POSIX shell: each argument single-quoted unless it is plainly safe.</summary>
    public static string Join(IEnumerable<string> arguments) => string.Join(" ", arguments.Select(Quote));

    /// <summary>One argument for a POSIX shell.</summary>
    public static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "/._-=+,:@%".Contains(c, StringComparison.Ordinal))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static StringBuilder Header(GridManifest manifest, string jobName, string output, IReadOnlyList<string> options, string what)
    {
        var sb = new StringBuilder("#!/bin/bash\n");
        sb.Append("# Written by delgrad: ").Append(what).Append(" in ").Append(manifest.Directory).Append(" (see ")
            .Append(GridManifest.Folder).Append('/').Append(GridManifest.FileName).Append(").\n");
        sb.Append("#SBATCH --job-name=").Append(jobName).Append('\n');
        sb.Append("#SBATCH --output=").Append(Path.Combine(manifest.Directory, GridManifest.Folder, GridManifest.LogFolder, output)).Append('\n');
        foreach (var o in options)
        {
            sb.Append("#SBATCH ").Append(o).Append('\n');
        }

        sb.Append("set -euo pipefail\n");
        return sb;
    }
}
