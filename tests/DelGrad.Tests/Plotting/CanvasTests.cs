using DelGrad.Effects.Plotting;

namespace DelGrad.Tests.Plotting;

public class CanvasTests
{
    private static readonly Rgb Red = new(255, 0, 0);

    private static PngTestDecoder RoundTrip(Canvas c) => PngTestDecoder.Decode(c.ToPng());

    private static IEnumerable<(int X, int Y)> All(PngTestDecoder d)
    {
        for (int y = 0; y < d.Height; y++)
        {
            for (int x = 0; x < d.Width; x++) yield return (x, y);
        }
    }

    [Fact]
    public void NewCanvasIsWhite()
    {
        var d = RoundTrip(new Canvas(7, 5));
        Assert.Equal((7, 5), (d.Width, d.Height));
        Assert.All(All(d), p => Assert.Equal(Rgb.White, d.Pixel(p.X, p.Y)));
    }

    [Fact]
    public void HorizontalLineColoursExactlyItsPixels()
    {
        var c = new Canvas(16, 4);
        c.DrawLine(0, 0, 9, 0, Red);
        var d = RoundTrip(c);
        Assert.All(All(d), p => Assert.Equal(p.Y == 0 && p.X <= 9 ? Red : Rgb.White, d.Pixel(p.X, p.Y)));
    }

    [Fact]
    public void DiagonalLineIsBresenham()
    {
        var c = new Canvas(10, 10);
        c.DrawLine(9, 9, 0, 0, Red);
        var d = RoundTrip(c);
        Assert.All(All(d), p => Assert.Equal(p.X == p.Y ? Red : Rgb.White, d.Pixel(p.X, p.Y)));
    }

    [Fact]
    public void ShallowLineHasOnePixelPerColumnAndConnectedRows()
    {
        var c = new Canvas(20, 8);
        c.DrawLine(0, 1, 19, 6, Red);
        for (int x = 0; x < 20; x++)
        {
            var rows = Enumerable.Range(0, 8).Where(y => c.GetPixel(x, y) == Red).ToList();
            Assert.Single(rows);
        }

        Assert.Equal(Red, c.GetPixel(0, 1));
        Assert.Equal(Red, c.GetPixel(19, 6));
    }

    [Fact]
    public void ThickLineCoversThreeRows()
    {
        var c = new Canvas(12, 7);
        c.DrawLine(2, 3, 8, 3, Red, thickness: 3);
        var d = RoundTrip(c);
        Assert.All(All(d), p => Assert.Equal(p.X is >= 1 and <= 9 && p.Y is >= 2 and <= 4 ? Red : Rgb.White, d.Pixel(p.X, p.Y)));
    }

    [Fact]
    public void DashedLineAlternates()
    {
        var c = new Canvas(12, 1);
        c.DrawLine(0, 0, 11, 0, Red, dash: 3);
        var expected = new[] { 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0 };
        for (int x = 0; x < 12; x++) Assert.Equal(expected[x] == 1 ? Red : Rgb.White, c.GetPixel(x, 0));
    }

    [Fact]
    public void DashPhaseContinuesAcrossSegments()
    {
        var c = new Canvas(12, 1);
        int phase = c.DrawLine(0, 0, 4, 0, Red, dash: 3);
        Assert.Equal(4, phase);
        c.DrawLine(4, 0, 11, 0, Red, dash: 3, dashPhase: phase);
        var expected = new[] { 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0 };
        for (int x = 0; x < 12; x++) Assert.Equal(expected[x] == 1 ? Red : Rgb.White, c.GetPixel(x, 0));
    }

    [Fact]
    public void HugeCoordinatesAreClippedQuickly()
    {
        var c = new Canvas(10, 10);
        c.DrawLine(int.MinValue / 2, 5, int.MaxValue / 2, 5, Red);
        Assert.All(Enumerable.Range(0, 10), x => Assert.Equal(Red, c.GetPixel(x, 5)));
    }

    [Fact]
    public void FilledAndOutlinedRectangles()
    {
        var c = new Canvas(10, 10);
        c.FillRect(2, 3, 4, 2, Red);
        var blue = new Rgb(0, 0, 255);
        c.DrawRect(0, 0, 10, 10, blue);
        var d = RoundTrip(c);
        foreach (var (x, y) in All(d))
        {
            var expected = x == 0 || y == 0 || x == 9 || y == 9 ? blue : x is >= 2 and <= 5 && y is >= 3 and <= 4 ? Red : Rgb.White;
            Assert.Equal(expected, d.Pixel(x, y));
        }
    }

    [Fact]
    public void RectanglesClipAtTheBorder()
    {
        var c = new Canvas(5, 5);
        c.FillRect(-3, -3, 5, 5, Red);
        Assert.Equal(Red, c.GetPixel(1, 1));
        Assert.Equal(Rgb.White, c.GetPixel(2, 2));
    }

    [Fact]
    public void CircleIsSymmetricAndBounded()
    {
        var c = new Canvas(11, 11);
        c.FillCircle(5, 5, 3, Red);
        Assert.Equal(Red, c.GetPixel(5, 5));
        Assert.Equal(Red, c.GetPixel(8, 5));
        Assert.Equal(Red, c.GetPixel(5, 2));
        Assert.Equal(Rgb.White, c.GetPixel(9, 5));
        Assert.Equal(Rgb.White, c.GetPixel(8, 8));
        for (int y = 0; y < 11; y++)
        {
            for (int x = 0; x < 11; x++)
            {
                Assert.Equal(c.GetPixel(x, y), c.GetPixel(10 - x, y));
                Assert.Equal(c.GetPixel(x, y), c.GetPixel(y, x));
            }
        }
    }

    [Fact]
    public void CrossMarkerDrawsBothDiagonals()
    {
        var c = new Canvas(9, 9);
        c.DrawCross(4, 4, 3, Rgb.Black);
        Assert.Equal(Rgb.Black, c.GetPixel(1, 1));
        Assert.Equal(Rgb.Black, c.GetPixel(7, 1));
        Assert.Equal(Rgb.Black, c.GetPixel(1, 7));
        Assert.Equal(Rgb.White, c.GetPixel(4, 1));
    }

    [Theory]
    [InlineData("Hello, world! 0.25", 1)]
    [InlineData("Ag|y_{}", 2)]
    public void TextInksInsideItsBoxOnly(string text, int scale)
    {
        var c = new Canvas(200, 40);
        const int x0 = 7, y0 = 9;
        c.DrawText(x0, y0, text, Rgb.Black, scale);
        var (w, h) = BitmapFont.Measure(text, scale);
        var d = RoundTrip(c);
        int inside = 0;
        foreach (var (x, y) in All(d))
        {
            bool inBox = x >= x0 && x < x0 + w && y >= y0 && y < y0 + h;
            if (d.Pixel(x, y) != Rgb.White)
            {
                Assert.True(inBox, $"ink outside the text box at ({x}, {y})");
                inside++;
            }
        }

        Assert.True(inside > text.Length * scale * scale * 3, $"too little ink: {inside}");
    }

    [Fact]
    public void VerticalTextInksInsideItsRotatedBoxOnly()
    {
        const string text = "accuracy";
        var c = new Canvas(30, 80);
        c.DrawTextVertical(5, 6, text, Rgb.Black);
        var (w, h) = BitmapFont.Measure(text);
        int ink = 0;
        for (int y = 0; y < c.Height; y++)
        {
            for (int x = 0; x < c.Width; x++)
            {
                if (c.GetPixel(x, y) == Rgb.White) continue;
                Assert.InRange(x, 5, 5 + h - 1);
                Assert.InRange(y, 6, 6 + w - 1);
                ink++;
            }
        }

        Assert.True(ink > 20);
    }

    [Fact]
    public void VerticalTextIsTheHorizontalTextRotated()
    {
        const string text = "Ty9";
        var (w, h) = BitmapFont.Measure(text);
        var hc = new Canvas(w, h);
        hc.DrawText(0, 0, text, Rgb.Black);
        var vc = new Canvas(h, w);
        vc.DrawTextVertical(0, 0, text, Rgb.Black);
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++) Assert.Equal(hc.GetPixel(x, y), vc.GetPixel(y, w - 1 - x));
        }
    }

    [Fact]
    public void EveryPrintableGlyphHasInkExceptSpace()
    {
        for (char ch = '!'; ch <= '~'; ch++)
        {
            bool any = false;
            for (int col = 0; col < BitmapFont.GlyphWidth; col++)
            {
                for (int row = 0; row < BitmapFont.GlyphHeight; row++) any |= BitmapFont.IsSet(ch, col, row);
            }

            Assert.True(any, $"glyph '{ch}' is empty");
        }

        int spaceInk = Enumerable.Range(0, 5).Sum(col => Enumerable.Range(0, 8).Count(row => BitmapFont.IsSet(' ', col, row)));
        Assert.Equal(0, spaceInk);
    }
}
