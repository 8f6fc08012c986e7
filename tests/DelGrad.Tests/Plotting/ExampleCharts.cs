using DelGrad.Effects.Plotting;

namespace DelGrad.Tests.Plotting;

/// <summary>Realistic example charts shared by the chart tests and the example-image test.</summary>
internal static class ExampleCharts
{
    public static LineChart Loss()
    {
        var epochs = Enumerable.Range(0, 300).Select(i => (double)i).ToArray();
        var train = epochs.Select(e => (1.1 * Math.Exp(-e / 40)) + 0.08 + (0.02 * Math.Sin(e / 3))).ToArray();
        var test = epochs.Select(e => (1.1 * Math.Exp(-e / 45)) + 0.12 + (0.015 * Math.Cos(e / 5))).ToArray();
        return new LineChart("Training loss", "epoch", "loss", [new LineSeries("train", epochs, train), new LineSeries("test", epochs, test) { Dashed = true }]);
    }

    public static LineChart Accuracy()
    {
        var epochs = Enumerable.Range(0, 300).Select(i => (double)i).ToArray();
        var train = epochs.Select(e => 0.33 + (0.63 * (1 - Math.Exp(-e / 35)))).ToArray();
        var test = epochs.Select(e => 0.33 + (0.61 * (1 - Math.Exp(-e / 40)))).ToArray();
        return new LineChart("Accuracy", "epoch", "accuracy", [new LineSeries("train", epochs, train), new LineSeries("test", epochs, test)])
        {
            YRange = AxisRange.Unit,
            Subtitle = "final test accuracy 0.94",
        };
    }

    public static LineChart LogLoss()
    {
        var y = Enumerable.Range(0, 200).Select(e => 2.0 * Math.Exp(-e / 20.0) + 1e-4).ToArray();
        return new LineChart("Loss (log scale)", "epoch", "loss", [LineSeries.FromValues("train", y)]) { LogY = true };
    }

    public static ScatterChart YinYang()
    {
        var rng = new Random(1234);
        var points = new List<ScatterPoint>();
        for (int i = 0; i < 600; i++)
        {
            double x = rng.NextDouble(), y = rng.NextDouble();
            double dx = x - 0.5, dy = y - 0.5;
            if ((dx * dx) + (dy * dy) > 0.25) continue;
            int cls = (dx * dx) + (dy * dy) < 0.01 ? 2 : x < 0.5 ? 0 : 1;
            points.Add(new ScatterPoint(x, y, cls, rng.NextDouble() < 0.05));
        }

        return new ScatterChart("Yin-Yang test set", "x", "y", points, ["yin", "yang", "dot"])
        {
            XRange = AxisRange.Unit,
            YRange = AxisRange.Unit,
            Subtitle = $"{points.Count(p => p.IsError)} errors of {points.Count}",
        };
    }

    public static HistogramChart SpikeTimes()
    {
        var rng = new Random(7);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var correct = Enumerable.Range(0, 500).Select(_ => 8 + (2 * Normal())).ToArray();
        var wrong = Enumerable.Range(0, 500).Select(i => i % 25 == 0 ? double.PositiveInfinity : 12 + (2.5 * Normal())).ToArray();
        return new HistogramChart("Output spike times", "time [tau_s]", [new HistogramSeries("label neuron", correct), new HistogramSeries("other neurons", wrong)]) { Bins = 30 };
    }

    public static HeatmapChart Confusion() =>
        HeatmapChart.FromConfusionMatrix("Confusion matrix (test)", new[,] { { 310, 12, 3 }, { 9, 318, 5 }, { 14, 4, 125 } }, ["yin", "yang", "dot"]);

    public static IEnumerable<(string Name, IChart Chart)> All() =>
    [
        ("line", Loss()),
        ("line-acc", Accuracy()),
        ("line-log", LogLoss()),
        ("scatter", YinYang()),
        ("histogram", SpikeTimes()),
        ("heatmap", Confusion()),
    ];
}
