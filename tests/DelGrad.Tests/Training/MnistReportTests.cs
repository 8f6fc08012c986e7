using DelGrad.Data.Mnist;
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
        Assert.DoesNotContain("decision.png", files);
    }

    [Fact]
    public void TheMisclassifiedGridCountsEveryWrongDigitAndShowsAtMostItsLimit()
    {
        var config = TrainingSmokeTests.Load("mnist16-fastanddeep");
        var splits = Splits.Mnist(MnistFixture.Parse(MnistFixture.Synthetic(12, 8)), MnistEncoding.Downscaled16, config.Data);
        var trainer = new Trainer(config, threads: 1);
        var test = trainer.Evaluate(trainer.Initial().Parameters, splits.Test);
        int wrong = Enumerable.Range(0, splits.Test.Count).Count(k => test.Predictions[k] != splits.Test.Labels[k]);
        var figure = DelGrad.Plots.DigitCharts.Misclassified("run", config.Data, splits.Test, test);
        Assert.NotNull(figure);
        Assert.Contains($"{wrong} misclassified test digits (first {Math.Min(wrong, DelGrad.Plots.DigitCharts.MaxDigits)})", figure!.ToSvg(), StringComparison.Ordinal);
        Assert.Null(DelGrad.Plots.DigitCharts.Misclassified("run", config.Data with { Dataset = DataOptions.YinYang }, splits.Test, test));
    }
}
