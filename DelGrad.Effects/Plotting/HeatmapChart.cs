using System.Globalization;

namespace DelGrad.Effects.Plotting;

/// <summary>
/// A heatmap (e.g. a confusion matrix): cells coloured from white (lowest) to dark blue (highest) with the value printed
/// in each cell in a contrasting colour, row/column labels, axis titles and a colour bar.
/// </summary>
/// <param name="Title">Chart title.</param>
/// <param name="Values">Rows of values; ragged rows are padded with empty cells, NaN cells are drawn grey.</param>
/// <param name="RowLabels">Labels of the rows (missing ones are numbered).</param>
/// <param name="ColumnLabels">Labels of the columns (missing ones are numbered).</param>
public sealed record HeatmapChart(string Title, IReadOnlyList<IReadOnlyList<double>> Values, IReadOnlyList<string> RowLabels, IReadOnlyList<string> ColumnLabels) : IChart
{
    private const int TextH = BitmapFont.GlyphHeight;

    /// <summary>The colour of the highest value.</summary>
    public static Rgb DarkBlue => Rgb.FromHex(0x08306B);

    private static readonly Rgb[] Blues =
    [
        Rgb.White, Rgb.FromHex(0xDEEBF7), Rgb.FromHex(0xC6DBEF), Rgb.FromHex(0x9ECAE1), Rgb.FromHex(0x6BAED6),
        Rgb.FromHex(0x4292C6), Rgb.FromHex(0x2171B5), Rgb.FromHex(0x08519C), Rgb.FromHex(0x08306B),
    ];

    /// <summary>The colour scale: t = 0 is white, t = 1 <see cref="DarkBlue"/>, through the "Blues" sequential map (t clamped, NaN = white).</summary>
    /// <param name="t">Position on the scale.</param>
    /// <returns>The colour.</returns>
    public static Rgb ColourScale(double t)
    {
        if (double.IsNaN(t)) t = 0;
        t = Math.Clamp(t, 0.0, 1.0) * (Blues.Length - 1);
        int k = Math.Min((int)Math.Floor(t), Blues.Length - 2);
        return Blues[k].Lerp(Blues[k + 1], t - k);
    }

    /// <summary>Title of the row axis (drawn vertically on the left).</summary>
    public string RowTitle { get; init; } = "true";

    /// <summary>Title of the column axis (drawn below the columns).</summary>
    public string ColumnTitle { get; init; } = "predicted";

    /// <summary>.NET format string for cell values; null chooses integers when all values are integral, else "0.00".</summary>
    public string? ValueFormat { get; init; }

    /// <summary>Draw a colour bar on the right.</summary>
    public bool ShowColourBar { get; init; } = true;

    /// <summary>Image width in pixels.</summary>
    public int Width { get; init; } = 480;

    /// <summary>Image height in pixels.</summary>
    public int Height { get; init; } = 440;

    /// <summary>Optional grey subtitle below the title.</summary>
    public string? Subtitle { get; init; }

    /// <summary>A confusion-matrix heatmap: rows are true classes, columns predicted classes.</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="counts">counts[true, predicted].</param>
    /// <param name="classNames">Class names, used for both axes.</param>
    /// <returns>The chart.</returns>
    public static HeatmapChart FromConfusionMatrix(string title, int[,] counts, IReadOnlyList<string> classNames)
    {
        var rows = new IReadOnlyList<double>[counts.GetLength(0)];
        for (int i = 0; i < rows.Length; i++)
        {
            var row = new double[counts.GetLength(1)];
            for (int j = 0; j < row.Length; j++) row[j] = counts[i, j];
            rows[i] = row;
        }

        return new HeatmapChart(title, rows, classNames, classNames);
    }

    /// <inheritdoc/>
    public byte[] ToPng() => ToCanvas().ToPng();

    /// <inheritdoc/>
    public Canvas ToCanvas()
    {
        var canvas = new Canvas(Math.Max(Width, 64), Math.Max(Height, 64));
        var values = Values ?? [];
        int rows = values.Count;
        int cols = rows == 0 ? 0 : values.Max(r => r?.Count ?? 0);
        int top = PlotFrame.DrawTitles(canvas, Title ?? "", Subtitle) + 2;
        if (rows == 0 || cols == 0)
        {
            canvas.DrawTextCentered(canvas.Width / 2, canvas.Height / 2, "no data", Rgb.Grey);
            return canvas;
        }

        double Cell(int i, int j) => values[i] is { } r && j < r.Count ? r[j] : double.NaN;
        string RowLabel(int i) => RowLabels is { } l && i < l.Count && l[i] is { } s ? s : i.ToString(CultureInfo.InvariantCulture);
        string ColLabel(int j) => ColumnLabels is { } l && j < l.Count && l[j] is { } s ? s : j.ToString(CultureInfo.InvariantCulture);

        double lo = 0, hi = double.NegativeInfinity;
        bool integral = true;
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                double v = Cell(i, j);
                if (!double.IsFinite(v)) continue;
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
                integral &= v == Math.Floor(v) && Math.Abs(v) < 1e9;
            }
        }

        if (!(hi > lo)) hi = lo + 1;
        string format = ValueFormat ?? (integral ? "0" : "0.00");

        // Layout.
        int maxRowLabel = Enumerable.Range(0, rows).Max(i => BitmapFont.Measure(RowLabel(i)).Width);
        maxRowLabel = Math.Min(maxRowLabel, canvas.Width / 4);
        int left = 8 + (string.IsNullOrEmpty(RowTitle) ? 0 : TextH + 8) + maxRowLabel + 6;
        int barSpace = ShowColourBar ? 16 + 6 + 6 + Math.Max(BitmapFont.Measure(Format(hi, format)).Width, BitmapFont.Measure(Format(lo, format)).Width) + 8 : 8;
        int availW = canvas.Width - left - barSpace;
        int maxColLabel = Enumerable.Range(0, cols).Max(j => BitmapFont.Measure(ColLabel(j)).Width);
        int cell = Math.Max(4, Math.Min(availW / cols, 200));
        bool verticalCols = maxColLabel > cell - 4;
        int colLabelH = verticalCols ? Math.Min(maxColLabel, canvas.Height / 4) : TextH;
        int bottomSpace = 6 + colLabelH + (string.IsNullOrEmpty(ColumnTitle) ? 0 : 8 + TextH) + 8;
        int availH = canvas.Height - top - bottomSpace;
        cell = Math.Max(4, Math.Min(cell, availH / rows));
        verticalCols = maxColLabel > cell - 4;
        int gridW = cell * cols, gridH = cell * rows;
        left += Math.Max(0, (availW - gridW) / 2);

        // Cells.
        int valueScale = 2;
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                string text = Format(Cell(i, j), format);
                if (BitmapFont.Measure(text, 2).Width > cell - 8 || cell < 28) valueScale = 1;
            }
        }

        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                double v = Cell(i, j);
                int x = left + (j * cell), y = top + (i * cell);
                Rgb fill = double.IsNaN(v) ? Rgb.LightGrey : ColourScale(double.IsPositiveInfinity(v) ? 1 : double.IsNegativeInfinity(v) ? 0 : (v - lo) / (hi - lo));
                canvas.FillRect(x, y, cell, cell, fill);
                string text = Format(v, format);
                var (tw, th) = BitmapFont.Measure(text, valueScale);
                if (tw <= cell - 2 && th <= cell - 2)
                {
                    canvas.DrawText(x + ((cell - tw) / 2), y + ((cell - th) / 2), text, fill.Luminance < 0.5 ? Rgb.White : Rgb.Black, valueScale);
                }
            }
        }

        for (int k = 0; k <= cols; k++) canvas.DrawLine(left + (k * cell), top, left + (k * cell), top + gridH, Rgb.Grey);
        for (int k = 0; k <= rows; k++) canvas.DrawLine(left, top + (k * cell), left + gridW, top + (k * cell), Rgb.Grey);

        // Labels.
        for (int i = 0; i < rows; i++)
        {
            string label = Truncate(RowLabel(i), maxRowLabel);
            int lw = BitmapFont.Measure(label).Width;
            canvas.DrawText(left - 6 - lw, top + (i * cell) + ((cell - TextH) / 2), label, Rgb.Black);
        }

        int labelTop = top + gridH + 6;
        for (int j = 0; j < cols; j++)
        {
            int cx = left + (j * cell) + (cell / 2);
            if (verticalCols)
            {
                string label = Truncate(ColLabel(j), colLabelH);
                canvas.DrawTextVertical(cx - (TextH / 2), labelTop, label, Rgb.Black);
            }
            else
            {
                canvas.DrawTextCentered(cx, labelTop, ColLabel(j), Rgb.Black);
            }
        }

        if (!string.IsNullOrEmpty(ColumnTitle))
        {
            canvas.DrawTextCentered(left + (gridW / 2), labelTop + colLabelH + 8, ColumnTitle, Rgb.Black);
        }

        if (!string.IsNullOrEmpty(RowTitle))
        {
            int len = BitmapFont.Measure(RowTitle).Width;
            canvas.DrawTextVertical(left - 6 - maxRowLabel - 8 - TextH, top + (gridH / 2) - (len / 2), RowTitle, Rgb.Black);
        }

        if (ShowColourBar)
        {
            int bx = left + gridW + 16, bw = 16;
            for (int y = 0; y < gridH; y++)
            {
                double t = gridH <= 1 ? 1 : 1.0 - ((double)y / (gridH - 1));
                canvas.FillRect(bx, top + y, bw, 1, ColourScale(t));
            }

            canvas.DrawRect(bx, top, bw, gridH, Rgb.Grey);
            canvas.DrawText(bx + bw + 4, top, Format(hi, format), Rgb.Black);
            canvas.DrawText(bx + bw + 4, top + gridH - TextH, Format(lo, format), Rgb.Black);
        }

        return canvas;
    }

    private static string Format(double v, string format)
    {
        if (double.IsNaN(v)) return "";
        if (double.IsPositiveInfinity(v)) return "inf";
        if (double.IsNegativeInfinity(v)) return "-inf";
        return v.ToString(format, CultureInfo.InvariantCulture);
    }

    private static string Truncate(string s, int maxWidth)
    {
        if (BitmapFont.Measure(s).Width <= maxWidth) return s;
        int n = Math.Max(0, ((maxWidth + 1) / BitmapFont.Advance) - 2);
        return n <= 0 ? "" : s[..Math.Min(n, s.Length)] + "..";
    }
}
