namespace DelGrad.Cli;

/// <summary>Entry point of the <c>delgrad</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line; the only place that chooses live effects.</summary>
    public static int Main(string[] args) => Commands.Run(args, Console.Out, Console.Error);
}
