using System.CommandLine;

namespace DelGrad.Cli;

/// <summary>The command tree of <c>delgrad</c>. Exit codes: 0 success, 1 a check failed, 2 bad input.</summary>
internal static class Commands
{
    public const int Ok = 0;
    public const int CheckFailed = 1;
    public const int BadInput = 2;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("delgrad: train spiking networks with exact event-based gradients for weights and delays (DelGrad).");
        root.Subcommands.Add(CheckVectorsCommand.Create(stdout, stderr));
        root.Subcommands.Add(TrainCommands.Train(stdout, stderr));
        root.Subcommands.Add(TrainCommands.Resume(stdout, stderr));
        root.Subcommands.Add(TrainCommands.Eval(stdout, stderr));
        root.Subcommands.Add(DatasetCommand.Create(stdout, stderr));
        root.Subcommands.Add(PlotSweepCommand.Create(stdout, stderr));
        root.Subcommands.Add(SweepCommand.Create(stdout, stderr));
        root.Subcommands.Add(EvalChipCommand.Create(stdout, stderr));

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
            stderr.WriteLine("error: " + e.Message);
            return e.ExitCode;
        }
    }
}

/// <summary>A user-facing failure: one line, an exit code, no stack trace.</summary>
internal sealed class CliException(string message, int exitCode = Commands.BadInput) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
