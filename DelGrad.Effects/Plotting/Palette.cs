namespace DelGrad.Effects.Plotting;

/// <summary>The fixed, colour-blind friendly Okabe-Ito palette, reordered so the most distinct colours on white come first.</summary>
public static class Palette
{
    private static readonly Rgb[] Colours =
    [
        Rgb.FromHex(0x0072B2), // blue
        Rgb.FromHex(0xD55E00), // vermillion
        Rgb.FromHex(0x009E73), // bluish green
        Rgb.FromHex(0xE69F00), // orange
        Rgb.FromHex(0xCC79A7), // reddish purple
        Rgb.FromHex(0x56B4E9), // sky blue
        Rgb.FromHex(0xF0E442), // yellow
        Rgb.FromHex(0x000000), // black
    ];

    /// <summary>Number of distinct colours before the palette repeats.</summary>
    public static int Count => Colours.Length;

    /// <summary>The colour for series/class <paramref name="index"/> (wraps around; negative indices are mapped into range).</summary>
    /// <param name="index">Series or class index.</param>
    /// <returns>The palette colour.</returns>
    public static Rgb Get(int index)
    {
        int i = index % Colours.Length;
        if (i < 0) i += Colours.Length;
        return Colours[i];
    }
}
