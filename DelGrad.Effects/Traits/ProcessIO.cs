namespace DelGrad.Effects.Traits;

/// <summary>What a finished program said.</summary>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Output">Its standard output.</param>
/// <param name="Error">Its standard error.</param>
public sealed record ProcessResult(int ExitCode, string Output, string Error);

/// <summary>Other programs (the Slurm commands): found on PATH and run to completion.</summary>
public interface ProcessIO
{
    /// <summary>True when <paramref name="program"/> is an executable file in a folder of PATH.</summary>
    bool OnPath(string program);

    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/> (no shell) and waits for it.</summary>
    ProcessResult Run(string program, IReadOnlyList<string> arguments);
}
