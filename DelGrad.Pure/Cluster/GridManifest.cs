using System.Text.Json;
using DelGrad.Serialization;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace DelGrad.Cluster;

/// <summary>
/// Everything an array task needs, kept in the grid's folder (<c>slurm/grid.json</c>): the folder, the
/// <c>delgrad</c> to call (absolute), each run's arguments (the resolved configs sit beside it in
/// <c>slurm/configs/</c>) and the command that submits the grid again.
/// </summary>
/// <param name="Directory">The grid's folder (absolute); run directories are inside it.</param>
/// <param name="Host">How to start <c>delgrad</c> (<c>dotnet /abs/DelGrad.Cli.dll</c> or the tool's absolute path).</param>
/// <param name="Runs">The runs, one per array task, in task order.</param>
/// <param name="Resubmit">The <c>delgrad</c> arguments that submitted the grid (resubmitting only failed or missing tasks).</param>
public sealed record GridManifest(string Directory, IReadOnlyList<string> Host, IReadOnlyList<GridRun> Runs, IReadOnlyList<string> Resubmit)
{
    /// <summary>The folder inside the grid's folder that holds the manifest, configs, scripts, job ids and logs.</summary>
    public const string Folder = "slurm";

    /// <summary>The manifest's file name.</summary>
    public const string FileName = "grid.json";

    /// <summary>The job-array script's file name.</summary>
    public const string TasksScript = "tasks.sh";

    /// <summary>The report job's script file name.</summary>
    public const string ReportScript = "report.sh";

    /// <summary>The file of submitted jobs (<see cref="Submission"/>).</summary>
    public const string JobsFile = "jobs.csv";

    /// <summary>The folder of the tasks' and report's Slurm output.</summary>
    public const string LogFolder = "logs";

    /// <summary>The folder of the resolved configs.</summary>
    public const string ConfigFolder = "configs";

    /// <summary>The kind of a <c>train --seeds</c> grid: each run a run directory with its summary.</summary>
    public const string TrainKind = "train";

    /// <summary>The kind of a <c>sweep</c> grid: each run one sweep point writing its own sweep.csv.</summary>
    public const string SweepKind = "sweep";

    private const string Format = "delgrad-slurm-grid/1";

    /// <summary>What the runs are: <see cref="TrainKind"/> or <see cref="SweepKind"/>.</summary>
    public string Kind { get; init; } = TrainKind;

    /// <summary>A sweep grid's swept setting (empty for other grids).</summary>
    public string SweepKey { get; init; } = "";

    /// <summary>A sweep grid's runs per value (0 for other grids).</summary>
    public int SweepSeeds { get; init; }

    /// <summary>The same runs with the same arguments: resubmitting it may keep and continue what is there.</summary>
    public bool SameGrid(GridManifest other) =>
        Kind == other.Kind && SweepKey == other.SweepKey && SweepSeeds == other.SweepSeeds && Runs.Count == other.Runs.Count && Enumerable.Zip(Runs, other.Runs, (a, b) => a.SameRun(b)).All(same => same);

    /// <summary>Where the resolved config <paramref name="name"/> goes, relative to the grid's folder.</summary>
    public static string ConfigPath(string name) => Path.Combine(Folder, ConfigFolder, name + ".json");

    /// <summary>The whole command of <paramref name="run"/>: the host, then its arguments.</summary>
    public IReadOnlyList<string> Command(GridRun run) => [.. Host, .. run.Arguments];

    /// <summary>The manifest as JSON.</summary>
    public string Write() => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteString("kind", Kind);
        w.WriteString("directory", Directory);
        if (Kind == SweepKind)
        {
            w.WriteString("sweepKey", SweepKey);
            w.WriteNumber("sweepSeeds", SweepSeeds);
        }

        Strings(w, "host", Host);
        Strings(w, "resubmit", Resubmit);
        w.WriteStartArray("runs");
        foreach (var r in Runs)
        {
            w.WriteStartObject();
            w.WriteNumber("task", r.Task);
            w.WriteString("name", r.Name);
            w.WriteNumber("seed", r.Seed);
            w.WriteString("runDirectory", r.RunDirectory);
            Strings(w, "arguments", r.Arguments);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>Reads a manifest <see cref="Write"/> wrote; fails naming <paramref name="fileName"/> when it is not one.</summary>
    public static Fin<GridManifest> Read(string text, string fileName)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.GetProperty("format").GetString() != Format)
            {
                return FinFail<GridManifest>(Error.New($"{fileName}: not a delgrad grid manifest ({Format})"));
            }

            var runs = root.GetProperty("runs").EnumerateArray().Select(r => new GridRun(
                r.GetProperty("task").GetInt32(),
                r.GetProperty("name").GetString()!,
                r.GetProperty("seed").GetInt32(),
                r.GetProperty("runDirectory").GetString()!,
                Strings(r.GetProperty("arguments")))).ToArray();
            string kind = root.GetProperty("kind").GetString()!;
            return FinSucc(new GridManifest(root.GetProperty("directory").GetString()!, Strings(root.GetProperty("host")), runs, Strings(root.GetProperty("resubmit")))
            {
                Kind = kind,
                SweepKey = kind == SweepKind ? root.GetProperty("sweepKey").GetString()! : "",
                SweepSeeds = kind == SweepKind ? root.GetProperty("sweepSeeds").GetInt32() : 0,
            });
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return FinFail<GridManifest>(Error.New($"{fileName}: not a delgrad grid manifest: {e.Message}"));
        }
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString() ?? throw new FormatException("a string is null")).ToArray();
}
