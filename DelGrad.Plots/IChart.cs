namespace DelGrad.Plots;

/// <summary>An immutable chart description that builds a fresh <see cref="Figure"/> each time it is asked.</summary>
public interface IChart
{
    /// <summary>Builds the figure.</summary>
    /// <returns>A new figure.</returns>
    Figure ToFigure();
}

/// <summary>Rendering shortcuts for every <see cref="IChart"/>.</summary>
public static class ChartRendering
{
    /// <summary>PNG bytes of the chart.</summary>
    /// <param name="chart">The chart.</param>
    /// <returns>The PNG file contents.</returns>
    public static byte[] ToPng(this IChart chart) => chart.ToFigure().ToPng();

    /// <summary>SVG text of the chart.</summary>
    /// <param name="chart">The chart.</param>
    /// <returns>The SVG document.</returns>
    public static string ToSvg(this IChart chart) => chart.ToFigure().ToSvg();
}
