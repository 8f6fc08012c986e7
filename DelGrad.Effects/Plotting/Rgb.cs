namespace DelGrad.Effects.Plotting;

/// <summary>An opaque 24-bit RGB colour.</summary>
/// <param name="R">Red channel.</param>
/// <param name="G">Green channel.</param>
/// <param name="B">Blue channel.</param>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>Pure white (the canvas background).</summary>
    public static Rgb White => new(255, 255, 255);

    /// <summary>Pure black.</summary>
    public static Rgb Black => new(0, 0, 0);

    /// <summary>Light grey used for grid lines.</summary>
    public static Rgb LightGrey => new(225, 225, 225);

    /// <summary>Medium grey used for secondary text.</summary>
    public static Rgb Grey => new(110, 110, 110);

    /// <summary>Creates a colour from a 0xRRGGBB integer.</summary>
    /// <param name="rgb">The packed colour.</param>
    /// <returns>The colour.</returns>
    public static Rgb FromHex(int rgb) => new((byte)((rgb >> 16) & 0xFF), (byte)((rgb >> 8) & 0xFF), (byte)(rgb & 0xFF));

    /// <summary>Linear interpolation from this colour (t = 0) to <paramref name="other"/> (t = 1); t is clamped to [0, 1].</summary>
    /// <param name="other">The target colour.</param>
    /// <param name="t">The interpolation parameter.</param>
    /// <returns>The mixed colour.</returns>
    public Rgb Lerp(Rgb other, double t)
    {
        if (double.IsNaN(t)) t = 0;
        t = Math.Clamp(t, 0.0, 1.0);
        static byte Mix(byte a, byte b, double t) => (byte)Math.Round(a + ((b - a) * t), MidpointRounding.AwayFromZero);
        return new Rgb(Mix(R, other.R, t), Mix(G, other.G, t), Mix(B, other.B, t));
    }

    /// <summary>Relative luminance in [0, 1] (Rec. 709 weights on the gamma-encoded channels; good enough for contrast choice).</summary>
    public double Luminance => ((0.2126 * R) + (0.7152 * G) + (0.0722 * B)) / 255.0;
}
