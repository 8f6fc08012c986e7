using ScottPlot;

namespace DelGrad.Plots;

/// <summary>A line chart of named series (learning curves, sweeps).</summary>
/// <param name="Title">Title.</param>
/// <param name="XLabel">X axis label with unit.</param>
/// <param name="YLabel">Y axis label with unit.</param>
/// <param name="Series">The lines, coloured in palette order.</param>
public sealed record LineChart(string Title, string XLabel, string YLabel, IReadOnlyList<LineSeries> Series) : IChart
{
    /// <summary>Logarithmic y axis.</summary>
    public bool LogY { get; init; }

    /// <summary>Fixed y range (in data units, also with <see cref="LogY"/>); automatic when null.</summary>
    public AxisRange? YRange { get; init; }

    /// <summary>Fixed x range; automatic when null.</summary>
    public AxisRange? XRange { get; init; }

    /// <summary>Where the legend goes inside the data area.</summary>
    public Alignment Legend { get; init; } = Alignment.UpperRight;

    /// <summary>Logical width.</summary>
    public int Width { get; init; } = Style.Width;

    /// <summary>Logical height.</summary>
    public int Height { get; init; } = Style.Height;

    /// <inheritdoc/>
    public Figure ToFigure()
    {
        var plot = Style.NewPlot(Title, XLabel, YLabel);
        for (int s = 0; s < Series.Count; s++)
        {
            var series = Series[s];
            var points = Enumerable.Range(0, Math.Min(series.X.Count, series.Y.Count))
                .Select(i => (X: series.X[i], Y: series.Y[i]))
                .Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y) && (!LogY || p.Y > 0))
                .ToArray();
            var line = plot.Add.ScatterLine(points.Select(p => p.X).ToArray(), points.Select(p => LogY ? Math.Log10(p.Y) : p.Y).ToArray(), Palette.Get(series.Colour ?? s));
            line.LegendText = series.Name;
            line.LineWidth = 2;
            line.LinePattern = series.Dashed ? LinePattern.Dashed : LinePattern.Solid;
            if (series.Markers || points.Length == 1)
            {
                line.MarkerShape = MarkerShape.FilledCircle;
                line.MarkerSize = 7;
            }
        }

        if (LogY)
        {
            var positive = Series.SelectMany(s => s.Y).Where(v => v > 0 && double.IsFinite(v)).DefaultIfEmpty(1).ToArray();
            Style.LogY(plot, YRange?.Min ?? positive.Min(), YRange?.Max ?? positive.Max());
        }

        if (YRange is { } y && !LogY)
        {
            plot.Axes.SetLimitsY(y.Min, y.Max);
        }

        if (XRange is { } x)
        {
            plot.Axes.SetLimitsX(x.Min, x.Max);
        }

        if (Series.Count > 0)
        {
            plot.ShowLegend(Legend);
        }

        return new Figure(plot, Width, Height);
    }
}
