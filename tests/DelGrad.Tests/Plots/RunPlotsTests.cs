using DelGrad.Plots;
using DelGrad.Training;
using ScottPlot;

namespace DelGrad.Tests.Plots;

public class RunPlotsTests(SmallRun run) : IClassFixture<SmallRun>
{
    public static TheoryData<string> Views() => [.. PlotViews.Applicable(new DataOptions()).Select(v => v.Name())];

    [Theory]
    [MemberData(nameof(Views))]
    public void EveryViewRendersAPngAtTwiceItsSizeAndAnSvgWithItsTitleAndAxisLabels(string name)
    {
        var view = PlotViews.Parse(name)!.Value;
        var (drawn, figure) = Assert.Single(RunPlots.Draw(run.Results, [view], sample: 2));
        Assert.Equal(name, drawn);
        Assert.Equal((figure.Width * Figure.PngScale, figure.Height * Figure.PngScale), ImageFiles.PngSize(figure.ToPng()));
        Assert.True(figure.Width >= 600 && figure.Height >= 400, $"{name}: {figure.Width}x{figure.Height} is too small to read");
        var texts = ImageFiles.SvgTexts(figure.ToSvg());
        Assert.Contains(figure.Plot.Axes.Title.Label.Text, texts);
        Assert.Contains(figure.Plot.Axes.Bottom.Label.Text, texts);
        Assert.Contains(figure.Plot.Axes.Left.Label.Text, texts);
        Assert.False(string.IsNullOrEmpty(figure.Plot.Axes.Title.Label.Text));
        Assert.False(string.IsNullOrEmpty(figure.Plot.Axes.Bottom.Label.Text));
    }

    [Fact]
    public void TimeAxesNameTheirUnit()
    {
        foreach (var view in new[] { PlotView.Raster, PlotView.Membrane, PlotView.SpikeTimes, PlotView.Delays })
        {
            var figure = RunPlots.Draw(run.Results, [view]).Single().Figure;
            Assert.Contains("[τ_syn]", figure.Plot.Axes.Bottom.Label.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheAccuracyPlotShowsTheTestAccuracy()
    {
        var texts = ImageFiles.SvgTexts(LearningCurves.Accuracy("x", run.Results.Metrics, 0.9123).ToSvg());
        Assert.Contains("test: 91.2 %", texts);
    }

    [Fact]
    public void RenderingIsDeterministic()
    {
        var a = RunPlots.Draw(run.Results, [PlotView.Confusion]).Single().Figure.ToPng();
        var b = RunPlots.Draw(run.Results, [PlotView.Confusion]).Single().Figure.ToPng();
        Assert.Equal(a, b);
    }

    [Fact]
    public void TheRasterShowsExactlyTheForwardPassSpikesOfEveryLayer()
    {
        var input = run.Input(5);
        var figure = SpikeCharts.Raster(run.Results.Network, run.Results.Parameters, input, "raster");
        var layers = new List<double[]> { input };
        layers.AddRange(run.Results.Network.Run(run.Results.Parameters, DelGrad.Model.SpikeTrain.Of(input)).Select(t => t.Times.ToArray()));
        var markers = figure.Plot.GetPlottables<ScottPlot.Plottables.Markers>().ToArray();
        Assert.Equal(layers.Count, markers.Length);
        int row = 0;
        for (int l = 0; l < layers.Count; l++)
        {
            var expected = layers[l].Select((t, i) => (t, (double)(row + i))).Where(p => double.IsFinite(p.t)).ToArray();
            var drawn = markers[l].Data.GetScatterPoints().Select(p => (p.X, p.Y)).ToArray();
            Assert.Equal(expected, drawn);
            row += layers[l].Length;
        }
    }

    // Row 0 of the map is the top of the square (y near 1): each cell holds the class predicted at its centre.
    [Fact]
    public void EveryDecisionMapCellHoldsThePredictionAtItsCentre()
    {
        const int N = 20;
        var figure = YinYangCharts.DecisionMap(run.Results.Network, run.Results.Parameters, run.Results.Config.Data, resolution: N);
        var cells = figure.Plot.GetPlottables<ScottPlot.Plottables.Heatmap>().Single().Intensities;
        var workspace = run.Results.Network.CreateWorkspace();
        var prepared = run.Results.Network.Prepare(run.Results.Parameters);
        var data = run.Results.Config.Data;
        foreach (var (row, col) in new[] { (0, 0), (0, N - 1), (N - 1, 0), (N - 1, N - 1), (3, 11), (14, 6) })
        {
            double x = (col + 0.5) / N, y = 1 - ((row + 0.5) / N);
            double[] input = [.. new[] { x, y, 1 - x, 1 - y }.Select(v => DelGrad.Data.SpikeEncoding.Encode(v, data.Early, data.Late))];
            int predicted = Classification.Predict(run.Results.Network.Forward(prepared, input, workspace));
            Assert.Equal(predicted < 0 ? double.NaN : predicted, cells[row, col]);
        }

        // The map is not one colour: a trained network separates the classes.
        Assert.True(cells.Cast<double>().Distinct().Count() >= 2);
    }

    [Fact]
    public void TheConfusionMatrixHasNoSilentColumnUnlessASampleWasSilent()
    {
        int[,] counts = { { 5, 1, 0, 0 }, { 0, 6, 0, 0 }, { 1, 0, 7, 0 } };
        var clean = new SplitEvaluation(0, 0.9, [], [], counts);
        Assert.DoesNotContain("silent", ImageFiles.SvgTexts(ParameterCharts.Confusion(clean, ClassColours.YinYangNames).ToSvg()));
        var silent = (int[,])counts.Clone();
        silent[1, 3] = 2;
        var texts = ImageFiles.SvgTexts(ParameterCharts.Confusion(clean with { Confusion = silent }, ClassColours.YinYangNames).ToSvg());
        Assert.Contains("silent", texts);

        // Every cell prints its count and its share of the true class.
        int share = texts.ToList().IndexOf("(87.5 %)");
        Assert.True(share > 0 && texts[share - 1] == "7", string.Join(" | ", texts));
    }

    [Fact]
    public void HistogramsCountNonFiniteValuesOnlyWhereThereAreSome()
    {
        var texts = ImageFiles.SvgTexts(new HistogramChart("h", "v", [new HistogramSeries("finite", [1, 2, 3]), new HistogramSeries("some silent", [1, double.PositiveInfinity, 2, double.PositiveInfinity])]).ToSvg());
        Assert.Contains("finite (n = 3)", texts);
        Assert.Contains("some silent (n = 2, silent: 2)", texts);
        Assert.DoesNotContain(texts, t => t.Contains("silent: 0", StringComparison.Ordinal));
    }

    [Fact]
    public void TheWeightsPlotSaysNothingAboutSilentNeurons()
    {
        var texts = ImageFiles.SvgTexts(ParameterCharts.Weights(run.Results.Config.Network, run.Results.Parameters).ToSvg());
        Assert.DoesNotContain(texts, t => t.Contains("silent", StringComparison.Ordinal) || t.Contains("inf", StringComparison.Ordinal));
    }

    [Fact]
    public void TheYinYangLegendSitsBesideTheData()
    {
        var figure = YinYangCharts.TestSet(run.Results.TestSplit, run.Results.Test, run.Results.Config.Data);
        Assert.NotEmpty(figure.Plot.Axes.GetPanels().OfType<ScottPlot.Panels.LegendPanel>());
        Assert.False(figure.Plot.Legend.IsVisible);
    }

    [Fact]
    public void TheLogLossAxisHasSeveralLabelledTicksOverLessThanADecade()
    {
        var figure = new LineChart("t", "epoch", "loss", [new LineSeries("a", [1, 2, 3], [0.004, 0.006, 0.009])]) { LogY = true }.ToFigure();
        figure.ToPng();
        var labelled = figure.Plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor && t.Position >= Math.Log10(0.004) && t.Position <= Math.Log10(0.009)).Select(t => t.Label).ToArray();
        Assert.Equal(["0.005"], labelled);
        Assert.Contains(figure.Plot.Axes.Left.TickGenerator.Ticks, t => t.IsMajor && t.Label == "0.01");
    }

    [Fact]
    public void AnImageGridRendersOneCaptionPerImage()
    {
        var images = Enumerable.Range(0, 5).Select(k => Enumerable.Range(0, 16).Select(i => (i + k) % 16 / 15.0).ToArray()).ToArray();
        var texts = ImageFiles.SvgTexts(new ImageGrid("digits", images, 4, 4, ["a", "b", "c", "d", "e"]) { Columns = 3 }.ToSvg());
        Assert.Equal(["a", "b", "c", "d", "e"], texts.Where(t => t.Length == 1).ToArray());
    }
}
