using LanguageExt;

namespace DelGrad.Training;

/// <summary>The built-in experiments: the repository's <c>configs/*.json</c>, embedded in this library (the <c>delgrad</c> command reads the same files).</summary>
public sealed partial record ExperimentConfig
{
    private const string ResourcePrefix = "DelGrad.Configs.";

    /// <summary>The default experiment: 4-30-3 with synaptic delays on Yin-Yang.</summary>
    public const string DefaultBuiltIn = "yinyang-h30-ws";

    /// <summary>The names of the built-in experiments (<c>yinyang-h30-ws</c>, <c>yinyang-fastanddeep</c>, ...), sorted.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } =
        [.. typeof(ExperimentConfig).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^".json".Length])
            .Order(StringComparer.Ordinal)];

    /// <summary>The built-in experiment <paramref name="name"/>, exactly as <c>delgrad train NAME</c> trains it.</summary>
    /// <param name="name">One of <see cref="BuiltInNames"/>.</param>
    /// <returns>The parsed config.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not built in.</exception>
    /// <example>
    /// <code>
    /// var config = ExperimentConfig.BuiltIn("yinyang-h30-ws");
    /// config = config with { Training = config.Training with { Epochs = 20 } };
    /// </code>
    /// </example>
    public static ExperimentConfig BuiltIn(string name)
    {
        string text = BuiltInText(name) ?? throw new ArgumentException($"'{name}' is not a built-in config (built-in: {string.Join(", ", BuiltInNames)})", nameof(name));
        return ConfigReader.Parse(text, BuiltInFileName(name)).Match(c => c, e => throw new InvalidOperationException(e.Message));
    }

    /// <summary>The JSON text of built-in config <paramref name="name"/> (to copy and edit), or null when there is none.</summary>
    /// <param name="name">One of <see cref="BuiltInNames"/>.</param>
    /// <returns>The text of <c>configs/NAME.json</c>.</returns>
    public static string? BuiltInText(string name)
    {
        if (!BuiltInNames.Contains(name, StringComparer.Ordinal))
        {
            return null;
        }

        using var stream = typeof(ExperimentConfig).Assembly.GetManifestResourceStream(ResourcePrefix + name + ".json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The file name that messages about built-in config <paramref name="name"/> give: <c>configs/NAME.json</c>.</summary>
    /// <param name="name">A built-in config's name.</param>
    /// <returns>The file name.</returns>
    public static string BuiltInFileName(string name) => "configs/" + name + ".json";
}
