using ScottPlot;

namespace DelGrad.Plots;

/// <summary>Class names and colours shared by the Yin-Yang charts, so a class looks the same in each.</summary>
public static class ClassColours
{
    /// <summary>The Yin-Yang classes by index.</summary>
    public static IReadOnlyList<string> YinYangNames { get; } = ["yin", "yang", "dot"];

    /// <summary>The digits' names, 0 to 9.</summary>
    public static IReadOnlyList<string> DigitNames { get; } = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    /// <summary>The class names of a data set.</summary>
    /// <param name="data">The data options.</param>
    /// <returns>Yin-Yang's names or the digits.</returns>
    public static IReadOnlyList<string> Names(DelGrad.Training.DataOptions data) => data.IsYinYang ? YinYangNames : DigitNames;

    /// <summary>The name of class <paramref name="k"/> among <paramref name="names"/>, or "class k".</summary>
    /// <param name="names">Known names.</param>
    /// <param name="k">Class index.</param>
    /// <returns>The name.</returns>
    public static string Name(IReadOnlyList<string> names, int k) => k >= 0 && k < names.Count ? names[k] : $"class {k}";

    /// <summary>A colour map over class indices 0..classes-1 (normalised to [0, 1]) in lightened palette colours, for area fills.</summary>
    /// <param name="classes">Number of classes.</param>
    /// <returns>The colour map.</returns>
    public static IColormap Areas(int classes) =>
        new ScottPlot.Colormaps.CustomPalette(Enumerable.Range(0, Math.Max(classes, 1)).Select(k => Palette.Get(k).Lighten(0.6)).ToArray(), "classes");
}
