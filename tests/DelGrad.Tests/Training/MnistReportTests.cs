using DelGrad.Data.Mnist;
using DelGrad.Effects.Plotting;
using DelGrad.Effects.Training;
using DelGrad.Tests.Data.Mnist;
using DelGrad.Training;

namespace DelGrad.Tests.Training;

/// An MNIST run's plots: the digit grid of misclassified test images and the label-layer times, no Yin-Yang scatter.
public sealed class MnistReportTests
{
    [Fact]
    public void AnMnistRunPlotsMisclassifiedDigitsAndLabelTimesButNoYinYangScatter()
    {
        var config = TrainingSmokeTests.Load("mnist16-fastanddeep");
        var splits = Splits.Mnist(MnistFixture.Parse(MnistFixture.Synthetic(12, 8)), MnistEncoding.Downscaled16, config.Data);
        var trainer = new Trainer(config, threads: 1);
        var state = trainer.Initial();
        var test = trainer.Evaluate(state.Parameters, splits.Test);
        var files = RunReport.Plots(config, [], test, splits.Test, state.Parameters, trainer.Network).Select(p => p.File).ToArray();
        Assert.Contains("misclassified.png", files);
        Assert.Contains("label-times.png", files);
        Assert.Contains("confusion.png", files);
        Assert.DoesNotContain("yinyang-test.png", files);
    }

    [Fact]
    public void TheDigitGridDrawsInkWhiteAndBackgroundBlack()
    {
        var pixels = new double[4 * 4];
        pixels[0] = 1.0; // top-left pixel: ink
        var canvas = new DigitGridChart("t", [new DigitTile(pixels, 4, "1->7")]) { TileSize = 40 }.ToCanvas();
        Assert.Equal(new Rgb(255, 255, 255), canvas.GetPixel(8 + 5, 28 + 5));
        Assert.Equal(new Rgb(0, 0, 0), canvas.GetPixel(8 + 35, 28 + 35));
    }
}
