using System.Globalization;
using ScottPlot;

namespace DelGrad.Plots;

/// <summary>
/// A matrix of values as coloured cells with each value printed in its cell (a confusion matrix, a weight matrix):
/// rows top to bottom, columns left to right, white (lowest) to dark blue (highest), a colour bar on the right.
/// </summary>
/// <param name="Title">Title.</param>
/// <param name="Values">Values[row, column].</param>
/// <param name="RowLabels">One label per row.</param>
/// <param name="ColumnLabels">One label per column.</param>
public sealed record HeatmapChart(string Title, double[,] Values, IReadOnlyList<string> RowLabels, IReadOnlyList<string> ColumnLabels) : IChart
{
    /// <summary>Title of the rows' axis.</summary>
    public string RowTitle { get; init; } = "";

    /// <summary>Title of the columns' axis.</summary>
    public string ColumnTitle { get; init; } = "";

    /// <summary>Formats a cell's printed text from its row, column and value; null prints the value with up to 2 decimals.</summary>
    public Func<int, int, double, string>? CellText { get; init; }

    /// <summary>Label of the colour bar.</summary>
    public string ColourBarLabel { get; init; } = "";

    /// <summary>Logical width.</summary>
    public int Width { get; init; } = 640;

    /// <summary>Logical height.</summary>
    public int Height { get; init; } = 560;

    /// <inheritdoc/>
    public Figure ToFigure()
    {
        var plot = Style.NewPlot(Title, ColumnTitle, RowTitle);
        int rows = Values.GetLength(0), cols = Values.GetLength(1);
        var heatmap = plot.Add.Heatmap(Values);
        heatmap.Colormap = new ScottPlot.Colormaps.Blues().Reversed();
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (double v in Values)
        {
            if (double.IsFinite(v))
            {
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
        }

        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                double v = Values[i, j];
                var text = plot.Add.Text(CellText?.Invoke(i, j, v) ?? v.ToString("0.##", CultureInfo.InvariantCulture), j, Row(i, rows));
                text.Alignment = Alignment.MiddleCenter;
                text.LabelStyle.FontSize = (float)Math.Clamp(120.0 / cols, 11.0, 15.0); // ten classes: "(0.0 %)" must fit a cell
                text.LabelStyle.Alignment = Alignment.MiddleCenter;

                // Dark cells get white text: the colour map passes mid-blue at about 55 % of the range.
                text.LabelStyle.ForeColor = hi > lo && (v - lo) / (hi - lo) > 0.55 ? Colors.White : Colors.Black;
            }
        }

        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, cols).Select(j => (double)j).ToArray(), ColumnLabels.Take(cols).ToArray());
        plot.Axes.Left.SetTicks(Enumerable.Range(0, rows).Select(i => (double)Row(i, rows)).ToArray(), RowLabels.Take(rows).ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Grid.IsVisible = false;
        plot.Axes.SetLimits(-0.5, cols - 0.5, -0.5, rows - 0.5);
        var bar = plot.Add.ColorBar(heatmap, Edge.Right);
        bar.Label = ColourBarLabel;
        bar.LabelStyle.FontSize = 14;
        return new Figure(plot, Width, Height);
    }

    // Row 0 on top, as matrices are read.
    private static int Row(int i, int rows) => rows - 1 - i;
}
