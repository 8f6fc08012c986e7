using System.Globalization;
using ScottPlot;

namespace DelGrad.Plots;

/// <summary>
/// Histograms of named series over common bins, drawn as translucent fills under solid step outlines so overlapping
/// series stay visible. The legend gives each series' size, and, only where there are any, how many values were
/// not finite (<see cref="NonFiniteLabel"/>, e.g. silent neurons) or outside a fixed <see cref="Range"/>.
/// </summary>
/// <param name="Title">Title.</param>
/// <param name="XLabel">X axis label with unit.</param>
/// <param name="Series">The samples.</param>
public sealed record HistogramChart(string Title, string XLabel, IReadOnlyList<HistogramSeries> Series) : IChart
{
    /// <summary>Number of bins.</summary>
    public int Bins { get; init; } = 40;

    /// <summary>Binning range; the finite data's extent when null.</summary>
    public AxisRange? Range { get; init; }

    /// <summary>Y axis label.</summary>
    public string YLabel { get; init; } = "count";

    /// <summary>What the legend calls non-finite values (they are counted only where there are some).</summary>
    public string NonFiniteLabel { get; init; } = "silent";

    /// <summary>Logical width.</summary>
    public int Width { get; init; } = Style.Width;

    /// <summary>Logical height.</summary>
    public int Height { get; init; } = Style.Height;

    /// <inheritdoc/>
    public Figure ToFigure()
    {
        var plot = Style.NewPlot(Title, XLabel, YLabel);
        var finite = Series.SelectMany(s => s.Values).Where(double.IsFinite).ToArray();
        var (lo, hi) = Range is { } r ? (r.Min, r.Max) : finite.Length == 0 ? (0.0, 1.0) : (finite.Min(), finite.Max());
        if (!(hi > lo))
        {
            (lo, hi) = (lo - 0.5, hi + 0.5);
        }

        int bins = Math.Clamp(Bins, 1, 1000);
        double width = (hi - lo) / bins;
        for (int s = 0; s < Series.Count; s++)
        {
            var counts = new double[bins];
            int nonFinite = 0, outside = 0;
            foreach (double v in Series[s].Values)
            {
                if (!double.IsFinite(v))
                {
                    nonFinite++;
                }
                else if (v < lo || v > hi)
                {
                    outside++;
                }
                else
                {
                    counts[Math.Min((int)((v - lo) / width), bins - 1)]++;
                }
            }

            var colour = Palette.Get(s);
            // A translucent fill under a solid step outline keeps every series readable where they overlap.
            var xs = new List<double> { lo };
            var ys = new List<double> { 0 };
            for (int k = 0; k < bins; k++)
            {
                xs.AddRange([lo + (k * width), lo + ((k + 1) * width)]);
                ys.AddRange([counts[k], counts[k]]);
            }

            xs.Add(hi);
            ys.Add(0);
            var outline = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), colour);
            outline.LineWidth = 2;
            outline.FillY = true;
            outline.FillYValue = 0;
            outline.FillYColor = colour.WithAlpha(Series.Count == 1 ? 0.5 : 0.25);
            outline.LegendText = Legend(Series[s].Name, Series[s].Values.Count - nonFinite - outside, nonFinite, outside);
        }

        // Head room for the legend, so it covers no bar.
        plot.Axes.Margins(0.03, 0.03, 0, 0.1 + (0.07 * Series.Count));
        if (Series.Count > 0)
        {
            plot.ShowLegend(Alignment.UpperRight);
        }

        return new Figure(plot, Width, Height);
    }

    private string Legend(string name, int binned, int nonFinite, int outside)
    {
        string text = string.Create(CultureInfo.InvariantCulture, $"{name} (n = {binned}");
        if (nonFinite > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", {NonFiniteLabel}: {nonFinite}");
        }

        if (outside > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", outside range: {outside}");
        }

        return text + ")";
    }
}
