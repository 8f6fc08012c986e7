using System.Globalization;
using System.Text;
using DelGrad.Model;
using DelGrad.Plots;
using DelGrad.Training;
using LanguageExt;

namespace DelGrad.Effects.Training;

/// <summary>The files of a run directory that are pure functions of its results (CSV, JSON, PNG).</summary>
public static class RunReport
{
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

    /// <summary>Every PNG plot of a finished run (<see cref="PlotViews.RunDirectory"/>), by file name.</summary>
    public static IReadOnlyList<(string File, byte[] Png)> Plots(ExperimentConfig config, Seq<EpochMetrics> metrics, SplitEvaluation test, DataSplit testSplit, NetworkParameters parameters, Kernel.Network network) =>
        RunPlots.Draw(new RunResults(config, metrics, test, testSplit, parameters, network), PlotViews.RunDirectory)
            .Select(p => (p.Name + PlotFormat.Png.Extension(), p.Figure.ToPng())).ToArray();
}
