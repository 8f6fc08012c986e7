namespace DelGrad.Cluster;

/// <summary>One run of a grid: one Slurm array task, one run directory, one <c>delgrad</c> command.</summary>
/// <param name="Task">The array task index (0, 1, ... in grid order).</param>
/// <param name="Name">The config's name.</param>
/// <param name="Seed">The training seed.</param>
/// <param name="RunDirectory">The run directory, relative to the grid's folder (<c>&lt;name&gt;-seed&lt;S&gt;</c>, as <c>train --seeds</c> names it).</param>
/// <param name="Arguments">The <c>delgrad</c> arguments that train this run (absolute paths; the task adds <c>--threads</c>).</param>
public sealed record GridRun(int Task, string Name, int Seed, string RunDirectory, IReadOnlyList<string> Arguments)
{
    /// <summary>Same task, run and arguments.</summary>
    public bool SameRun(GridRun other) =>
        Task == other.Task && Name == other.Name && Seed == other.Seed && RunDirectory == other.RunDirectory && Arguments.SequenceEqual(other.Arguments);
}
