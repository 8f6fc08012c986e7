using ScottPlot;

namespace DelGrad.Plots;

/// <summary>The colour-blind friendly Okabe-Ito palette, most distinct colours on white first.</summary>
public static class Palette
{
    private static readonly Color[] Colours =
    [
        Color.FromHex("#0072B2"), // blue
        Color.FromHex("#D55E00"), // vermillion
        Color.FromHex("#009E73"), // bluish green
        Color.FromHex("#E69F00"), // orange
        Color.FromHex("#CC79A7"), // reddish purple
        Color.FromHex("#56B4E9"), // sky blue
        Color.FromHex("#000000"), // black
        Color.FromHex("#F0E442"), // yellow (last: hard to see on white)
    ];

    /// <summary>Number of distinct colours before the palette repeats.</summary>
    public static int Count => Colours.Length;

    /// <summary>The colour of series or class <paramref name="index"/> (wraps around).</summary>
    /// <param name="index">Series or class index.</param>
    /// <returns>The colour.</returns>
    public static Color Get(int index) => Colours[((index % Colours.Length) + Colours.Length) % Colours.Length];
}
