using System.Diagnostics;
using DelGrad.Effects.Traits;

namespace DelGrad.Effects.Runtimes;

/// <summary>Real programs, found on PATH.</summary>
public sealed class LiveProcesses : ProcessIO
{
    /// <summary>The instance.</summary>
    public static readonly LiveProcesses Instance = new();

    /// <inheritdoc />
    public bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));

    /// <inheritdoc />
    public ProcessResult Run(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("the process did not start");
        // Both streams at once: a program that fills one pipe while we wait on the other would never end.
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, output, error.Result);
    }
}
