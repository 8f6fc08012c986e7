using DelGrad.Effects.Runtimes;

namespace DelGrad.Cli;

/// <summary>Entry point of the <c>delgrad</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line; the only place that chooses the live runtime.</summary>
    public static int Main(string[] args) =>
        Commands.Run(args, LiveRuntime.New(Console.Out, interactive: !Console.IsOutputRedirected), Console.Out, Console.Error);
}
