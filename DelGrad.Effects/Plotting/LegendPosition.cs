namespace DelGrad.Effects.Plotting;

/// <summary>Where a chart legend is placed inside the plot area.</summary>
public enum LegendPosition
{
    /// <summary>The corner that covers the fewest already drawn data pixels.</summary>
    Auto,

    /// <summary>Top-right corner.</summary>
    TopRight,

    /// <summary>Top-left corner.</summary>
    TopLeft,

    /// <summary>Bottom-right corner.</summary>
    BottomRight,

    /// <summary>Bottom-left corner.</summary>
    BottomLeft,

    /// <summary>No legend.</summary>
    None,
}
