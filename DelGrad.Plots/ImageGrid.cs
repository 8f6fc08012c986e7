using ScottPlot;

namespace DelGrad.Plots;

/// <summary>
/// Small grey-scale images in a grid with a caption under each (misclassified digits, receptive fields):
/// value 0 white, 1 black, axes hidden.
/// </summary>
/// <param name="Title">Title.</param>
/// <param name="Images">Each image row-major, <see cref="ImageWidth"/> x <see cref="ImageHeight"/> values in [0, 1].</param>
/// <param name="ImageWidth">Pixels per image row.</param>
/// <param name="ImageHeight">Rows per image.</param>
/// <param name="Captions">One caption per image (missing ones are empty).</param>
public sealed record ImageGrid(string Title, IReadOnlyList<double[]> Images, int ImageWidth, int ImageHeight, IReadOnlyList<string> Captions) : IChart
{
    /// <summary>Images per grid row.</summary>
    public int Columns { get; init; } = 8;

    /// <inheritdoc/>
    public Figure ToFigure()
    {
        var plot = Style.NewPlot(Title, "", "");
        int columns = Math.Max(1, Math.Min(Columns, Math.Max(1, Images.Count)));
        int rows = Math.Max(1, (Images.Count + columns - 1) / columns);
        const double Gap = 0.1, CaptionSpace = 0.35;
        double cellH = 1 + Gap + CaptionSpace;
        for (int k = 0; k < Images.Count; k++)
        {
            int r = k / columns, c = k % columns;
            var cells = new double[ImageHeight, ImageWidth];
            for (int y = 0; y < ImageHeight; y++)
            {
                for (int x = 0; x < ImageWidth; x++)
                {
                    cells[y, x] = Images[k][(y * ImageWidth) + x];
                }
            }

            double left = c * (1 + Gap), top = -r * cellH;
            var heatmap = plot.Add.Heatmap(cells);
            heatmap.Colormap = new ScottPlot.Colormaps.GrayscaleReversed();
            heatmap.ManualRange = new ScottPlot.Range(0, 1);
            heatmap.Extent = new CoordinateRect(left, left + 1, top - 1, top);
            var caption = plot.Add.Text(k < Captions.Count ? Captions[k] : "", left + 0.5, top - 1 - 0.05);
            caption.Alignment = Alignment.UpperCenter;
            caption.LabelStyle.FontSize = 12;
        }

        // No axes (pixels have no coordinates worth reading), but keep the title; square pixels.
        foreach (var axis in new ScottPlot.IAxis[] { plot.Axes.Bottom, plot.Axes.Left, plot.Axes.Top, plot.Axes.Right })
        {
            axis.IsVisible = false;
        }

        plot.Grid.IsVisible = false;
        plot.DataBorder.Width = 0;
        plot.Axes.SetLimits(-Gap, (columns * (1 + Gap)) - (Gap / 2), -rows * cellH, Gap);
        plot.Axes.SquareUnits();
        int width = Math.Clamp(columns * 110, 300, 1400);
        return new Figure(plot, width, Math.Clamp((int)(width * rows * cellH / (columns * (1 + Gap))) + 60, 200, 1600));
    }
}
