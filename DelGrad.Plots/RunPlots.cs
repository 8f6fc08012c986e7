using System.Globalization;
using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Training;
using LanguageExt;

namespace DelGrad.Plots;

/// <summary>What the plots of a trained Yin-Yang run are drawn from.</summary>
/// <param name="Config">The experiment.</param>
/// <param name="Metrics">One entry per trained epoch.</param>
/// <param name="Test">The reported network's evaluation on <paramref name="TestSplit"/> (with outputs).</param>
/// <param name="TestSplit">The test split.</param>
/// <param name="Parameters">The reported network's parameters.</param>
/// <param name="Network">The compiled network.</param>
public sealed record RunResults(ExperimentConfig Config, Seq<EpochMetrics> Metrics, SplitEvaluation Test, DataSplit TestSplit, NetworkParameters Parameters, Network Network);

/// <summary>The plots of a trained run by view: pure, figures out (writing them is the caller's job).</summary>
public static class RunPlots
{
    /// <summary>
    /// The figures of <paramref name="views"/> by file name without extension. Raster and membrane views show test
    /// sample <paramref name="sample"/>; the membrane view shows <paramref name="neurons"/> ((neuron layer from 0,
    /// neuron) pairs), by default every label neuron. Views that do not apply (delays of a network without
    /// delays) are left out.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="views">Which views.</param>
    /// <param name="sample">Test sample index for raster and membrane.</param>
    /// <param name="neurons">Neurons for the membrane view (null: the label neurons).</param>
    /// <returns>(name, figure) pairs in the order of <paramref name="views"/>.</returns>
    public static IReadOnlyList<(string Name, Figure Figure)> Draw(RunResults run, IEnumerable<PlotView> views, int sample = 0, IReadOnlyList<(int Layer, int Neuron)>? neurons = null)
    {
        var names = ClassColours.Names(run.Config.Data);
        var list = new List<(string, Figure)>();
        foreach (var view in views.Distinct())
        {
            var figure = view switch
            {
                PlotView.Loss => LearningCurves.Loss(run.Config.Name, run.Metrics),
                PlotView.Accuracy => LearningCurves.Accuracy(run.Config.Name, run.Metrics, run.Test.Accuracy),
                PlotView.YinYangTest or PlotView.Decision when !run.Config.Data.IsYinYang => null,
                PlotView.YinYangTest => YinYangCharts.TestSet(run.TestSplit, run.Test, run.Config.Data),
                PlotView.Decision => YinYangCharts.DecisionMap(run.Network, run.Parameters, run.Config.Data, run.TestSplit, run.Test),
                PlotView.SpikeTimes => SpikeCharts.LabelSpikeTimes(run.TestSplit, run.Test, run.Network.Outputs, names),
                PlotView.Confusion => ParameterCharts.Confusion(run.Test, names),
                PlotView.Weights => ParameterCharts.Weights(run.Config.Network, run.Parameters),
                PlotView.Delays => ParameterCharts.Delays(run.Network, run.Parameters),
                PlotView.Raster => SpikeCharts.Raster(run.Network, run.Parameters, Input(run, sample), SampleTitle("spike raster", run, sample), names),
                PlotView.Membrane => SpikeCharts.Membrane(run.Network, run.Parameters, Input(run, sample), MembraneNeurons(run, neurons), SampleTitle("membrane potential", run, sample)),
                PlotView.Misclassified => DigitCharts.Misclassified(run.Config.Name, run.Config.Data, run.TestSplit, run.Test),
                PlotView.LabelTimes => DigitCharts.LabelTimes(run.Config.Data, run.TestSplit, run.Test),
                _ => null,
            };
            if (figure is not null)
            {
                list.Add((view.Name(), figure));
            }
        }

        return list;
    }

    private static double[] Input(RunResults run, int sample)
    {
        return run.TestSplit.Sample(sample);
    }

    private static string SampleTitle(string what, RunResults run, int sample) => string.Create(
        CultureInfo.InvariantCulture,
        $"{what}, test sample {sample} (class {ClassColours.Name(ClassColours.Names(run.Config.Data), run.TestSplit.Labels[sample])}, predicted {(run.Test.Predictions[sample] < 0 ? "none" : ClassColours.Name(ClassColours.Names(run.Config.Data), run.Test.Predictions[sample]))})");

    private static IReadOnlyList<(int, int, string)> MembraneNeurons(RunResults run, IReadOnlyList<(int Layer, int Neuron)>? neurons)
    {
        int last = run.Network.NeuronLayerCount - 1;
        var chosen = neurons ?? Enumerable.Range(0, run.Network.Outputs).Select(j => (last, j)).ToArray();
        return chosen.Select(n => (n.Layer, n.Neuron, n.Layer == last
            ? $"label neuron {ClassColours.Name(ClassColours.Names(run.Config.Data), n.Neuron)}"
            : string.Create(CultureInfo.InvariantCulture, $"layer {n.Layer + 1} neuron {n.Neuron}"))).ToArray();
    }
}
