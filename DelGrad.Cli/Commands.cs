using System.CommandLine;
using DelGrad.Effects.Runtimes;
using DelGrad.Effects.Traits;
using DelGrad.Effects.Training;
using LanguageExt;
using static LanguageExt.Prelude;

namespace DelGrad.Cli;

/// <summary>The command tree of <c>delgrad</c>. Exit codes: 0 success, 1 a check failed, 2 bad input.</summary>
internal static class Commands
{
    public const int Ok = 0;
    public const int CheckFailed = 1;
    public const int BadInput = 2;

    /// <summary>Runs with a non-interactive live runtime writing to <paramref name="stdout"/> (tests, embedding).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        Run(args, LiveRuntime.New(stdout, interactive: false), stdout, stderr);

    public static int Run(string[] args, LiveRuntime runtime, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("delgrad: train spiking networks with exact event-based gradients for weights and delays (DelGrad).");
        root.Subcommands.Add(CheckVectorsCommand.Create(runtime, stdout, stderr));
        root.Subcommands.Add(TrainCommands.Train(runtime, stdout, stderr));
        root.Subcommands.Add(TrainCommands.Resume(runtime, stderr));
        root.Subcommands.Add(TrainCommands.Eval(runtime, stdout, stderr));
        root.Subcommands.Add(DatasetCommand.Create(runtime, stdout));
        root.Subcommands.Add(PlotSweepCommand.Create(runtime, stdout));
        root.Subcommands.Add(PlotCommand.Create(runtime, stdout));
        root.Subcommands.Add(SweepCommand.Create(runtime, stdout, stderr));
        root.Subcommands.Add(EvalChipCommand.Create(runtime, stdout, stderr));
        root.Subcommands.Add(ReportCommand.Create(runtime, stdout));
        root.Subcommands.Add(StatusCommand.Create(runtime, stdout, stderr));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors)
            {
                stderr.WriteLine("error: " + e.Message);
            }

            stderr.WriteLine("Run 'delgrad --help' for usage.");
            return BadInput;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (CliException e)
        {
            WriteError(stderr, e.Message);
            return e.ExitCode;
        }
    }

    /// <summary>
    /// Runs an effect on the live runtime, then <paramref name="onSuccess"/> with its result; Ctrl+C cancels it
    /// between epochs. Failures: one line, exit 2.
    /// </summary>
    public static int RunEffect<A>(Eff<LiveRuntime, A> effect, LiveRuntime runtime, TextWriter stderr, Action<A>? onSuccess = null)
    {
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            runtime.CancellationTokenSource.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return effect.Run(runtime).Match(
                a =>
                {
                    onSuccess?.Invoke(a);
                    return Ok;
                },
                e =>
            {
                WriteError(stderr, e.Message);
                return BadInput;
            });
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Writes a failure: one line per problem, each starting "error: ".</summary>
    public static void WriteError(TextWriter stderr, string message)
    {
        foreach (var line in message.Split('\n'))
        {
            stderr.WriteLine("error: " + line.TrimEnd('\r'));
        }
    }

    /// <summary>Writes the file an option names: its directory must exist (named after <paramref name="option"/> when not), then as <see cref="Write"/>.</summary>
    public static void WriteOutput(LiveRuntime runtime, string option, string path, byte[] bytes)
    {
        try
        {
            string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (dir != null && !Exists(runtime, Files<LiveRuntime>.DirectoryExists(dir)))
            {
                throw new CliException($"{option}: directory {dir} does not exist");
            }

            Write(runtime, path, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{path}: cannot write: {e.Message}");
        }
    }

    /// <summary>
    /// Reads a text file through the runtime (at most <see cref="FilesIO.MaxReadBytes"/>, so <c>train /dev/zero</c>
    /// fails at once), or fails with one line naming it.
    /// </summary>
    public static string Read(LiveRuntime runtime, string path) =>
        Files<LiveRuntime>.ReadAllText(path).Run(runtime).Match(text => text, e => throw new CliException(e.Message));

    /// <summary>Asks the runtime whether a file or directory exists, or fails with one line naming it.</summary>
    public static bool Exists(LiveRuntime runtime, Eff<LiveRuntime, bool> question) =>
        question.Run(runtime).Match(answer => answer, e => throw new CliException(e.Message));

    /// <summary>The runtime's clock (local time): the time stamp of default run and sweep folders (<see cref="DelGrad.Training.RunPaths"/>).</summary>
    public static DateTime Now(LiveRuntime runtime) =>
        Clock<LiveRuntime>.Now.Run(runtime).Match(now => now.DateTime, e => throw new CliException(e.Message));

    /// <summary>Locks the run folder <paramref name="dir"/> for this process; one line when another process uses it.</summary>
    public static RunLock Lock(string dir)
    {
        try
        {
            return RunLock.Acquire(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(e.Message.StartsWith(dir, StringComparison.Ordinal) ? e.Message : $"{dir}: cannot use as a run folder: {e.Message}");
        }
    }

    /// <summary>Writes a file atomically through the runtime, or fails with one line naming it.</summary>
    public static void Write(LiveRuntime runtime, string path, byte[] bytes) =>
        Files<LiveRuntime>.WriteBytes(path, bytes).Run(runtime).Match(_ => unit, e => throw new CliException(e.Message));
}

/// <summary>A user-facing failure: one line, an exit code, no stack trace.</summary>
internal sealed class CliException(string message, int exitCode = Commands.BadInput) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
