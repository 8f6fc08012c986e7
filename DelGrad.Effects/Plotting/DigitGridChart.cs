namespace DelGrad.Effects.Plotting;

/// <summary>One grey-scale image of a <see cref="DigitGridChart"/> and its caption.</summary>
/// <param name="Pixels">Row-major intensities in [0, 1] (1 = white ink on black, as MNIST stores them).</param>
/// <param name="Side">Image side in pixels.</param>
/// <param name="Caption">Text under the image (e.g. "7 -> 2": true and predicted label).</param>
public sealed record DigitTile(IReadOnlyList<double> Pixels, int Side, string Caption);

/// <summary>A grid of small grey-scale images with captions (e.g. misclassified test digits), each pixel drawn as a square.</summary>
/// <param name="Title">Chart title.</param>
/// <param name="Tiles">The images, row by row.</param>
public sealed record DigitGridChart(string Title, IReadOnlyList<DigitTile> Tiles) : IChart
{
    /// <summary>Images per row.</summary>
    public int Columns { get; init; } = 10;

    /// <summary>Side of a drawn image in screen pixels.</summary>
    public int TileSize { get; init; } = 64;

    /// <inheritdoc/>
    public byte[] ToPng() => ToCanvas().ToPng();

    /// <inheritdoc/>
    public Canvas ToCanvas()
    {
        const int pad = 8, caption = 14, header = 28;
        int columns = Math.Max(1, Columns);
        int rows = Math.Max(1, (Tiles.Count + columns - 1) / columns);
        int cell = TileSize + pad;
        var canvas = new Canvas(Math.Max(240, (columns * cell) + pad), header + (rows * (cell + caption)) + pad);
        canvas.DrawText(pad, 8, Title, Rgb.Black, 1);
        if (Tiles.Count == 0)
        {
            canvas.DrawText(pad, header, "(none)", Rgb.Grey);
        }

        for (int t = 0; t < Tiles.Count; t++)
        {
            var tile = Tiles[t];
            int x0 = pad + (t % columns * cell), y0 = header + (t / columns * (cell + caption));
            double scale = (double)TileSize / Math.Max(1, tile.Side);
            for (int y = 0; y < tile.Side; y++)
            {
                for (int x = 0; x < tile.Side; x++)
                {
                    double v = Math.Clamp(tile.Pixels[(y * tile.Side) + x], 0.0, 1.0);
                    byte g = (byte)Math.Round(v * 255);
                    int px = x0 + (int)(x * scale), py = y0 + (int)(y * scale);
                    canvas.FillRect(px, py, x0 + (int)((x + 1) * scale) - px, y0 + (int)((y + 1) * scale) - py, new Rgb(g, g, g));
                }
            }

            canvas.DrawText(x0, y0 + TileSize + 3, tile.Caption, Rgb.Black);
        }

        return canvas;
    }
}
