namespace DelGrad.Effects.Plotting;

/// <summary>Pure rendering entry points: chart description in, PNG bytes out (writing files is the caller's job).</summary>
public static class ChartRenderer
{
    /// <summary>Renders a line chart.</summary>
    /// <param name="chart">The chart.</param>
    /// <returns>PNG bytes.</returns>
    public static byte[] Render(LineChart chart) => chart.ToPng();

    /// <summary>Renders a scatter chart.</summary>
    /// <param name="chart">The chart.</param>
    /// <returns>PNG bytes.</returns>
    public static byte[] Render(ScatterChart chart) => chart.ToPng();

    /// <summary>Renders a histogram.</summary>
    /// <param name="chart">The chart.</param>
    /// <returns>PNG bytes.</returns>
    public static byte[] Render(HistogramChart chart) => chart.ToPng();

    /// <summary>Renders a heatmap.</summary>
    /// <param name="chart">The chart.</param>
    /// <returns>PNG bytes.</returns>
    public static byte[] Render(HeatmapChart chart) => chart.ToPng();

    /// <summary>Renders any chart.</summary>
    /// <param name="chart">The chart.</param>
    /// <returns>PNG bytes.</returns>
    public static byte[] Render(IChart chart) => chart.ToPng();

    /// <summary>Renders several charts in a grid with <paramref name="columns"/> columns.</summary>
    /// <param name="columns">Number of columns.</param>
    /// <param name="charts">The charts.</param>
    /// <returns>PNG bytes.</returns>
    public static byte[] RenderGrid(int columns, params IChart[] charts) => ChartGrid.Render(columns, charts);
}
