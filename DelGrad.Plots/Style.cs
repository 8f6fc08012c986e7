using ScottPlot;

namespace DelGrad.Plots;

/// <summary>The house style: sizes, fonts and axes shared by every chart, so a set of figures looks like one paper's.</summary>
public static class Style
{
    /// <summary>Default logical width.</summary>
    public const int Width = 800;

    /// <summary>Default logical height.</summary>
    public const int Height = 500;

    /// <summary>A new plot with the title and axis labels set in the house fonts and light grid lines.</summary>
    /// <param name="title">Title (empty for none).</param>
    /// <param name="xLabel">X axis label, with its unit in brackets.</param>
    /// <param name="yLabel">Y axis label, with its unit in brackets.</param>
    /// <returns>The plot.</returns>
    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        if (title.Length > 0)
        {
            plot.Title(title, 18);
            plot.Axes.Title.Label.Bold = true;
        }

        plot.XLabel(xLabel, 15);
        plot.YLabel(yLabel, 15);
        plot.Axes.Bottom.Label.Bold = false;
        plot.Axes.Left.Label.Bold = false;
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.TickLabelStyle.FontSize = 13;
        }

        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.08);
        plot.Legend.FontSize = 13;
        return plot;
    }

    /// <summary>
    /// Makes the left axis logarithmic for values already transformed with <see cref="Math.Log10"/> that span
    /// [<paramref name="min"/>, <paramref name="max"/>] (data units): labelled ticks at 1, 2 and 5 times the powers
    /// of ten when the data span less than two decades (so a short curve still has several labels), else at the
    /// powers of ten only, and unlabelled minor ticks at the other integer multiples (ScottPlot has no log axis).
    /// </summary>
    /// <param name="plot">The plot.</param>
    /// <param name="min">Smallest positive value shown.</param>
    /// <param name="max">Largest value shown.</param>
    public static void LogY(Plot plot, double min, double max)
    {
        if (!(min > 0) || !(max >= min))
        {
            (min, max) = (0.1, 10);
        }

        int low = (int)Math.Floor(Math.Log10(min)), high = (int)Math.Ceiling(Math.Log10(max));
        bool dense = high - low <= 2;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int k = low; k <= high; k++)
        {
            for (int m = 1; m <= 9; m++)
            {
                double v = m * Math.Pow(10, k);
                if (m == 1 || (dense && m is 2 or 5))
                {
                    ticks.AddMajor(Math.Log10(v), v.ToString(k is >= -4 and <= 4 ? "0.#####" : "0e0", System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    ticks.AddMinor(Math.Log10(v));
                }
            }
        }

        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.SetLimitsY(Math.Log10(min) - 0.05, Math.Log10(max) + 0.05);
    }
}
