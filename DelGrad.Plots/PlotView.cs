namespace DelGrad.Plots;

/// <summary>The views of a trained run that <see cref="RunPlots"/> draws.</summary>
public enum PlotView
{
    /// <summary>Training and validation loss per epoch (loss).</summary>
    Loss,

    /// <summary>Training and validation accuracy per epoch with the test accuracy (accuracy).</summary>
    Accuracy,

    /// <summary>Test samples by predicted class (yinyang-test).</summary>
    YinYangTest,

    /// <summary>The predicted class over the whole input square (decision).</summary>
    Decision,

    /// <summary>Label neurons' spike times on their own class (spike-times).</summary>
    SpikeTimes,

    /// <summary>Confusion matrix (confusion).</summary>
    Confusion,

    /// <summary>Weight histograms (weights).</summary>
    Weights,

    /// <summary>Effective-delay histograms, for networks with delays (delays).</summary>
    Delays,

    /// <summary>One sample's spikes through every layer (raster).</summary>
    Raster,

    /// <summary>Exact membrane traces of chosen neurons for one sample (membrane).</summary>
    Membrane,

    /// <summary>The first misclassified test digits with true and predicted labels (digit data sets).</summary>
    Misclassified,

    /// <summary>Label-layer spike times, true class against the others (digit data sets).</summary>
    LabelTimes,
}

/// <summary>Names of <see cref="PlotView"/>s as files and command-line words.</summary>
public static class PlotViews
{
    private static readonly (PlotView View, string Name)[] Names =
    [
        (PlotView.Loss, "loss"), (PlotView.Accuracy, "accuracy"), (PlotView.YinYangTest, "yinyang-test"), (PlotView.Decision, "decision"),
        (PlotView.SpikeTimes, "spike-times"), (PlotView.Confusion, "confusion"), (PlotView.Weights, "weights"), (PlotView.Delays, "delays"),
        (PlotView.Raster, "raster"), (PlotView.Membrane, "membrane"), (PlotView.Misclassified, "misclassified"), (PlotView.LabelTimes, "label-times"),
    ];

    /// <summary>Every view.</summary>
    public static IReadOnlyList<PlotView> All { get; } = Names.Select(n => n.View).ToArray();

    /// <summary>The views a finished training run writes into its directory.</summary>
    public static IReadOnlyList<PlotView> RunDirectory { get; } =
        [PlotView.Loss, PlotView.Accuracy, PlotView.YinYangTest, PlotView.Decision, PlotView.SpikeTimes, PlotView.Confusion, PlotView.Weights, PlotView.Delays, PlotView.Misclassified, PlotView.LabelTimes];

    /// <summary>The views that apply to a data set: the Yin-Yang views for Yin-Yang, the digit views for MNIST.</summary>
    /// <param name="data">The data options.</param>
    /// <returns>The views, in <see cref="All"/>'s order.</returns>
    public static IReadOnlyList<PlotView> Applicable(DelGrad.Training.DataOptions data) =>
        All.Where(v => v switch
        {
            PlotView.YinYangTest or PlotView.Decision => data.IsYinYang,
            PlotView.Misclassified or PlotView.LabelTimes => !data.IsYinYang,
            _ => true,
        }).ToArray();

    /// <summary>The view's name: its file name without extension and its command-line word.</summary>
    /// <param name="view">The view.</param>
    /// <returns>The name.</returns>
    public static string Name(this PlotView view) => Names.First(n => n.View == view).Name;

    /// <summary>The view called <paramref name="name"/>, or null.</summary>
    /// <param name="name">A name as <see cref="Name"/> gives it.</param>
    /// <returns>The view or null.</returns>
    public static PlotView? Parse(string name) => Names.Where(n => n.Name == name).Select(n => (PlotView?)n.View).FirstOrDefault();
}
