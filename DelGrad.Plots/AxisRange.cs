namespace DelGrad.Plots;

/// <summary>A fixed axis range.</summary>
/// <param name="Min">Lower end.</param>
/// <param name="Max">Upper end.</param>
public readonly record struct AxisRange(double Min, double Max)
{
    /// <summary>[0, 1].</summary>
    public static AxisRange Unit => new(0, 1);
}
