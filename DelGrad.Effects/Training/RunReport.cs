using System.Globalization;
using System.Text;
using DelGrad.Effects.Plotting;
using DelGrad.Model;
using DelGrad.Training;
using LanguageExt;

namespace DelGrad.Effects.Training;

/// <summary>The files of a run directory that are pure functions of its results (CSV, JSON, PNG).</summary>
public static class RunReport
{
    private static readonly string[] ClassNames = ["yin", "yang", "dot"];

    /// <summary>metrics.json: the rows of metrics.csv as an array of objects.</summary>
    public static string MetricsJson(Seq<EpochMetrics> metrics, Seq<double> wall, double baseRate)
    {
        var sb = new StringBuilder("[\n");
        int i = 0;
        foreach (var m in metrics)
        {
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"  {{\"epoch\": {m.Epoch}, \"train_loss\": {m.TrainLoss:R}, \"train_accuracy\": {m.TrainAccuracy:R}, \"validation_loss\": {m.ValidationLoss:R}, \"validation_accuracy\": {m.ValidationAccuracy:R}, \"learning_rate_factor\": {m.LearningRateFactor:R}, \"learning_rate_weights\": {baseRate * m.LearningRateFactor:R}, \"bumps\": {m.Bumps}, \"wall_seconds\": {(i < wall.Count ? wall[i] : 0):R}}}"));
            sb.Append(i + 1 < metrics.Count ? ",\n" : "\n");
            i++;
        }

        return sb.Append("]\n").ToString();
    }

    /// <summary>Every PNG plot of a finished run, by file name.</summary>
    public static IReadOnlyList<(string File, byte[] Png)> Plots(ExperimentConfig config, Seq<EpochMetrics> metrics, SplitEvaluation test, DataSplit testSplit, NetworkParameters parameters, Kernel.Network network)
    {
        var epochs = metrics.Map(m => (double)m.Epoch).ToArray();
        var loss = new LineChart($"{config.Name}: loss", "epoch", "loss", [new LineSeries("train", epochs, metrics.Map(m => m.TrainLoss).ToArray()), new LineSeries("validation", epochs, metrics.Map(m => m.ValidationLoss).ToArray())]) { LogY = true };
        var accuracy = new LineChart($"{config.Name}: accuracy", "epoch", "accuracy", [new LineSeries("train", epochs, metrics.Map(m => m.TrainAccuracy).ToArray()), new LineSeries("validation", epochs, metrics.Map(m => m.ValidationAccuracy).ToArray())]);

        // Decode x, y back from the encoded input times (t = early + v (late - early)).
        double early = config.Data.Early, span = config.Data.Late - config.Data.Early;
        int width = network.Inputs;
        var points = new List<ScatterPoint>();
        for (int k = 0; k < testSplit.Count; k++)
        {
            double x = (testSplit.Inputs[k * width] - early) / span, y = (testSplit.Inputs[(k * width) + 1] - early) / span;
            int predicted = test.Predictions[k];
            points.Add(new ScatterPoint(x, y, predicted < 0 ? testSplit.Labels[k] : predicted, predicted != testSplit.Labels[k]));
        }

        var scatter = new ScatterChart($"test set by predicted class ({test.Accuracy * 100:F1} %)", "x", "y", points, ClassNames) { XRange = AxisRange.Unit, YRange = AxisRange.Unit, ErrorLabel = "error" };

        int classes = network.Outputs;
        var spikeSeries = new List<HistogramSeries>();
        for (int c = 0; c < classes; c++)
        {
            var times = new List<double>();
            for (int k = 0; k < testSplit.Count; k++)
            {
                if (testSplit.Labels[k] == c)
                {
                    times.Add(test.Outputs[(k * classes) + c]);
                }
            }

            spikeSeries.Add(new HistogramSeries($"label neuron {ClassNames[c % 3]} (true {ClassNames[c % 3]})", times));
        }

        var spikes = new HistogramChart("label-neuron spike times of its own class", "time [tau_syn]", spikeSeries) { Bins = 40 };

        var rows = Enumerable.Range(0, classes).Select(r => (IReadOnlyList<double>)Enumerable.Range(0, classes + 1).Select(c => (double)test.Confusion[r, c]).ToArray()).ToArray();
        var confusion = new HeatmapChart("confusion matrix (test)", rows, ClassNames.Take(classes).ToArray(), [.. ClassNames.Take(classes), "silent"]) { ValueFormat = "F0" };

        var weightSeries = new List<HistogramSeries>();
        var delaySeries = new List<HistogramSeries>();
        var prepared = network.Prepare(parameters);
        int w = 0, d = 0;
        foreach (var block in config.Network.Layout.Blocks)
        {
            if (block.Kind == ParameterKind.Weights)
            {
                weightSeries.Add(new HistogramSeries($"layer {++w} weights", parameters.Block(block).ToArray()));
            }
        }

        for (int l = 0; l < network.NeuronLayerCount; l++)
        {
            var delays = network.EffectiveDelays(prepared, l);
            if (!delays.IsEmpty)
            {
                delaySeries.Add(new HistogramSeries($"delays into layer {l + 1} (#{++d})", delays.ToArray()));
            }
        }

        var plots = new List<(string, byte[])>
        {
            ("loss.png", loss.ToPng()),
            ("accuracy.png", accuracy.ToPng()),
            ("yinyang-test.png", scatter.ToPng()),
            ("spike-times.png", spikes.ToPng()),
            ("confusion.png", confusion.ToPng()),
            ("weights.png", new HistogramChart("weights", "weight", weightSeries) { Bins = 40 }.ToPng()),
        };
        if (delaySeries.Count > 0)
        {
            plots.Add(("delays.png", new HistogramChart("effective delays", "delay [tau_syn]", delaySeries) { Bins = 40 }.ToPng()));
        }

        return plots;
    }
}
