using System.Globalization;
using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Training;
using ScottPlot;

namespace DelGrad.Plots;

/// <summary>Spikes of a network: one sample's raster through every layer, exact membrane traces, output spike-time histograms.</summary>
public static class SpikeCharts
{
    private const string TimeLabel = "time [τ_syn]";

    /// <summary>
    /// Every spike of one sample: the input spikes, then each neuron layer's first spikes (the same forward pass
    /// the trainer runs), one row per neuron, layers separated and named on the left. Silent neurons have an
    /// empty row and are counted in the legend.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="parameters">Its parameters.</param>
    /// <param name="input">The sample's input spike times.</param>
    /// <param name="title">Title (e.g. which sample and its label).</param>
    /// <param name="outputNames">Names of the label neurons (their rows are labelled with them), or null.</param>
    /// <returns>The figure.</returns>
    public static Figure Raster(Network network, NetworkParameters parameters, IReadOnlyList<double> input, string title, IReadOnlyList<string>? outputNames = null)
    {
        var layers = new List<(string Name, double[] Times)> { ("input", input.ToArray()) };
        var outputs = network.Run(parameters, SpikeTrain.Of(input.ToArray()));
        for (int l = 0; l < outputs.Count; l++)
        {
            layers.Add((l == outputs.Count - 1 ? "output" : $"hidden {l + 1}", outputs[l].Times.ToArray()));
        }

        var plot = Style.NewPlot(title, TimeLabel, "neuron (by layer)");
        var ticks = new List<(double Y, string Label)>();
        int row = 0, total = layers.Sum(l => l.Times.Length);
        for (int l = 0; l < layers.Count; l++)
        {
            var (name, times) = layers[l];
            var rows = Enumerable.Range(0, times.Length).Where(i => double.IsFinite(times[i])).ToArray();
            var markers = plot.Add.Markers(rows.Select(i => times[i]).ToArray(), rows.Select(i => (double)(row + i)).ToArray(), MarkerShape.VerticalBar, total > 60 ? 8 : 14, Palette.Get(l));
            markers.MarkerLineWidth = 2;
            int silent = times.Length - rows.Length;
            markers.LegendText = silent > 0 ? string.Create(CultureInfo.InvariantCulture, $"{name}: {rows.Length} of {times.Length} spiked") : $"{name}: all {times.Length} spiked";
            if (l == layers.Count - 1 && outputNames is not null)
            {
                // Label neurons by their class: the reader sees at once which one fired first.
                ticks.AddRange(Enumerable.Range(0, times.Length).Select(i => (row + (double)i, $"{name} {ClassColours.Name(outputNames, i)}")));
            }
            else
            {
                ticks.Add((row + ((times.Length - 1) / 2.0), times.Length > 1 ? string.Create(CultureInfo.InvariantCulture, $"{name} (0-{times.Length - 1})") : name));
            }

            row += times.Length;
            if (l + 1 < layers.Count)
            {
                plot.Add.HorizontalLine(row - 0.5, 1, Colors.Gray, LinePattern.Dotted);
            }
        }

        plot.Axes.Left.SetTicks(ticks.Select(t => t.Y).ToArray(), ticks.Select(t => t.Label).ToArray());
        double end = layers.SelectMany(l => l.Times).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        plot.Axes.SetLimits(0, end * 1.05, row - 0.5, -0.5);
        plot.ShowLegend(Edge.Bottom);
        return new Figure(plot, 800, Math.Clamp(220 + (row * 16), 420, 1000));
    }

    /// <summary>
    /// The exact membrane potential V(t) of chosen neurons for one sample (<see cref="Network.Membrane"/>), with the
    /// threshold dashed and each spike marked where the trace crosses it. After its first spike a neuron's
    /// trace continues as if it had not fired (time-to-first-spike coding uses only the first spike).
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="parameters">Its parameters.</param>
    /// <param name="input">The sample's input spike times.</param>
    /// <param name="neurons">(neuron layer index from 0, neuron index) pairs with their legend names.</param>
    /// <param name="title">Title.</param>
    /// <param name="points">Time points per trace.</param>
    /// <returns>The figure.</returns>
    public static Figure Membrane(Network network, NetworkParameters parameters, IReadOnlyList<double> input, IReadOnlyList<(int Layer, int Neuron, string Name)> neurons, string title, int points = 1500)
    {
        var traces = neurons.Select(n => (n.Name, Trace: network.Membrane(parameters, input.ToArray(), n.Layer, n.Neuron, [0.0]))).ToArray();

        // Time axis: to a little after the last chosen spike (or the last input when all are silent).
        var spikes = traces.Select(t => t.Trace.SpikeTime).Where(double.IsFinite).ToArray();
        double end = (spikes.Length > 0 ? spikes.Max() : traces.SelectMany(t => t.Trace.Arrivals).Concat(input).Where(double.IsFinite).DefaultIfEmpty(1).Max()) + 1;
        var times = Enumerable.Range(0, points).Select(k => end * k / (points - 1)).ToArray();
        var plot = Style.NewPlot(title, TimeLabel, "membrane potential V [threshold units]");
        double threshold = double.NaN, leak = 0, lowest = double.PositiveInfinity;
        for (int k = 0; k < traces.Length; k++)
        {
            var trace = network.Membrane(parameters, input.ToArray(), neurons[k].Layer, neurons[k].Neuron, times);
            (threshold, leak) = (trace.Threshold, trace.Leak);
            lowest = Math.Min(lowest, trace.Potential.Min());
            int cut = double.IsFinite(trace.SpikeTime) ? times.Count(t => t <= trace.SpikeTime) : times.Length;
            var before = plot.Add.ScatterLine(times[..cut].Append(Math.Min(trace.SpikeTime, end)).ToArray(), trace.Potential[..cut].Append(double.IsFinite(trace.SpikeTime) ? trace.Threshold : trace.Potential[^1]).ToArray(), Palette.Get(k));
            before.LineWidth = 2.5f;
            before.LegendText = double.IsFinite(trace.SpikeTime) ? string.Create(CultureInfo.InvariantCulture, $"{traces[k].Name}: spike at {trace.SpikeTime:F3}") : $"{traces[k].Name}: silent";
            if (cut < times.Length)
            {
                // Without a reset the potential goes on rising; faded, as it no longer matters for the output.
                var after = plot.Add.ScatterLine(times[cut..], trace.Potential[cut..], Palette.Get(k).WithAlpha(0.35));
                after.LineWidth = 1.5f;
                after.LinePattern = LinePattern.Dashed;
                plot.Add.Markers(new[] { trace.SpikeTime }, new[] { trace.Threshold }, MarkerShape.FilledCircle, 10, Palette.Get(k));
            }
        }

        if (double.IsFinite(threshold))
        {
            var line = plot.Add.HorizontalLine(threshold, 1.5f, Colors.Black, LinePattern.Dashed);
            line.LegendText = "threshold";
            double range = threshold - leak;
            plot.Axes.SetLimits(0, end, Math.Min(leak - (0.2 * range), lowest - (0.05 * range)), leak + (1.8 * range));
        }

        plot.ShowLegend(Alignment.UpperLeft);
        return new Figure(plot);
    }

    /// <summary>Histogram of each label neuron's spike time on the samples of its own class (silent ones counted).</summary>
    /// <param name="split">The split.</param>
    /// <param name="evaluation">Its evaluation (with outputs).</param>
    /// <param name="classes">Label neurons.</param>
    /// <param name="names">Class names.</param>
    /// <returns>The figure.</returns>
    public static Figure LabelSpikeTimes(DataSplit split, SplitEvaluation evaluation, int classes, IReadOnlyList<string> names)
    {
        var series = Enumerable.Range(0, classes).Select(c => new HistogramSeries(
            $"{ClassColours.Name(names, c)} neuron on {ClassColours.Name(names, c)} samples",
            Enumerable.Range(0, split.Count).Where(k => split.Labels[k] == c).Select(k => evaluation.Outputs[(k * classes) + c]).ToArray())).ToArray();
        return new HistogramChart("label neurons' spike times on their own class (test)", TimeLabel, series) { YLabel = "samples" }.ToFigure();
    }
}
