namespace DelGrad.Effects.Plotting;

/// <summary>A line chart of several named series (e.g. loss and accuracy per epoch).</summary>
/// <param name="Title">Chart title.</param>
/// <param name="XLabel">X axis title.</param>
/// <param name="YLabel">Y axis title.</param>
/// <param name="Series">The series, coloured in palette order.</param>
public sealed record LineChart(string Title, string XLabel, string YLabel, IReadOnlyList<LineSeries> Series) : IChart
{
    /// <summary>Image width in pixels.</summary>
    public int Width { get; init; } = 640;

    /// <summary>Image height in pixels.</summary>
    public int Height { get; init; } = 420;

    /// <summary>Optional grey subtitle below the title.</summary>
    public string? Subtitle { get; init; }

    /// <summary>Logarithmic y axis (decade ticks); non-positive values are skipped.</summary>
    public bool LogY { get; init; }

    /// <summary>Fixed x range; automatic (nice-rounded data extent) when null.</summary>
    public AxisRange? XRange { get; init; }

    /// <summary>Fixed y range; automatic (nice-rounded data extent) when null.</summary>
    public AxisRange? YRange { get; init; }

    /// <summary>Legend placement.</summary>
    public LegendPosition Legend { get; init; } = LegendPosition.Auto;

    /// <summary>Line thickness in pixels (1..3).</summary>
    public int LineThickness { get; init; } = 2;

    /// <summary>Also draw a small disc at every point.</summary>
    public bool ShowMarkers { get; init; }

    /// <inheritdoc/>
    public byte[] ToPng() => ToCanvas().ToPng();

    /// <inheritdoc/>
    public Canvas ToCanvas()
    {
        var canvas = new Canvas(Math.Max(Width, 64), Math.Max(Height, 64));
        var series = Series ?? [];
        double xmin = double.PositiveInfinity, xmax = double.NegativeInfinity, ymin = double.PositiveInfinity, ymax = double.NegativeInfinity;
        foreach (var s in series)
        {
            int n = Count(s);
            for (int i = 0; i < n; i++)
            {
                double x = s.X[i], y = s.Y[i];
                if (!Valid(x, y)) continue;
                xmin = Math.Min(xmin, x);
                xmax = Math.Max(xmax, x);
                ymin = Math.Min(ymin, y);
                ymax = Math.Max(ymax, y);
            }
        }

        bool any = xmin <= xmax;
        var frame = PlotFrame.Create(canvas, Title ?? "", Subtitle, XLabel ?? "", YLabel ?? "",
            k => Axis.Create(xmin, xmax, false, XRange, k),
            k => Axis.Create(ymin, ymax, LogY, YRange, k));

        int thickness = Math.Clamp(LineThickness, 1, 3);
        for (int si = 0; si < series.Count; si++)
        {
            var s = series[si];
            var colour = Palette.Get(si);
            int n = Count(s);
            int dash = s.Dashed ? 6 : 0;
            int phase = 0;
            for (int i = 0; i < n; i++)
            {
                if (!Valid(s.X[i], s.Y[i])) continue;
                double px = frame.PixelX(s.X[i]), py = frame.PixelY(s.Y[i]);
                bool prev = i > 0 && Valid(s.X[i - 1], s.Y[i - 1]);
                bool next = i + 1 < n && Valid(s.X[i + 1], s.Y[i + 1]);
                if (prev) phase = frame.PixelLine(frame.PixelX(s.X[i - 1]), frame.PixelY(s.Y[i - 1]), px, py, colour, thickness, dash, phase);
                if ((ShowMarkers || (!prev && !next)) && frame.InsidePlot(px, py))
                {
                    canvas.FillCircle((int)Math.Round(px), (int)Math.Round(py), thickness + 1, colour);
                }
            }
        }

        if (!any) frame.DrawNoData();
        frame.DrawBorder();
        var entries = series.Select((s, i) => new LegendEntry(s.Name ?? "", Palette.Get(i), s.Dashed ? LegendSwatch.DashedLine : LegendSwatch.Line)).ToList();
        Plotting.Legend.Draw(frame, entries, Legend);
        return canvas;
    }

    private static int Count(LineSeries s) => Math.Min(s.X?.Count ?? 0, s.Y?.Count ?? 0);

    private bool Valid(double x, double y) => double.IsFinite(x) && double.IsFinite(y) && (!LogY || y > 0);
}
