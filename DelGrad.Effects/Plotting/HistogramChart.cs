namespace DelGrad.Effects.Plotting;

/// <summary>
/// A histogram of one or more named series over common bins. Every series is drawn as a translucent fill plus an opaque
/// step outline, outlines on top, so overlapping series stay visible. Ignored NaN/inf values are reported in the legend.
/// </summary>
/// <param name="Title">Chart title.</param>
/// <param name="XLabel">X axis title.</param>
/// <param name="Series">The series.</param>
public sealed record HistogramChart(string Title, string XLabel, IReadOnlyList<HistogramSeries> Series) : IChart
{
    /// <summary>Number of bins.</summary>
    public int Bins { get; init; } = 20;

    /// <summary>Fixed binning range; automatic (finite data extent) when null.</summary>
    public AxisRange? Range { get; init; }

    /// <summary>Y axis title.</summary>
    public string YLabel { get; init; } = "count";

    /// <summary>Image width in pixels.</summary>
    public int Width { get; init; } = 640;

    /// <summary>Image height in pixels.</summary>
    public int Height { get; init; } = 420;

    /// <summary>Optional grey subtitle below the title.</summary>
    public string? Subtitle { get; init; }

    /// <summary>Legend placement.</summary>
    public LegendPosition Legend { get; init; } = LegendPosition.Auto;

    /// <inheritdoc/>
    public byte[] ToPng() => ToCanvas().ToPng();

    /// <inheritdoc/>
    public Canvas ToCanvas()
    {
        var canvas = new Canvas(Math.Max(Width, 64), Math.Max(Height, 64));
        var series = Series ?? [];
        var range = Range ?? NiceRange(series);
        var bins = HistogramBinning.Compute(series, Bins, range);
        int maxCount = bins.Counts.SelectMany(c => c).DefaultIfEmpty(0).Max();
        var frame = PlotFrame.Create(canvas, Title ?? "", Subtitle, XLabel ?? "", YLabel ?? "",
            k => Axis.Create(bins.Min, bins.Max, false, new AxisRange(bins.Min, bins.Max), k),
            k => Axis.Create(0, Math.Max(1, maxCount), false, null, k, integerSteps: true));

        int nb = bins.Bins;
        double binWidth = (bins.Max - bins.Min) / nb;
        double Edge(int k) => frame.PixelX(bins.Min + (k * binWidth));

        // Translucent fills first ...
        for (int si = 0; si < series.Count; si++)
        {
            var colour = Palette.Get(si);
            double alpha = series.Count == 1 ? 0.45 : 0.25;
            for (int k = 0; k < nb; k++)
            {
                int count = bins.Counts[si][k];
                if (count == 0) continue;
                int x0 = (int)Math.Round(Edge(k)), x1 = (int)Math.Round(Edge(k + 1));
                int y0 = (int)Math.Round(frame.PixelY(count));
                y0 = Math.Max(y0, frame.Top);
                canvas.FillRect(x0, y0, Math.Max(1, x1 - x0), frame.Bottom - y0 + 1, colour, alpha);
            }
        }

        // ... then step outlines on top, so every series remains visible where they overlap.
        for (int si = 0; si < series.Count; si++)
        {
            var colour = Palette.Get(si);
            int dash = si % 2 == 1 ? 5 : 0;
            double prevY = frame.PixelY(0);
            int phase = 0;
            for (int k = 0; k < nb; k++)
            {
                double y = frame.PixelY(bins.Counts[si][k]);
                phase = frame.PixelLine(Edge(k), prevY, Edge(k), y, colour, 2, dash, phase);
                phase = frame.PixelLine(Edge(k), y, Edge(k + 1), y, colour, 2, dash, phase);
                prevY = y;
            }

            frame.PixelLine(Edge(nb), prevY, Edge(nb), frame.PixelY(0), colour, 2, dash, phase);
        }

        if (series.All(s => (s.Values?.Count ?? 0) == 0)) frame.DrawNoData();
        frame.DrawBorder();
        var entries = new List<LegendEntry>();
        for (int si = 0; si < series.Count; si++)
        {
            int finite = bins.Counts[si].Sum();
            string label = $"{series[si].Name} (n={finite}, silent/inf: {bins.NonFinite[si]}";
            if (bins.OutOfRange[si] > 0) label += $", out of range: {bins.OutOfRange[si]}";
            entries.Add(new LegendEntry(label + ")", Palette.Get(si), LegendSwatch.Box));
        }

        Plotting.Legend.Draw(frame, entries, Legend);
        return canvas;
    }

    // Auto range: the nice-tick extent of all finite values, so bin edges and axis ends are round numbers.
    private static AxisRange NiceRange(IReadOnlyList<HistogramSeries> series)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var s in series)
        {
            foreach (double v in s.Values ?? [])
            {
                if (!double.IsFinite(v)) continue;
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
        }

        var ticks = NiceTicks.Linear(lo, hi, 8);
        return new AxisRange(ticks[0], ticks[^1]);
    }
}
