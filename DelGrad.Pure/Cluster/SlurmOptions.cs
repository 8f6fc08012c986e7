using System.Globalization;

namespace DelGrad.Cluster;

/// <summary>The <c>sbatch</c> resources a grid asks for; null leaves a setting to the cluster's defaults.</summary>
/// <param name="Partition">--partition.</param>
/// <param name="Time">--time (a Slurm time limit such as 1:00:00).</param>
/// <param name="CpusPerTask">--cpus-per-task; each run then trains on that many threads.</param>
/// <param name="Mem">--mem (such as 2G).</param>
/// <param name="Account">--account.</param>
public sealed record SlurmOptions(string? Partition = null, string? Time = null, int? CpusPerTask = null, string? Mem = null, string? Account = null)
{
    /// <summary>The <c>#SBATCH</c> options of a run's array task, in <c>--name=value</c> form.</summary>
    public IReadOnlyList<string> TaskOptions => [.. Common, .. CpusPerTask is int c ? [string.Create(CultureInfo.InvariantCulture, $"--cpus-per-task={c}")] : Array.Empty<string>(), .. Mem is { } m ? ["--mem=" + m] : Array.Empty<string>()];

    /// <summary>The <c>#SBATCH</c> options of the report job: where and on whose account, one CPU.</summary>
    public IReadOnlyList<string> ReportOptions => Common;

    private string[] Common =>
        [.. Partition is { } p ? ["--partition=" + p] : Array.Empty<string>(), .. Time is { } t ? ["--time=" + t] : Array.Empty<string>(), .. Account is { } a ? ["--account=" + a] : Array.Empty<string>()];
}
