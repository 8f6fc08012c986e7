namespace DelGrad.Cli;

/// <summary>How a Slurm task starts this same <c>delgrad</c>: the absolute path of the running tool, or <c>dotnet</c> and the absolute path of delgrad.dll.</summary>
internal static class DelgradHost
{
    public static IReadOnlyList<string> Current()
    {
        string? process = Environment.ProcessPath;
        string name = Path.GetFileNameWithoutExtension(process ?? "");
        if (process != null && name == "delgrad")
        {
            return [process];
        }

        // Run as `dotnet delgrad.dll` (or inside a test host): the same dotnet and the same dll.
        return [name == "dotnet" ? process! : "dotnet", typeof(DelgradHost).Assembly.Location];
    }
}
