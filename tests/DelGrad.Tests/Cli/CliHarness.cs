using DelGrad.Cli;

namespace DelGrad.Tests.Cli;

/// <summary>The command line run in-process, and shipped configs shrunk to a few hundred samples for quick runs.</summary>
internal static class CliHarness
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Commands.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>configs/<paramref name="name"/>.json with 300 training and 100 validation and test samples, written into <paramref name="folder"/>.</summary>
    public static string SmallConfig(string folder, string name)
    {
        string text = File.ReadAllText(Path.Combine(Data.ReferenceFiles.RepositoryRoot(), "configs", name + ".json"))
            .Replace("\"size\": 5000", "\"size\": 300", StringComparison.Ordinal)
            .Replace("\"size\": 1000", "\"size\": 100", StringComparison.Ordinal);
        string path = Path.Combine(folder, name + ".json");
        File.WriteAllText(path, text);
        return path;
    }
}
