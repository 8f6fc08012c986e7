namespace DelGrad.Effects.Plotting;

/// <summary>
/// The laid-out plot area of a Cartesian chart: draws title, axis titles, grid, ticks and tick labels, and maps data to pixels.
/// </summary>
internal sealed class PlotFrame
{
    private const int Margin = 8;
    private const int TickLength = 4;
    private const int TextHeight = BitmapFont.GlyphHeight;

    private PlotFrame(Canvas canvas, int left, int top, int width, int height, Axis x, Axis y)
    {
        Canvas = canvas;
        Left = left;
        Top = top;
        Width = width;
        Height = height;
        X = x;
        Y = y;
    }

    internal Canvas Canvas { get; }

    internal int Left { get; }

    internal int Top { get; }

    internal int Width { get; }

    internal int Height { get; }

    internal int Right => Left + Width - 1;

    internal int Bottom => Top + Height - 1;

    internal Axis X { get; }

    internal Axis Y { get; }

    /// <summary>Lays out and draws the chart decorations (everything except data, frame border and legend).</summary>
    internal static PlotFrame Create(Canvas canvas, string title, string? subtitle, string xLabel, string yLabel,
        Func<int, Axis> xAxis, Func<int, Axis> yAxis)
    {
        int w = canvas.Width, h = canvas.Height;
        int top = DrawTitles(canvas, title, subtitle);
        top += TextHeight / 2 + 2;
        int bottom = h - Margin - (string.IsNullOrEmpty(xLabel) ? 0 : TextHeight + 6) - TextHeight - TickLength - 4;
        int plotH = Math.Max(10, bottom - top + 1);
        var y = yAxis(Math.Clamp(plotH / 45, 3, 10));
        int yLabelW = y.Labels.Count == 0 ? 0 : y.Labels.Max(l => BitmapFont.Measure(l).Width);
        int left = Margin + (string.IsNullOrEmpty(yLabel) ? 0 : TextHeight + 6) + yLabelW + TickLength + 4;
        int rightPad = 14;
        int plotW = Math.Max(10, w - left - rightPad);
        var x = xAxis(Math.Clamp(plotW / 80, 3, 10));
        if (x.Labels.Count > 0)
        {
            int lastHalf = BitmapFont.Measure(x.Labels[^1]).Width / 2;
            if (lastHalf + 4 > rightPad) plotW = Math.Max(10, w - left - lastHalf - 4);
        }

        var frame = new PlotFrame(canvas, left, top, plotW, plotH, x, y);
        frame.DrawAxes(xLabel, yLabel);
        return frame;
    }

    /// <summary>Draws the title (scale 2 when it fits) and an optional grey subtitle; returns the first free row below them.</summary>
    internal static int DrawTitles(Canvas canvas, string title, string? subtitle)
    {
        int y = Margin;
        if (!string.IsNullOrEmpty(title))
        {
            int scale = BitmapFont.Measure(title, 2).Width <= canvas.Width - (2 * Margin) ? 2 : 1;
            canvas.DrawTextCentered(canvas.Width / 2, y, title, Rgb.Black, scale);
            y += (TextHeight * scale) + 6;
        }

        if (!string.IsNullOrEmpty(subtitle))
        {
            canvas.DrawTextCentered(canvas.Width / 2, y, subtitle, Rgb.Grey);
            y += TextHeight + 6;
        }

        return y;
    }

    /// <summary>Pixel column of data value x (may lie outside the plot; NaN when unmappable).</summary>
    internal double PixelX(double x) => Left + (X.Normalize(x) * (Width - 1));

    /// <summary>Pixel row of data value y (may lie outside the plot; NaN when unmappable).</summary>
    internal double PixelY(double y) => Bottom - (Y.Normalize(y) * (Height - 1));

    /// <summary>Whether the pixel position lies within the plot area (inclusive).</summary>
    internal bool InsidePlot(double px, double py) => px >= Left - 0.5 && px <= Right + 0.5 && py >= Top - 0.5 && py <= Bottom + 0.5;

    /// <summary>Draws a data-space segment clipped to the plot area.</summary>
    internal int DataLine(double x0, double y0, double x1, double y1, Rgb colour, int thickness = 1, int dash = 0, int dashPhase = 0)
        => PixelLine(PixelX(x0), PixelY(y0), PixelX(x1), PixelY(y1), colour, thickness, dash, dashPhase);

    /// <summary>Draws a pixel-space segment clipped to the plot area.</summary>
    internal int PixelLine(double px0, double py0, double px1, double py1, Rgb colour, int thickness = 1, int dash = 0, int dashPhase = 0)
    {
        if (!Geometry.ClipSegment(px0, py0, px1, py1, Left, Top, Right, Bottom, out var a, out var b)) return dashPhase;
        return Canvas.DrawLine((int)Math.Round(a.X), (int)Math.Round(a.Y), (int)Math.Round(b.X), (int)Math.Round(b.Y), colour, thickness, dash, dashPhase);
    }

    /// <summary>Draws the black border of the plot area (call after the data so it stays crisp).</summary>
    internal void DrawBorder() => Canvas.DrawRect(Left, Top, Width, Height, Rgb.Black);

    /// <summary>Draws a "no data" note in the middle of the plot area.</summary>
    internal void DrawNoData() => Canvas.DrawTextCentered(Left + (Width / 2), Top + (Height / 2) - 4, "no data", Rgb.Grey);

    private void DrawAxes(string xLabel, string yLabel)
    {
        var c = Canvas;

        // Grid lines and ticks.
        int lastLabelRight = int.MinValue;
        int labelY = Bottom + TickLength + 4;
        for (int i = 0; i < X.Ticks.Count; i++)
        {
            int px = (int)Math.Round(PixelX(X.Ticks[i]));
            if (px < Left || px > Right) continue;
            c.DrawLine(px, Top + 1, px, Bottom - 1, Rgb.LightGrey);
            c.DrawLine(px, Bottom + 1, px, Bottom + TickLength, Rgb.Black);
            string label = X.Labels[i];
            int lw = BitmapFont.Measure(label).Width;
            int lx = px - (lw / 2);
            if (lx > lastLabelRight + 6)
            {
                c.DrawText(lx, labelY, label, Rgb.Black);
                lastLabelRight = lx + lw;
            }
        }

        int lastLabelTop = int.MaxValue;
        for (int i = 0; i < Y.Ticks.Count; i++)
        {
            int py = (int)Math.Round(PixelY(Y.Ticks[i]));
            if (py < Top || py > Bottom) continue;
            c.DrawLine(Left + 1, py, Right - 1, py, Rgb.LightGrey);
            c.DrawLine(Left - TickLength, py, Left - 1, py, Rgb.Black);
            string label = Y.Labels[i];
            int lw = BitmapFont.Measure(label).Width;
            int ly = py - (TextHeight / 2);
            if (ly + TextHeight + 2 < lastLabelTop)
            {
                c.DrawText(Left - TickLength - 3 - lw, ly, label, Rgb.Black);
                lastLabelTop = ly;
            }
        }

        if (!string.IsNullOrEmpty(xLabel))
        {
            c.DrawTextCentered(Left + (Width / 2), labelY + TextHeight + 6, xLabel, Rgb.Black);
        }

        if (!string.IsNullOrEmpty(yLabel))
        {
            int len = BitmapFont.Measure(yLabel).Width;
            c.DrawTextVertical(Margin, Top + (Height / 2) - (len / 2), yLabel, Rgb.Black);
        }
    }
}
