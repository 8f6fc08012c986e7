using System.Globalization;
using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Training;
using ScottPlot;

namespace DelGrad.Plots;

/// <summary>Where a Yin-Yang network puts its classes: the test points it classified, and its decision over the whole square.</summary>
public static class YinYangCharts
{
    /// <summary>
    /// The test samples at their (x, y) coloured by predicted class, misclassified ones circled in black; square
    /// axes, legend beside the data so it hides none of it.
    /// </summary>
    /// <param name="split">The encoded test split (first two inputs: x and y).</param>
    /// <param name="evaluation">Its evaluation.</param>
    /// <param name="data">The encoding, to decode x and y.</param>
    /// <returns>The figure.</returns>
    public static Figure TestSet(DataSplit split, SplitEvaluation evaluation, DataOptions data)
    {
        var plot = Style.NewPlot(string.Create(CultureInfo.InvariantCulture, $"test set by predicted class ({evaluation.Accuracy * 100:F1} % correct)"), "x (input feature)", "y (input feature)");
        AddPoints(plot, split, evaluation.Predictions, data, errorsOnly: false);
        Square(plot);
        return new Figure(plot, 720, 600);
    }

    /// <summary>
    /// The class the network predicts at every point of the unit square (a <paramref name="resolution"/>²
    /// grid of exact forward passes, inputs encoded as the data are), with the test samples on top (misclassified
    /// ones circled) and the Yin-Yang circle for reference. Grey: every label neuron silent.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="parameters">Its parameters.</param>
    /// <param name="data">The encoding of x and y.</param>
    /// <param name="split">Test samples to overlay (null for none).</param>
    /// <param name="evaluation">Their evaluation.</param>
    /// <param name="resolution">Grid points per side.</param>
    /// <returns>The figure.</returns>
    public static Figure DecisionMap(Network network, NetworkParameters parameters, DataOptions data, DataSplit? split = null, SplitEvaluation? evaluation = null, int resolution = 200)
    {
        int n = Math.Clamp(resolution, 2, 1000);
        var prepared = network.Prepare(parameters);
        var workspace = network.CreateWorkspace();
        var input = new double[network.Inputs];
        var classes = new double[n, n];
        for (int row = 0; row < n; row++)
        {
            double y = 1 - ((row + 0.5) / n);
            for (int col = 0; col < n; col++)
            {
                double x = (col + 0.5) / n;
                Encode(x, y, data, input);
                int predicted = Classification.Predict(network.Forward(prepared, input, workspace));
                classes[row, col] = predicted < 0 ? double.NaN : predicted;
            }
        }

        var plot = Style.NewPlot("decision map: predicted class over the input square", "x (input feature)", "y (input feature)");
        if (classes.Cast<double>().Any(double.IsFinite))
        {
            var heatmap = plot.Add.Heatmap(classes);
            heatmap.Colormap = ClassColours.Areas(network.Outputs);
            heatmap.ManualRange = new ScottPlot.Range(0, Math.Max(1, network.Outputs - 1));
            heatmap.NaNCellColor = Colors.LightGray;
            heatmap.Extent = new CoordinateRect(0, 1, 0, 1);
        }
        else
        {
            // A heatmap of nothing but NaN has no colour range; say what the reader would otherwise have to guess.
            var note = plot.Add.Text("every label neuron silent everywhere", 0.5, 0.5);
            note.Alignment = Alignment.MiddleCenter;
            note.LabelStyle.FontSize = 16;
        }

        var circle = plot.Add.Circle(0.5, 0.5, 0.5);
        circle.LineColor = Colors.Black.WithAlpha(0.5);
        circle.LineWidth = 1;
        circle.FillColor = Colors.Transparent;
        if (split is not null && evaluation is not null)
        {
            AddPoints(plot, split, evaluation.Predictions, data, errorsOnly: false);
        }

        Square(plot);
        return new Figure(plot, 720, 600);
    }

    /// <summary>Fills <paramref name="input"/> with the Yin-Yang features (x, y, 1 - x, 1 - y) of a point, encoded as spike times.</summary>
    internal static void Encode(double x, double y, DataOptions data, double[] input)
    {
        double[] features = [x, y, 1 - x, 1 - y];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = DelGrad.Data.SpikeEncoding.Encode(features[i % features.Length], data.Early, data.Late);
        }
    }

    private static void AddPoints(Plot plot, DataSplit split, int[] predictions, DataOptions data, bool errorsOnly)
    {
        int width = split.Inputs.Length / Math.Max(split.Count, 1);
        double span = data.Late - data.Early;
        double X(int k) => (split.Inputs[k * width] - data.Early) / span;
        double Y(int k) => (split.Inputs[(k * width) + 1] - data.Early) / span;
        int classes = Math.Max(predictions.DefaultIfEmpty(0).Max(), split.Labels.DefaultIfEmpty(0).Max()) + 1;
        for (int c = -1; c < classes && !errorsOnly; c++)
        {
            var members = Enumerable.Range(0, split.Count).Where(k => predictions[k] == c).ToArray();
            if (members.Length == 0)
            {
                continue;
            }

            var markers = plot.Add.Markers(members.Select(X).ToArray(), members.Select(Y).ToArray(), MarkerShape.FilledCircle, 6, c < 0 ? Colors.Gray : Palette.Get(c));
            markers.LegendText = c < 0 ? "no spike" : ClassColours.Name(ClassColours.YinYangNames, c);
        }

        var errors = Enumerable.Range(0, split.Count).Where(k => predictions[k] != split.Labels[k]).ToArray();
        if (errors.Length > 0)
        {
            var wrong = plot.Add.Markers(errors.Select(X).ToArray(), errors.Select(Y).ToArray(), MarkerShape.OpenCircle, 11, Colors.Black);
            wrong.MarkerLineWidth = 1.5f;
            wrong.LegendText = string.Create(CultureInfo.InvariantCulture, $"misclassified ({errors.Length})");
        }
    }

    private static void Square(Plot plot)
    {
        plot.Axes.SetLimits(-0.02, 1.02, -0.02, 1.02);
        plot.Axes.SquareUnits();
        plot.ShowLegend(Edge.Right);
    }
}
