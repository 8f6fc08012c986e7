using DelGrad.Effects.Runtimes;
using DelGrad.Effects.Traits;
using DelGrad.Training;
using DelGrad.Serialization;

namespace DelGrad.Cli;

/// <summary>The reference experiment configs (configs/*.json), embedded once in DelGrad.Pure (<c>ExperimentConfig.BuiltIn</c>).</summary>
internal static class BuiltInConfigs
{
    public const string Default = ExperimentConfig.DefaultBuiltIn;

    public static IReadOnlyList<string> Names => ExperimentConfig.BuiltInNames;

    /// <summary>A path to an existing file, or the name of a built-in config: (text, file name for messages).</summary>
    public static (string Text, string FileName) Resolve(LiveRuntime runtime, string? nameOrPath)
    {
        string name = string.IsNullOrEmpty(nameOrPath) ? Default : nameOrPath;
        if (Commands.Exists(runtime, Files<LiveRuntime>.FileExists(name)))
        {
            return (Commands.Read(runtime, name), name);
        }

        string key = Path.GetFileNameWithoutExtension(name);
        string? text = name.Contains('/') || name.Contains('\\') ? null : ExperimentConfig.BuiltInText(key);
        return text == null
            ? throw new CliException($"config: '{name}' is neither a file nor a built-in config (built-in: {string.Join(", ", Names)})")
            : (text, ExperimentConfig.BuiltInFileName(key));
    }
}
