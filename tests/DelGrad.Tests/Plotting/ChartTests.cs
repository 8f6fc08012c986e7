using CsCheck;
using DelGrad.Effects.Plotting;

namespace DelGrad.Tests.Plotting;

public class ChartTests
{
    private static readonly Gen<double> Value = Gen.Frequency(
        (6, Gen.Double[-100, 100]),
        (1, Gen.Double.Special),
        (1, Gen.OneOf(double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, 1e300, -1e-300)));

    public static TheoryData<string> ChartNames() => [.. ExampleCharts.All().Select(c => c.Name)];

    private static IChart Named(string name) => ExampleCharts.All().Single(c => c.Name == name).Chart;

    [Theory]
    [MemberData(nameof(ChartNames))]
    public void ExampleChartsDecodeWithTheirSize(string name)
    {
        var chart = Named(name);
        var canvas = chart.ToCanvas();
        var d = PngTestDecoder.Decode(chart.ToPng());
        Assert.Equal((canvas.Width, canvas.Height), (d.Width, d.Height));
        Assert.Equal(canvas.Pixels.ToArray(), d.Rgb);
    }

    [Theory]
    [MemberData(nameof(ChartNames))]
    public void RenderingTwiceGivesIdenticalBytes(string name) =>
        Assert.Equal(Named(name).ToPng(), Named(name).ToPng());

    [Fact]
    public void ChartRendererMatchesToPng()
    {
        var c = ExampleCharts.Loss();
        Assert.Equal(c.ToPng(), ChartRenderer.Render(c));
    }

    [Fact]
    public void LineChartUsesPaletteColours()
    {
        var c = ExampleCharts.Loss().ToCanvas();
        var colours = new HashSet<Rgb>();
        for (int y = 0; y < c.Height; y++)
        {
            for (int x = 0; x < c.Width; x++) colours.Add(c.GetPixel(x, y));
        }

        Assert.Contains(Palette.Get(0), colours);
        Assert.Contains(Palette.Get(1), colours);
    }

    [Fact]
    public void ScatterErrorsAreDrawnInBlackOnTop()
    {
        var chart = new ScatterChart("t", "x", "y", [new ScatterPoint(0.5, 0.5, 1, IsError: true)], ["a", "b"])
        {
            XRange = AxisRange.Unit,
            YRange = AxisRange.Unit,
            Legend = LegendPosition.None,
        };
        var c = chart.ToCanvas();
        int black = 0, coloured = 0;
        for (int y = 0; y < c.Height; y++)
        {
            for (int x = 0; x < c.Width; x++)
            {
                if (c.GetPixel(x, y) == Palette.Get(1)) coloured++;
            }
        }

        // The marker centre is covered by the cross.
        var frameCentre = FindColour(c, Palette.Get(1));
        Assert.True(coloured > 0);
        Assert.NotNull(frameCentre);
        for (int dy = -2; dy <= 2; dy++)
        {
            for (int dx = -2; dx <= 2; dx++) black += c.GetPixel(frameCentre!.Value.X + 2 + dx, frameCentre.Value.Y + 2 + dy) == Rgb.Black ? 1 : 0;
        }

        Assert.True(black > 0);
    }

    private static (int X, int Y)? FindColour(Canvas c, Rgb colour)
    {
        for (int y = 0; y < c.Height; y++)
        {
            for (int x = 0; x < c.Width; x++)
            {
                if (c.GetPixel(x, y) == colour) return (x, y);
            }
        }

        return null;
    }

    [Fact]
    public void HistogramBinsCountAndIgnoreNonFinite()
    {
        var b = HistogramBinning.Compute([new HistogramSeries("a", [0, 1, 1, 2, double.PositiveInfinity, double.NaN]), new HistogramSeries("b", [2, 2])], 2);
        Assert.Equal(0, b.Min);
        Assert.Equal(2, b.Max);
        Assert.Equal([1, 3], b.Counts[0]);
        Assert.Equal([0, 2], b.Counts[1]);
        Assert.Equal([2, 0], b.NonFinite);
        Assert.Equal([0, 0], b.OutOfRange);
    }

    [Fact]
    public void HistogramFixedRangeCountsOutliers()
    {
        var b = HistogramBinning.Compute([new HistogramSeries("a", [-1, 0.5, 3])], 4, new AxisRange(0, 1));
        Assert.Equal(1, b.Counts[0].Sum());
        Assert.Equal([2], b.OutOfRange);
    }

    [Fact]
    public void HeatmapCellsGoFromWhiteToDarkBlueWithContrastingText()
    {
        var chart = new HeatmapChart("cm", [[0.0, 10.0]], ["r"], ["lo", "hi"]) { ShowColourBar = false, Width = 300, Height = 200 };
        var c = chart.ToCanvas();
        int white = 0, blue = 0, whiteOnBlue = 0;
        for (int y = 0; y < c.Height; y++)
        {
            for (int x = 0; x < c.Width; x++)
            {
                var p = c.GetPixel(x, y);
                if (p == HeatmapChart.DarkBlue) blue++;
                if (p == Rgb.White) white++;
                if (p == Rgb.White && x > 0 && c.GetPixel(x - 1, y) == HeatmapChart.DarkBlue) whiteOnBlue++;
            }
        }

        Assert.True(blue > 100);
        Assert.True(whiteOnBlue > 0, "the value in the dark cell should be printed in white");
    }

    [Fact]
    public void DegenerateInputsRenderWithoutThrowing()
    {
        IChart[] charts =
        [
            new LineChart("", "", "", []),
            new LineChart("empty series", "x", "y", [new LineSeries("e", [], [])]),
            new LineChart("single", "x", "y", [new LineSeries("p", [1], [2])]),
            new LineChart("equal", "x", "y", [LineSeries.FromValues("c", [3, 3, 3])]) { LogY = true },
            new LineChart("nan", "x", "y", [new LineSeries("n", [double.NaN, 1, double.PositiveInfinity], [1, double.NegativeInfinity, 2])]),
            new LineChart("log of negatives", "x", "y", [LineSeries.FromValues("n", [-1, 0, -3])]) { LogY = true },
            new LineChart("mismatched", "x", "y", [new LineSeries("m", [1, 2, 3], [1])]),
            new ScatterChart("", "", "", [], []),
            new ScatterChart("nan", "x", "y", [new ScatterPoint(double.NaN, 1, 0), new ScatterPoint(1e308, -1e308, -3, true)], ["a"]),
            new HistogramChart("", "", []),
            new HistogramChart("all inf", "x", [new HistogramSeries("s", [double.PositiveInfinity, double.NaN])]),
            new HistogramChart("single", "x", [new HistogramSeries("s", [4.2])]) { Bins = 0 },
            new HeatmapChart("", [], [], []),
            new HeatmapChart("ragged", [[1.0], [double.NaN, double.PositiveInfinity, -1]], ["a"], []),
            new LineChart("tiny", "x", "y", [LineSeries.FromValues("s", [1, 2])]) { Width = 1, Height = 1 },
        ];
        foreach (var chart in charts)
        {
            var d = PngTestDecoder.Decode(chart.ToPng());
            Assert.True(d.Width > 0 && d.Height > 0);
        }

        var grid = PngTestDecoder.Decode(ChartGrid.Render(2, charts[..3]));
        Assert.Equal((2 * 640, 2 * 420), (grid.Width, grid.Height));
        Assert.Equal((1, 1), (PngTestDecoder.Decode(ChartGrid.Render(3)).Width, 1));
    }

    [Fact]
    public void RandomLineSeriesRender() =>
        Gen.Select(Value.Array[0, 40], Value.Array[0, 40], Gen.Bool).Sample((xs, ys, log) =>
        {
            var chart = new LineChart("random", "x", "y", [new LineSeries("a", xs, ys), LineSeries.FromValues("b", ys)]) { LogY = log, Width = 200, Height = 150 };
            var d = PngTestDecoder.Decode(chart.ToPng());
            Assert.Equal((200, 150), (d.Width, d.Height));
        }, iter: 150);

    [Fact]
    public void RandomScatterAndHistogramsRender() =>
        Gen.Select(Value.Array[0, 40], Value.Array[0, 40], Gen.Int[-2, 5], Gen.Int[-1, 60]).Sample((xs, ys, cls, bins) =>
        {
            var points = xs.Zip(ys, (x, y) => new ScatterPoint(x, y, cls, x > y)).ToArray();
            PngTestDecoder.Decode(new ScatterChart("s", "x", "y", points, ["a"]) { Width = 160, Height = 140 }.ToPng());
            PngTestDecoder.Decode(new HistogramChart("h", "x", [new HistogramSeries("a", xs), new HistogramSeries("b", ys)]) { Bins = bins, Width = 160, Height = 140 }.ToPng());
            var rows = new IReadOnlyList<double>[] { xs, ys };
            PngTestDecoder.Decode(new HeatmapChart("m", rows, ["r1"], ["c"]) { Width = 160, Height = 140 }.ToPng());
        }, iter: 100);

    [Fact]
    public void WritesExampleImages()
    {
        string dir = Path.GetTempPath();
        foreach (var (name, chart) in ExampleCharts.All()) File.WriteAllBytes(Path.Combine(dir, $"plot-{name}.png"), chart.ToPng());
        File.WriteAllBytes(Path.Combine(dir, "plot-grid.png"), ChartGrid.Render(2, ExampleCharts.Loss(), ExampleCharts.Accuracy(), ExampleCharts.SpikeTimes(), ExampleCharts.Confusion()));
        File.WriteAllBytes(Path.Combine(dir, "plot-degenerate.png"), ChartGrid.Render(
            2,
            new LineChart("single point", "x", "y", [new LineSeries("p", [1], [2]), LineSeries.FromValues("gap", [1, double.NaN, 3, 3, double.PositiveInfinity, 2.5])]) { Width = 400, Height = 260 },
            new LineChart("no data", "x", "y", []) { Width = 400, Height = 260 },
            new HistogramChart("all silent", "t", [new HistogramSeries("s", [double.PositiveInfinity, double.PositiveInfinity])]) { Width = 400, Height = 260 },
            new HeatmapChart("ragged", [[1.0], [double.NaN, 2, 0.5]], ["a", "b"], ["c1", "c2", "c3"]) { Width = 400, Height = 260 }));
        Assert.True(File.Exists(Path.Combine(dir, "plot-grid.png")));
    }
}
