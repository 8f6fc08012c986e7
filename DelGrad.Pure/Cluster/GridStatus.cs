using System.Globalization;
using System.Text;

namespace DelGrad.Cluster;

/// <summary>One run's standing: its task, its run directory, its state, and the Slurm job and task that ran it last.</summary>
/// <param name="Run">The run.</param>
/// <param name="State">Its state.</param>
/// <param name="SlurmId">The Slurm id of its last array task (<c>JOB_TASK</c>), empty when never submitted.</param>
/// <param name="SlurmState">What Slurm says of that task, empty when it does not know it (any more).</param>
public sealed record RunStatus(GridRun Run, RunState State, string SlurmId, string SlurmState);

/// <summary>
/// The pure part of <c>delgrad status</c>: classifying each run from its run directory, the grid's submissions
/// and what <c>squeue</c> and <c>sacct</c> say, and the status table.
/// </summary>
public static class GridStatus
{
    /// <summary>
    /// Classifies one run. A summary means finished, whatever Slurm says; otherwise Slurm's state decides. When
    /// Slurm was asked and does not know the submitted task any more, it ended without finishing: failed. When
    /// Slurm could not be asked, the run directory decides: a checkpoint means running, none pending.
    /// </summary>
    /// <param name="finished">The run directory holds a summary.</param>
    /// <param name="started">The run directory holds a checkpoint.</param>
    /// <param name="submitted">An array task of the grid's submissions ran or runs it.</param>
    /// <param name="slurmAsked">squeue answered.</param>
    /// <param name="slurmState">Slurm's state of its last task (empty when Slurm does not know it).</param>
    public static RunState Classify(bool finished, bool started, bool submitted, bool slurmAsked, string slurmState) =>
        finished ? RunState.Finished
        : !submitted ? RunState.Missing
        : slurmState switch
        {
            "PENDING" or "CONFIGURING" or "REQUEUED" or "REQUEUE_HOLD" or "REQUEUE_FED" or "RESV_DEL_HOLD" => RunState.Pending,
            "RUNNING" or "COMPLETING" or "SUSPENDED" or "STAGE_OUT" or "SIGNALING" or "RESIZING" => RunState.Running,
            "" when !slurmAsked => started ? RunState.Running : RunState.Pending,
            _ => RunState.Failed,
        };

    /// <summary>The tasks to submit again: failed or missing.</summary>
    public static IReadOnlyList<int> ToSubmit(IEnumerable<RunStatus> runs) =>
        runs.Where(r => r.State is RunState.Failed or RunState.Missing).Select(r => r.Run.Task).Order().ToArray();

    /// <summary>
    /// Reads <c>squeue --array --noheader --format=%i|%T</c> or <c>sacct --noheader --parsable2 -X --format=JobID,State</c>
    /// output: (job id, task index) to state. Array ranges such as <c>12_[3-5%2]</c> are spread over their tasks;
    /// lines of a job that is not an array (the report job) have task -1. States keep their first word
    /// (<c>CANCELLED by 0</c> is CANCELLED).
    /// </summary>
    public static IReadOnlyDictionary<(string Job, int Task), string> ParseStates(string output)
    {
        var states = new Dictionary<(string, int), string>();
        foreach (string raw in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int bar = raw.IndexOf('|', StringComparison.Ordinal);
            if (bar <= 0)
            {
                continue;
            }

            string id = raw[..bar], state = raw[(bar + 1)..].Split(' ', '|')[0].TrimEnd('+');
            int underscore = id.IndexOf('_', StringComparison.Ordinal);
            if (underscore < 0)
            {
                states[(id, -1)] = state;
                continue;
            }

            string job = id[..underscore], tasks = id[(underscore + 1)..].Trim('[', ']');
            int percent = tasks.IndexOf('%', StringComparison.Ordinal);
            foreach (int task in Tasks(percent >= 0 ? tasks[..percent] : tasks))
            {
                states[(job, task)] = state;
            }
        }

        return states;
    }

    /// <summary>The status table: one row per run, then the counts.</summary>
    public static string Markdown(IReadOnlyList<RunStatus> runs)
    {
        var sb = new StringBuilder("| task | run | state | slurm job_task | slurm state |\n|---|---|---|---|---|\n");
        foreach (var r in runs)
        {
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"| {r.Run.Task} | {r.Run.RunDirectory} | {Name(r.State)} | {Dash(r.SlurmId)} | {Dash(r.SlurmState)} |\n"));
        }

        sb.Append(string.Join(", ", Enum.GetValues<RunState>().Select(s => string.Create(CultureInfo.InvariantCulture, $"{runs.Count(r => r.State == s)} {Name(s)}"))));
        return sb.Append('\n').ToString();
    }

    /// <summary>The state as the table writes it.</summary>
    public static string Name(RunState state) => state.ToString().ToLowerInvariant();

    private static string Dash(string text) => text.Length == 0 ? "-" : text;

    private static IEnumerable<int> Tasks(string list) =>
        SeedList.Parse(list).Match(t => t, _ => []);
}
