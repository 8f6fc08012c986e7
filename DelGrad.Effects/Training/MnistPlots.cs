using DelGrad.Data.Mnist;
using DelGrad.Effects.Plotting;
using DelGrad.Training;

namespace DelGrad.Effects.Training;

/// <summary>The plots an MNIST run adds: misclassified test digits, and the label layer's spike times (own class against the others).</summary>
internal static class MnistPlots
{
    /// <summary>Most digits the grid shows.</summary>
    private const int MaxTiles = 50;

    /// <summary>misclassified.png and label-times.png of a test evaluation.</summary>
    public static IEnumerable<(string File, byte[] Png)> Plots(ExperimentConfig config, SplitEvaluation test, DataSplit testSplit)
    {
        var encoding = MnistEncoding.Named(config.Data.Dataset);
        if (encoding == null || !testSplit.IsCoded)
        {
            yield break;
        }

        int side = (int)Math.Round(Math.Sqrt(encoding.Width));
        var tiles = new List<DigitTile>();
        int wrong = 0;
        for (int k = 0; k < testSplit.Count; k++)
        {
            int predicted = test.Predictions[k];
            if (predicted == testSplit.Labels[k])
            {
                continue;
            }

            wrong++;
            if (tiles.Count < MaxTiles)
            {
                var codes = testSplit.SampleCodes(k).ToArray();
                tiles.Add(new DigitTile([.. codes.Select(c => encoding.Value(c))], side, $"{testSplit.Labels[k]}->{(predicted < 0 ? "-" : predicted.ToString(System.Globalization.CultureInfo.InvariantCulture))}"));
            }
        }

        yield return ("misclassified.png", new DigitGridChart($"{config.Name}: {wrong} misclassified test digits (first {tiles.Count}; true->predicted, - = silent)", tiles).ToPng());

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

        yield return ("label-times.png", new HistogramChart("label-layer spike times (test)", "time [tau_syn]", [new HistogramSeries("neuron of the true class", own), new HistogramSeries("the other label neurons", others)]) { Bins = 50 }.ToPng());
    }
}
