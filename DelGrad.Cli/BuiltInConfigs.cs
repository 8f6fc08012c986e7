using DelGrad.Effects.Runtimes;
using DelGrad.Effects.Traits;

namespace DelGrad.Cli;

/// <summary>The reference experiment configs shipped inside the tool (configs/*.json).</summary>
internal static class BuiltInConfigs
{
    public const string Default = "yinyang-h30-ws";

    public static IReadOnlyList<string> Names =>
        typeof(BuiltInConfigs).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("configs/", StringComparison.Ordinal))
            .Select(n => Path.GetFileNameWithoutExtension(n))
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>A path to an existing file, or the name of a built-in config: (text, file name for messages).</summary>
    public static (string Text, string FileName) Resolve(LiveRuntime runtime, string? nameOrPath)
    {
        string name = string.IsNullOrEmpty(nameOrPath) ? Default : nameOrPath;
        if (Files<LiveRuntime>.FileExists(name).Run(runtime).Match(exists => exists, e => throw new CliException(e.Message)))
        {
            return (Commands.Read(runtime, name), name);
        }

        string key = "configs/" + Path.GetFileNameWithoutExtension(name) + ".json";
        using var stream = typeof(BuiltInConfigs).Assembly.GetManifestResourceStream(key);
        if (stream == null || name.Contains('/') || name.Contains('\\'))
        {
            throw new CliException($"config: '{name}' is neither a file nor a built-in config (built-in: {string.Join(", ", Names)})");
        }

        using var reader = new StreamReader(stream);
        return (reader.ReadToEnd(), key);
    }
}
