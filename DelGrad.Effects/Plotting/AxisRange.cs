namespace DelGrad.Effects.Plotting;

/// <summary>A fixed axis range [Min, Max] in data units.</summary>
/// <param name="Min">Lower bound.</param>
/// <param name="Max">Upper bound (should exceed <paramref name="Min"/>; degenerate ranges are widened when rendering).</param>
public readonly record struct AxisRange(double Min, double Max)
{
    /// <summary>The unit interval [0, 1] (the Yin-Yang data domain).</summary>
    public static AxisRange Unit => new(0, 1);
}
