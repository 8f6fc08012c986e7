using System.Globalization;

namespace DelGrad.Training;

/// <summary>
/// The one place that names runs and places them: a run's name becomes part of a folder name, so it must be a
/// plain file name (no separators, no "..", not rooted), and every folder made from it must stay inside the
/// folder the user chose (<c>runs/</c> or <c>--out</c>).
/// </summary>
public static class RunPaths
{
    /// <summary>Longest accepted run name (it is part of folder names).</summary>
    public const int MaxNameLength = 100;

    /// <summary>The folder default run folders go into.</summary>
    public const string DefaultFolder = "runs";

    /// <summary>Why <paramref name="name"/> cannot name a run (null when it can): letters, digits and <c>- _ . +</c>, not starting with '.'.</summary>
    public static string? NameProblem(string name)
    {
        if (name.Length == 0 || name.Length > MaxNameLength)
        {
            return $"must have 1 to {MaxNameLength} characters, got {name.Length}";
        }

        if (name[0] == '.' || !name.All(IsNameChar))
        {
            return $"must be a plain name (letters, digits, '-', '_', '.', '+'; not starting with '.'), since it names the run's folder; got \"{name}\"";
        }

        return null;
    }

    /// <summary>The run name a config file without a <c>name</c> gets: its file name without extension, made safe.</summary>
    public static string NameFromFile(string fileName)
    {
        string stem = Path.GetFileNameWithoutExtension(fileName).Replace(".delgrad", "", StringComparison.Ordinal);
        string safe = new(stem.Select(c => IsNameChar(c) ? c : '_').Take(MaxNameLength).ToArray());
        return safe.Length == 0 || safe[0] == '.' ? "run" + safe : safe;
    }

    /// <summary>The default folder of a single run: <c>runs/&lt;name&gt;-seed&lt;S&gt;-&lt;time&gt;</c>.</summary>
    public static string DefaultRunDirectory(string name, int seed, DateTime time) =>
        Child(DefaultFolder, string.Create(CultureInfo.InvariantCulture, $"{name}-seed{seed}-{time:yyyyMMdd-HHmmss}"));

    /// <summary>The default folder of a multi-seed run: <c>runs/&lt;name&gt;-seeds&lt;ranges&gt;-&lt;time&gt;</c>.</summary>
    public static string DefaultSeedsDirectory(string name, string seedRanges, DateTime time) =>
        Child(DefaultFolder, string.Create(CultureInfo.InvariantCulture, $"{name}-seeds{seedRanges}-{time:yyyyMMdd-HHmmss}"));

    /// <summary>The default folder of a sweep: <c>runs/sweep-&lt;names&gt;-&lt;key&gt;-&lt;time&gt;</c>.</summary>
    public static string DefaultSweepDirectory(string names, string key, DateTime time) =>
        Child(DefaultFolder, string.Create(CultureInfo.InvariantCulture, $"sweep-{names}-{key}-{time:yyyyMMdd-HHmmss}"));

    /// <summary>Where seed <paramref name="seed"/> of <paramref name="name"/> runs under <paramref name="folder"/>.</summary>
    public static string SeedRunDirectory(string folder, string name, int seed) => Child(folder, SeedRunName(name, seed));

    /// <summary>The folder name of seed <paramref name="seed"/> of <paramref name="name"/> inside a multi-seed folder: <c>&lt;name&gt;-seed&lt;S&gt;</c>.</summary>
    public static string SeedRunName(string name, int seed) => string.Create(CultureInfo.InvariantCulture, $"{name}-seed{seed}");

    /// <summary>
    /// <paramref name="folder"/>/<paramref name="leaf"/>, guarded: <paramref name="leaf"/> must be one plain path
    /// segment, so the result never leaves <paramref name="folder"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="leaf"/> is rooted, empty, contains a separator or is "." or "..".</exception>
    public static string Child(string folder, string leaf)
    {
        if (leaf.Length == 0 || leaf is "." or ".." || Path.IsPathRooted(leaf) || leaf.IndexOfAny(['/', '\\', Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar, '\0']) >= 0)
        {
            throw new ArgumentException($"'{leaf}' would leave the folder {folder}; a run name must be a plain name", nameof(leaf));
        }

        return Path.Combine(folder, leaf);
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '+';
}
