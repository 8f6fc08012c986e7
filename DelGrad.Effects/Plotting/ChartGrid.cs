namespace DelGrad.Effects.Plotting;

/// <summary>Combines several charts into one image, laid out row by row in a grid of equally sized cells.</summary>
public static class ChartGrid
{
    /// <summary>Renders the charts into a grid with <paramref name="columns"/> columns (cell size = largest chart).</summary>
    /// <param name="columns">Number of columns (clamped to 1..number of charts).</param>
    /// <param name="charts">The charts.</param>
    /// <returns>The combined canvas (1x1 white for no charts).</returns>
    public static Canvas ToCanvas(int columns, IReadOnlyList<IChart> charts)
    {
        if (charts is null || charts.Count == 0) return new Canvas(1, 1);
        var canvases = charts.Select(c => c.ToCanvas()).ToList();
        columns = Math.Clamp(columns, 1, canvases.Count);
        int rows = (canvases.Count + columns - 1) / columns;
        int cw = canvases.Max(c => c.Width), ch = canvases.Max(c => c.Height);
        var grid = new Canvas(cw * columns, ch * rows);
        for (int i = 0; i < canvases.Count; i++)
        {
            var c = canvases[i];
            grid.Blit(c, ((i % columns) * cw) + ((cw - c.Width) / 2), ((i / columns) * ch) + ((ch - c.Height) / 2));
        }

        return grid;
    }

    /// <summary>Renders the charts into a grid with <paramref name="columns"/> columns and encodes it as PNG.</summary>
    /// <param name="columns">Number of columns.</param>
    /// <param name="charts">The charts.</param>
    /// <returns>The PNG file contents.</returns>
    public static byte[] Render(int columns, params IChart[] charts) => ToCanvas(columns, charts).ToPng();
}
