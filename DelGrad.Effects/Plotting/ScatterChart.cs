namespace DelGrad.Effects.Plotting;

/// <summary>A scatter chart of class-coloured points with optional error markers (e.g. Yin-Yang predictions).</summary>
/// <param name="Title">Chart title.</param>
/// <param name="XLabel">X axis title.</param>
/// <param name="YLabel">Y axis title.</param>
/// <param name="Points">The points; non-finite ones are skipped.</param>
/// <param name="ClassNames">Legend names of classes 0, 1, ...; unnamed classes appear as "class k".</param>
public sealed record ScatterChart(string Title, string XLabel, string YLabel, IReadOnlyList<ScatterPoint> Points, IReadOnlyList<string> ClassNames) : IChart
{
    /// <summary>Image width in pixels.</summary>
    public int Width { get; init; } = 520;

    /// <summary>Image height in pixels.</summary>
    public int Height { get; init; } = 500;

    /// <summary>Optional grey subtitle below the title.</summary>
    public string? Subtitle { get; init; }

    /// <summary>Fixed x range (e.g. <see cref="AxisRange.Unit"/>); automatic when null.</summary>
    public AxisRange? XRange { get; init; }

    /// <summary>Fixed y range (e.g. <see cref="AxisRange.Unit"/>); automatic when null.</summary>
    public AxisRange? YRange { get; init; }

    /// <summary>Marker radius in pixels.</summary>
    public int MarkerRadius { get; init; } = 3;

    /// <summary>Legend label of the error marker.</summary>
    public string ErrorLabel { get; init; } = "error";

    /// <summary>Legend placement.</summary>
    public LegendPosition Legend { get; init; } = LegendPosition.Auto;

    /// <inheritdoc/>
    public byte[] ToPng() => ToCanvas().ToPng();

    /// <inheritdoc/>
    public Canvas ToCanvas()
    {
        var canvas = new Canvas(Math.Max(Width, 64), Math.Max(Height, 64));
        var points = Points ?? [];
        var names = ClassNames ?? [];
        double xmin = double.PositiveInfinity, xmax = double.NegativeInfinity, ymin = double.PositiveInfinity, ymax = double.NegativeInfinity;
        int maxClass = names.Count - 1;
        bool anyError = false;
        foreach (var p in points)
        {
            if (!double.IsFinite(p.X) || !double.IsFinite(p.Y)) continue;
            xmin = Math.Min(xmin, p.X);
            xmax = Math.Max(xmax, p.X);
            ymin = Math.Min(ymin, p.Y);
            ymax = Math.Max(ymax, p.Y);
            maxClass = Math.Max(maxClass, p.Class);
            anyError |= p.IsError;
        }

        var frame = PlotFrame.Create(canvas, Title ?? "", Subtitle, XLabel ?? "", YLabel ?? "",
            k => Axis.Create(xmin, xmax, false, XRange, k),
            k => Axis.Create(ymin, ymax, false, YRange, k));

        int r = Math.Clamp(MarkerRadius, 0, 20);
        var visible = new List<(int X, int Y, ScatterPoint P)>();
        foreach (var p in points)
        {
            if (!double.IsFinite(p.X) || !double.IsFinite(p.Y)) continue;
            double px = frame.PixelX(p.X), py = frame.PixelY(p.Y);
            if (!frame.InsidePlot(px, py)) continue;
            visible.Add(((int)Math.Round(px), (int)Math.Round(py), p));
        }

        foreach (var (x, y, p) in visible) canvas.FillCircle(x, y, r, Palette.Get(p.Class));
        foreach (var (x, y, p) in visible)
        {
            if (p.IsError) canvas.DrawCross(x, y, r + 1, Rgb.Black, 2);
        }

        if (visible.Count == 0) frame.DrawNoData();
        frame.DrawBorder();
        var entries = new List<LegendEntry>();
        for (int k = 0; k <= Math.Min(maxClass, 63); k++)
        {
            entries.Add(new LegendEntry(k < names.Count ? names[k] ?? "" : $"class {k}", Palette.Get(k), LegendSwatch.Disc));
        }

        if (anyError) entries.Add(new LegendEntry(ErrorLabel ?? "error", Rgb.Black, LegendSwatch.Cross));
        Plotting.Legend.Draw(frame, entries, Legend);
        return canvas;
    }
}
