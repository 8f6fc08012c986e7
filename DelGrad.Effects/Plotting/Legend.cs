namespace DelGrad.Effects.Plotting;

/// <summary>How a legend entry's swatch is drawn.</summary>
internal enum LegendSwatch
{
    Line,
    DashedLine,
    Disc,
    Cross,
    Box,
}

/// <summary>One legend row.</summary>
internal sealed record LegendEntry(string Label, Rgb Colour, LegendSwatch Swatch);

/// <summary>Draws a boxed legend inside a plot area.</summary>
internal static class Legend
{
    private const int Pad = 5;
    private const int RowHeight = 12;
    private const int SwatchWidth = 16;

    internal static void Draw(PlotFrame frame, IReadOnlyList<LegendEntry> entries, LegendPosition position)
    {
        if (position == LegendPosition.None || entries.Count == 0) return;
        var c = frame.Canvas;
        int textW = entries.Max(e => BitmapFont.Measure(e.Label).Width);
        int w = Pad + SwatchWidth + 4 + textW + Pad;
        int h = (2 * Pad) + (entries.Count * RowHeight) - (RowHeight - BitmapFont.GlyphHeight);
        w = Math.Min(w, frame.Width - 4);
        h = Math.Min(h, frame.Height - 4);
        if (w <= 0 || h <= 0) return;

        (int X, int Y) Corner(LegendPosition p) => p switch
        {
            LegendPosition.TopLeft => (frame.Left + 6, frame.Top + 6),
            LegendPosition.BottomRight => (frame.Right - 6 - w, frame.Bottom - 6 - h),
            LegendPosition.BottomLeft => (frame.Left + 6, frame.Bottom - 6 - h),
            _ => (frame.Right - 6 - w, frame.Top + 6),
        };

        var pos = position;
        if (pos == LegendPosition.Auto)
        {
            long best = long.MaxValue;
            foreach (var cand in new[] { LegendPosition.TopRight, LegendPosition.TopLeft, LegendPosition.BottomRight, LegendPosition.BottomLeft })
            {
                var (x0, y0) = Corner(cand);
                long ink = 0;
                for (int yy = y0; yy < y0 + h; yy++)
                {
                    for (int xx = x0; xx < x0 + w; xx++)
                    {
                        var px = c.GetPixel(xx, yy);
                        if (px != Rgb.White && px != Rgb.LightGrey) ink++;
                    }
                }

                if (ink < best)
                {
                    best = ink;
                    pos = cand;
                }
            }
        }

        var (lx, ly) = Corner(pos);
        c.FillRect(lx, ly, w, h, Rgb.White);
        c.DrawRect(lx, ly, w, h, Rgb.Grey);
        for (int i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            int rowTop = ly + Pad + (i * RowHeight);
            if (rowTop + BitmapFont.GlyphHeight > ly + h) break;
            int cy = rowTop + 3;
            int sx = lx + Pad;
            switch (e.Swatch)
            {
                case LegendSwatch.Line:
                    c.DrawLine(sx, cy, sx + SwatchWidth - 1, cy, e.Colour, 2);
                    break;
                case LegendSwatch.DashedLine:
                    c.DrawLine(sx, cy, sx + SwatchWidth - 1, cy, e.Colour, 2, 3);
                    break;
                case LegendSwatch.Disc:
                    c.FillCircle(sx + (SwatchWidth / 2), cy, 3, e.Colour);
                    break;
                case LegendSwatch.Cross:
                    c.DrawCross(sx + (SwatchWidth / 2), cy, 3, e.Colour, 2);
                    break;
                default:
                    c.FillRect(sx + 2, cy - 4, SwatchWidth - 4, 9, Rgb.White.Lerp(e.Colour, 0.35));
                    c.DrawRect(sx + 2, cy - 4, SwatchWidth - 4, 9, e.Colour, 2);
                    break;
            }

            c.DrawText(sx + SwatchWidth + 4, rowTop, e.Label, Rgb.Black);
        }
    }
}
