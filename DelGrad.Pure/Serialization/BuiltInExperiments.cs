using DelGrad.Training;

namespace DelGrad.Serialization;

/// <summary>
/// The built-in experiments: the repository's <c>configs/*.json</c>, embedded in this library (the <c>delgrad</c> command
/// reads the same files). Reading them is parsing configs, so it lives with the formats; with <c>using DelGrad.Serialization;</c>
/// they read as <c>ExperimentConfig.BuiltIn(name)</c> and <c>ExperimentConfig.BuiltInNames</c>.
/// </summary>
public static class BuiltInExperiments
{
    private const string ResourcePrefix = "DelGrad.Configs.";

    private static readonly IReadOnlyList<string> Names =
        [.. typeof(BuiltInExperiments).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^".json".Length])
            .Order(StringComparer.Ordinal)];

    /// <summary>The built-in experiments as members of <see cref="ExperimentConfig"/>.</summary>
    extension(ExperimentConfig)
    {
        /// <summary>The names of the built-in experiments (<c>yinyang-h30-ws</c>, <c>yinyang-fastanddeep</c>, ...), sorted.</summary>
        public static IReadOnlyList<string> BuiltInNames => Names;

        /// <summary>The built-in experiment <paramref name="name"/>, exactly as <c>delgrad train NAME</c> trains it.</summary>
        /// <param name="name">One of <c>BuiltInNames</c>.</param>
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
            string text = BuiltInText(name) ?? throw new ArgumentException($"'{name}' is not a built-in config (built-in: {string.Join(", ", Names)})", nameof(name));
            return ConfigReader.Parse(text, BuiltInFileName(name)).Match(c => c, e => throw new InvalidOperationException(e.Message));
        }

        /// <summary>The JSON text of built-in config <paramref name="name"/> (to copy and edit), or null when there is none.</summary>
        /// <param name="name">One of <c>BuiltInNames</c>.</param>
        /// <returns>The text of <c>configs/NAME.json</c>.</returns>
        public static string? BuiltInText(string name)
        {
            if (!Names.Contains(name, StringComparer.Ordinal))
            {
                return null;
            }

            using var stream = typeof(BuiltInExperiments).Assembly.GetManifestResourceStream(ResourcePrefix + name + ".json")!;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        /// <summary>The file name that messages about built-in config <paramref name="name"/> give: <c>configs/NAME.json</c>.</summary>
        /// <param name="name">A built-in config's name.</param>
        /// <returns>The file name.</returns>
        public static string BuiltInFileName(string name) => "configs/" + name + ".json";
    }
}
