using System.Collections.Concurrent;
using DelGrad.Effects.Traits;

namespace DelGrad.Effects.Runtimes;

/// <summary>Programs for tests: records every call and answers with <see cref="Respond"/>; nothing is started.</summary>
public sealed class RecordingProcesses : ProcessIO
{
    private readonly ConcurrentQueue<(string Program, string[] Arguments)> calls = new();

    /// <summary>The programs <see cref="OnPath"/> finds.</summary>
    public ISet<string> Installed { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The answer to a call (default: exit 127, as a shell says for a missing program).</summary>
    public Func<string, IReadOnlyList<string>, ProcessResult> Respond { get; set; } = (program, _) => new ProcessResult(127, "", program + ": not found");

    /// <summary>Every call so far, in order.</summary>
    public IReadOnlyList<(string Program, string[] Arguments)> Calls => calls.ToArray();

    /// <inheritdoc />
    public bool OnPath(string program) => Installed.Contains(program);

    /// <inheritdoc />
    public ProcessResult Run(string program, IReadOnlyList<string> arguments)
    {
        calls.Enqueue((program, arguments.ToArray()));
        return Respond(program, arguments);
    }
}
