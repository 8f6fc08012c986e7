using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Training;

namespace DelGrad.Plots;

/// <summary>Distributions of a trained network's parameters.</summary>
public static class ParameterCharts
{
    /// <summary>Histogram of each neuron layer's weights.</summary>
    /// <param name="spec">The network spec (its layout names the weight blocks).</param>
    /// <param name="parameters">The parameters.</param>
    /// <returns>The figure.</returns>
    public static Figure Weights(NetworkSpec spec, NetworkParameters parameters)
    {
        var blocks = spec.Layout.Blocks.Where(b => b.Kind == ParameterKind.Weights).ToArray();
        var series = blocks.Select((b, i) => new HistogramSeries(Into(i, blocks.Length), parameters.Block(b).ToArray())).ToArray();
        return new HistogramChart("synaptic weights", "weight [dimensionless]", series) { YLabel = "synapses" }.ToFigure();
    }

    /// <summary>Histogram of each neuron layer's effective delays, or null when the network has none.</summary>
    /// <param name="network">The network.</param>
    /// <param name="parameters">The parameters.</param>
    /// <returns>The figure, or null.</returns>
    public static Figure? Delays(Network network, NetworkParameters parameters)
    {
        var prepared = network.Prepare(parameters);
        var series = Enumerable.Range(0, network.NeuronLayerCount)
            .Select(l => (Layer: l, Delays: network.EffectiveDelays(prepared, l).ToArray()))
            .Where(d => d.Delays.Length > 0)
            .Select(d => new HistogramSeries(Into(d.Layer, network.NeuronLayerCount), d.Delays)).ToArray();
        return series.Length == 0 ? null : new HistogramChart("effective delays", "delay [τ_syn]", series) { YLabel = "delays" }.ToFigure();
    }

    // Names the neuron layer a parameter leads into as the layer charts do: hidden layers by number, then the output.
    private static string Into(int layer, int layers) => layer == layers - 1 ? "into the output layer" : $"into hidden layer {layer + 1}";

    /// <summary>
    /// The confusion matrix with counts and row percentages; the "silent" column (every label neuron silent)
    /// appears only when some sample was silent.
    /// </summary>
    /// <param name="evaluation">The evaluation.</param>
    /// <param name="names">Class names.</param>
    /// <param name="split">Which split (in the title).</param>
    /// <returns>The figure.</returns>
    public static Figure Confusion(SplitEvaluation evaluation, IReadOnlyList<string> names, string split = "test")
    {
        var counts = evaluation.Confusion;
        int classes = counts.GetLength(0);
        bool anySilent = counts.GetLength(1) > classes && Enumerable.Range(0, classes).Any(r => counts[r, classes] > 0);
        int cols = anySilent ? classes + 1 : classes;
        var values = new double[classes, cols];
        var totals = new int[classes];
        for (int r = 0; r < classes; r++)
        {
            for (int c = 0; c < counts.GetLength(1); c++)
            {
                totals[r] += counts[r, c];
            }

            for (int c = 0; c < cols; c++)
            {
                values[r, c] = counts[r, c];
            }
        }

        var labels = Enumerable.Range(0, classes).Select(k => ClassColours.Name(names, k)).ToList();
        var columns = anySilent ? [.. labels, "silent"] : labels;
        return new HeatmapChart($"confusion matrix ({split}, {evaluation.Accuracy * 100:F1} % correct)", values, labels, columns)
        {
            RowTitle = "true class",
            ColumnTitle = "predicted class",
            ColourBarLabel = "samples",
            CellText = (r, _, v) => totals[r] == 0 ? "0" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{v:0}\n({v * 100 / totals[r]:F1} %)"),
        }.ToFigure();
    }
}
