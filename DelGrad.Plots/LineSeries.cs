namespace DelGrad.Plots;

/// <summary>A named line; points with a non-finite coordinate (or y &lt;= 0 on a log axis) are left out.</summary>
/// <param name="Name">Legend label.</param>
/// <param name="X">X coordinates.</param>
/// <param name="Y">Y coordinates (the first min(|X|, |Y|) points are used).</param>
public sealed record LineSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    /// <summary>Draw the line dashed.</summary>
    public bool Dashed { get; init; }

    /// <summary>Draw a marker at every point.</summary>
    public bool Markers { get; init; }

    /// <summary>Palette index of the colour; null takes the series' position.</summary>
    public int? Colour { get; init; }
}
