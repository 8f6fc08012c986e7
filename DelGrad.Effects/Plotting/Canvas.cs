namespace DelGrad.Effects.Plotting;

/// <summary>
/// A mutable RGB24 raster with a white background and simple, deterministic (non anti-aliased) drawing primitives.
/// All primitives clip silently to the canvas bounds. Coordinates are pixels, origin top-left, y down.
/// </summary>
public sealed class Canvas
{
    private readonly byte[] _pixels;

    /// <summary>Creates a canvas filled with <paramref name="background"/> (white when omitted).</summary>
    /// <param name="width">Width in pixels (at least 1).</param>
    /// <param name="height">Height in pixels (at least 1).</param>
    /// <param name="background">Background colour.</param>
    public Canvas(int width, int height, Rgb? background = null)
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "Canvas width must be positive.");
        if (height < 1) throw new ArgumentOutOfRangeException(nameof(height), height, "Canvas height must be positive.");
        Width = width;
        Height = height;
        _pixels = new byte[checked(width * height * 3)];
        var bg = background ?? Rgb.White;
        for (int i = 0; i < _pixels.Length; i += 3)
        {
            _pixels[i] = bg.R;
            _pixels[i + 1] = bg.G;
            _pixels[i + 2] = bg.B;
        }
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The raw pixel bytes, row-major, 3 bytes (R, G, B) per pixel.</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>Whether (x, y) lies on the canvas.</summary>
    /// <param name="x">Column.</param>
    /// <param name="y">Row.</param>
    /// <returns>True when inside.</returns>
    public bool Contains(int x, int y) => (uint)x < (uint)Width && (uint)y < (uint)Height;

    /// <summary>Reads a pixel (white outside the canvas).</summary>
    /// <param name="x">Column.</param>
    /// <param name="y">Row.</param>
    /// <returns>The colour.</returns>
    public Rgb GetPixel(int x, int y)
    {
        if (!Contains(x, y)) return Rgb.White;
        int i = ((y * Width) + x) * 3;
        return new Rgb(_pixels[i], _pixels[i + 1], _pixels[i + 2]);
    }

    /// <summary>Sets a pixel; ignored outside the canvas.</summary>
    /// <param name="x">Column.</param>
    /// <param name="y">Row.</param>
    /// <param name="colour">The colour.</param>
    public void SetPixel(int x, int y, Rgb colour)
    {
        if (!Contains(x, y)) return;
        int i = ((y * Width) + x) * 3;
        _pixels[i] = colour.R;
        _pixels[i + 1] = colour.G;
        _pixels[i + 2] = colour.B;
    }

    /// <summary>Alpha-blends <paramref name="colour"/> over the existing pixel.</summary>
    /// <param name="x">Column.</param>
    /// <param name="y">Row.</param>
    /// <param name="colour">The colour.</param>
    /// <param name="alpha">Opacity in [0, 1].</param>
    public void BlendPixel(int x, int y, Rgb colour, double alpha)
    {
        if (!Contains(x, y)) return;
        SetPixel(x, y, GetPixel(x, y).Lerp(colour, alpha));
    }

    /// <summary>Fills the axis-aligned rectangle with top-left (x, y) and the given size.</summary>
    /// <param name="x">Left column.</param>
    /// <param name="y">Top row.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="colour">Fill colour.</param>
    /// <param name="alpha">Opacity in [0, 1]; 1 overwrites.</param>
    public void FillRect(int x, int y, int width, int height, Rgb colour, double alpha = 1.0)
    {
        int x0 = Math.Max(0, x), y0 = Math.Max(0, y);
        int x1 = (int)Math.Min(Width, (long)x + width), y1 = (int)Math.Min(Height, (long)y + height);
        for (int yy = y0; yy < y1; yy++)
        {
            for (int xx = x0; xx < x1; xx++)
            {
                if (alpha >= 1.0) SetPixel(xx, yy, colour);
                else BlendPixel(xx, yy, colour, alpha);
            }
        }
    }

    /// <summary>Outlines the rectangle with top-left (x, y) and the given size; the border lies inside the rectangle.</summary>
    /// <param name="x">Left column.</param>
    /// <param name="y">Top row.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="colour">Border colour.</param>
    /// <param name="thickness">Border thickness in pixels (1..3).</param>
    public void DrawRect(int x, int y, int width, int height, Rgb colour, int thickness = 1)
    {
        if (width <= 0 || height <= 0) return;
        thickness = Math.Clamp(thickness, 1, 3);
        FillRect(x, y, width, Math.Min(thickness, height), colour);
        FillRect(x, y + height - Math.Min(thickness, height), width, Math.Min(thickness, height), colour);
        FillRect(x, y, Math.Min(thickness, width), height, colour);
        FillRect(x + width - Math.Min(thickness, width), y, Math.Min(thickness, width), height, colour);
    }

    /// <summary>
    /// Draws a Bresenham line from (x0, y0) to (x1, y1), both end points included. Thickness t &gt; 1 stamps a t x t square
    /// centred on each line pixel. A positive <paramref name="dash"/> alternates <paramref name="dash"/> drawn and
    /// <paramref name="dash"/> skipped steps.
    /// </summary>
    /// <param name="x0">Start column.</param>
    /// <param name="y0">Start row.</param>
    /// <param name="x1">End column.</param>
    /// <param name="y1">End row.</param>
    /// <param name="colour">Line colour.</param>
    /// <param name="thickness">Line thickness (1..3).</param>
    /// <param name="dash">Dash length in steps; 0 for a solid line.</param>
    /// <param name="dashPhase">Steps already taken along a dashed polyline (pass the previous return value to continue the pattern).</param>
    /// <returns>The dash phase after this line (<paramref name="dashPhase"/> plus the number of steps taken).</returns>
    public int DrawLine(int x0, int y0, int x1, int y1, Rgb colour, int thickness = 1, int dash = 0, int dashPhase = 0)
    {
        thickness = Math.Clamp(thickness, 1, 3);
        if (!ClipToCanvas(ref x0, ref y0, ref x1, ref y1, thickness)) return dashPhase;
        int dx = Math.Abs(x1 - x0), sx = x0 < x1 ? 1 : -1;
        int dy = -Math.Abs(y1 - y0), sy = y0 < y1 ? 1 : -1;
        int err = dx + dy;
        int step = Math.Max(0, dashPhase);
        int lo = -(thickness - 1) / 2;
        while (true)
        {
            if (dash <= 0 || (step / dash) % 2 == 0)
            {
                if (thickness == 1) SetPixel(x0, y0, colour);
                else FillRect(x0 + lo, y0 + lo, thickness, thickness, colour);
            }

            if (x0 == x1 && y0 == y1) return step;
            int e2 = 2 * err;
            if (e2 >= dy) { err += dy; x0 += sx; }
            if (e2 <= dx) { err += dx; y0 += sy; }
            step++;
        }
    }

    /// <summary>Fills a disc of radius <paramref name="radius"/> centred on (cx, cy) (a single pixel for radius 0).</summary>
    /// <param name="cx">Centre column.</param>
    /// <param name="cy">Centre row.</param>
    /// <param name="radius">Radius in pixels.</param>
    /// <param name="colour">Fill colour.</param>
    public void FillCircle(int cx, int cy, int radius, Rgb colour)
    {
        radius = Math.Max(0, radius);
        long r2 = ((long)radius * radius) + radius; // slightly rounder discs for small radii
        for (int dy = -radius; dy <= radius; dy++)
        {
            for (int dx = -radius; dx <= radius; dx++)
            {
                if (((long)dx * dx) + ((long)dy * dy) <= r2) SetPixel(cx + dx, cy + dy, colour);
            }
        }
    }

    /// <summary>Draws an 'x' marker: two diagonals through (cx, cy) reaching <paramref name="radius"/> pixels out.</summary>
    /// <param name="cx">Centre column.</param>
    /// <param name="cy">Centre row.</param>
    /// <param name="radius">Half size in pixels.</param>
    /// <param name="colour">Colour.</param>
    /// <param name="thickness">Stroke thickness (1..3).</param>
    public void DrawCross(int cx, int cy, int radius, Rgb colour, int thickness = 1)
    {
        DrawLine(cx - radius, cy - radius, cx + radius, cy + radius, colour, thickness);
        DrawLine(cx - radius, cy + radius, cx + radius, cy - radius, colour, thickness);
    }

    /// <summary>Draws horizontal text with its bounding box's top-left corner at (x, y); see <see cref="BitmapFont.Measure"/>.</summary>
    /// <param name="x">Left column.</param>
    /// <param name="y">Top row.</param>
    /// <param name="text">The text (ASCII; other characters render as '?').</param>
    /// <param name="colour">Text colour.</param>
    /// <param name="scale">Pixel scale (1..4).</param>
    public void DrawText(int x, int y, string text, Rgb colour, int scale = 1)
    {
        scale = Math.Clamp(scale, 1, 4);
        for (int i = 0; i < text.Length; i++)
        {
            int gx = x + (i * BitmapFont.Advance * scale);
            for (int col = 0; col < BitmapFont.GlyphWidth; col++)
            {
                for (int row = 0; row < BitmapFont.GlyphHeight; row++)
                {
                    if (BitmapFont.IsSet(text[i], col, row)) FillRect(gx + (col * scale), y + (row * scale), scale, scale, colour);
                }
            }
        }
    }

    /// <summary>
    /// Draws text rotated 90° counter-clockwise (reading bottom to top), with its bounding box's top-left corner at (x, y).
    /// The box is <c>Measure(text).Height</c> wide and <c>Measure(text).Width</c> tall.
    /// </summary>
    /// <param name="x">Left column.</param>
    /// <param name="y">Top row.</param>
    /// <param name="text">The text.</param>
    /// <param name="colour">Text colour.</param>
    /// <param name="scale">Pixel scale (1..4).</param>
    public void DrawTextVertical(int x, int y, string text, Rgb colour, int scale = 1)
    {
        scale = Math.Clamp(scale, 1, 4);
        var (w, _) = BitmapFont.Measure(text, scale);
        for (int i = 0; i < text.Length; i++)
        {
            for (int col = 0; col < BitmapFont.GlyphWidth; col++)
            {
                for (int row = 0; row < BitmapFont.GlyphHeight; row++)
                {
                    if (!BitmapFont.IsSet(text[i], col, row)) continue;
                    int hx = (i * BitmapFont.Advance * scale) + (col * scale); // horizontal-layout offsets
                    int hy = row * scale;
                    FillRect(x + hy, y + w - hx - scale, scale, scale, colour);
                }
            }
        }
    }

    /// <summary>Draws horizontal text centred on column <paramref name="cx"/>, top at <paramref name="y"/>.</summary>
    /// <param name="cx">Centre column.</param>
    /// <param name="y">Top row.</param>
    /// <param name="text">The text.</param>
    /// <param name="colour">Text colour.</param>
    /// <param name="scale">Pixel scale (1..4).</param>
    public void DrawTextCentered(int cx, int y, string text, Rgb colour, int scale = 1)
    {
        var (w, _) = BitmapFont.Measure(text, scale);
        DrawText(cx - (w / 2), y, text, colour, scale);
    }

    /// <summary>Copies <paramref name="source"/> onto this canvas with its top-left corner at (x, y).</summary>
    /// <param name="source">The canvas to copy.</param>
    /// <param name="x">Destination column.</param>
    /// <param name="y">Destination row.</param>
    public void Blit(Canvas source, int x, int y)
    {
        for (int sy = 0; sy < source.Height; sy++)
        {
            for (int sx = 0; sx < source.Width; sx++) SetPixel(x + sx, y + sy, source.GetPixel(sx, sy));
        }
    }

    /// <summary>Encodes the canvas as PNG bytes (see <see cref="PngEncoder"/>).</summary>
    /// <returns>The PNG file contents.</returns>
    public byte[] ToPng() => PngEncoder.Encode(Width, Height, _pixels);

    // Liang-Barsky clip of the segment to the canvas (grown by the stroke thickness) so huge coordinates never loop long.
    private bool ClipToCanvas(ref int x0, ref int y0, ref int x1, ref int y1, int thickness)
    {
        double xmin = -thickness, ymin = -thickness, xmax = Width - 1 + thickness, ymax = Height - 1 + thickness;
        if (x0 >= xmin && x0 <= xmax && y0 >= ymin && y0 <= ymax && x1 >= xmin && x1 <= xmax && y1 >= ymin && y1 <= ymax) return true;
        if (!Geometry.ClipSegment(x0, y0, x1, y1, xmin, ymin, xmax, ymax, out var a, out var b)) return false;
        x0 = (int)Math.Round(a.X); y0 = (int)Math.Round(a.Y);
        x1 = (int)Math.Round(b.X); y1 = (int)Math.Round(b.Y);
        return true;
    }
}
