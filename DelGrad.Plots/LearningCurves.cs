using System.Globalization;
using DelGrad.Training;
using LanguageExt;
using ScottPlot;

namespace DelGrad.Plots;

/// <summary>Loss and accuracy per epoch of a training run.</summary>
public static class LearningCurves
{
    /// <summary>Training and validation loss per epoch on a log axis.</summary>
    /// <param name="name">The experiment's name (in the title).</param>
    /// <param name="metrics">One entry per epoch.</param>
    /// <returns>The figure.</returns>
    public static Figure Loss(string name, Seq<EpochMetrics> metrics)
    {
        var epochs = metrics.Map(m => (double)m.Epoch).ToArray();
        return new LineChart($"{name}: loss", "epoch", "loss (log scale)", [
            new LineSeries("training", epochs, metrics.Map(m => m.TrainLoss).ToArray()),
            new LineSeries("validation", epochs, metrics.Map(m => m.ValidationLoss).ToArray()),
        ]) { LogY = true }.ToFigure();
    }

    /// <summary>
    /// Training and validation accuracy per epoch in percent, and the test accuracy of the reported network as a
    /// dashed line (at the epoch it comes from when <paramref name="testEpoch"/> is given).
    /// </summary>
    /// <param name="name">The experiment's name (in the title).</param>
    /// <param name="metrics">One entry per epoch.</param>
    /// <param name="testAccuracy">Test accuracy of the reported network (NaN for none).</param>
    /// <param name="testEpoch">The epoch whose parameters were tested, or null for the last.</param>
    /// <returns>The figure.</returns>
    public static Figure Accuracy(string name, Seq<EpochMetrics> metrics, double testAccuracy, int? testEpoch = null)
    {
        var epochs = metrics.Map(m => (double)m.Epoch).ToArray();
        var figure = new LineChart($"{name}: accuracy", "epoch", "accuracy [%]", [
            new LineSeries("training", epochs, metrics.Map(m => m.TrainAccuracy * 100).ToArray()),
            new LineSeries("validation", epochs, metrics.Map(m => m.ValidationAccuracy * 100).ToArray()),
        ]) { Legend = Alignment.LowerRight }.ToFigure();
        if (double.IsFinite(testAccuracy))
        {
            var line = figure.Plot.Add.HorizontalLine(testAccuracy * 100, 2, Palette.Get(2), LinePattern.Dashed);
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"test: {testAccuracy * 100:F1} %") + (testEpoch is int e ? string.Create(CultureInfo.InvariantCulture, $" (epoch {e})") : "");
            if (testEpoch is int epoch)
            {
                figure.Plot.Add.Markers(new[] { (double)epoch }, new[] { testAccuracy * 100 }, MarkerShape.FilledDiamond, 12, Palette.Get(2));
            }
        }

        figure.Plot.Axes.SetLimitsY(Math.Min(metrics.IsEmpty ? 0 : Math.Floor(metrics.Map(m => Math.Min(m.TrainAccuracy, m.ValidationAccuracy)).Min() * 10) * 10, 90), 100.5);
        return figure;
    }
}
