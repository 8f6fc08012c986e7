using DelGrad.Effects.Runtimes;

namespace DelGrad.Cli;

/// <summary>Entry point of the <c>delgrad</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line; the only place that chooses the live runtime.</summary>
    public static int Main(string[] args)
    {
        bool terminal = !Console.IsOutputRedirected;
        return Commands.Run(args, LiveRuntime.New(Console.Out, terminal, terminal ? TerminalColumns() : 0), Console.Out, Console.Error);
    }

    // The status line must not wrap, or each update would start a new line; 0 when the width is unknown.
    private static int TerminalColumns()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException)
        {
            return 0;
        }
    }
}
