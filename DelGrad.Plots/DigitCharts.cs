using System.Globalization;
using DelGrad.Data.Mnist;
using DelGrad.Training;

namespace DelGrad.Plots;

/// <summary>The views of a digit data set (MNIST): misclassified test digits, and the label layer's spike times.</summary>
public static class DigitCharts
{
    /// <summary>Most digits the grid shows.</summary>
    public const int MaxDigits = 48;

    /// <summary>The first misclassified test digits with true and predicted labels; null unless the split holds MNIST codes.</summary>
    /// <param name="name">The run's name (for the title).</param>
    /// <param name="data">The data options (which encoding).</param>
    /// <param name="testSplit">The test split.</param>
    /// <param name="test">Its evaluation.</param>
    /// <returns>The figure, or null.</returns>
    public static Figure? Misclassified(string name, DataOptions data, DataSplit testSplit, SplitEvaluation test)
    {
        if (MnistEncoding.Named(data.Dataset) is not { } encoding || !testSplit.IsCoded)
        {
            return null;
        }

        int side = (int)Math.Round(Math.Sqrt(encoding.Width));
        var images = new List<double[]>();
        var captions = new List<string>();
        int wrong = 0;
        for (int k = 0; k < testSplit.Count; k++)
        {
            int predicted = test.Predictions[k];
            if (predicted == testSplit.Labels[k])
            {
                continue;
            }

            wrong++;
            if (images.Count < MaxDigits)
            {
                var codes = testSplit.SampleCodes(k);
                var pixels = new double[codes.Length];
                for (int i = 0; i < codes.Length; i++)
                {
                    pixels[i] = encoding.Value(codes[i]);
                }

                images.Add(pixels);
                captions.Add(string.Create(CultureInfo.InvariantCulture, $"true {testSplit.Labels[k]}, pred {(predicted < 0 ? "none" : predicted.ToString(CultureInfo.InvariantCulture))}"));
            }
        }

        string title = string.Create(CultureInfo.InvariantCulture, $"{name}: {wrong} misclassified test digits (first {images.Count})");
        return new ImageGrid(title, images, side, side, captions).ToFigure();
    }

    /// <summary>The label layer's test spike times: the neuron of the true class against the others; null unless MNIST.</summary>
    /// <param name="data">The data options.</param>
    /// <param name="testSplit">The test split.</param>
    /// <param name="test">Its evaluation.</param>
    /// <returns>The figure, or null.</returns>
    public static Figure? LabelTimes(DataOptions data, DataSplit testSplit, SplitEvaluation test)
    {
        if (MnistEncoding.Named(data.Dataset) is null)
        {
            return null;
        }

        int classes = test.Outputs.Length / Math.Max(1, testSplit.Count);
        var own = new List<double>();
        var others = new List<double>();
        for (int k = 0; k < testSplit.Count && classes > 0; k++)
        {
            for (int c = 0; c < classes; c++)
            {
                (c == testSplit.Labels[k] ? own : others).Add(test.Outputs[(k * classes) + c]);
            }
        }

        return new HistogramChart("label-layer spike times (test)", "time [τ_syn]", [new HistogramSeries("neuron of the true class", own), new HistogramSeries("the other label neurons", others)]) { Bins = 50 }.ToFigure();
    }
}
