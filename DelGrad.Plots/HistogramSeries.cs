namespace DelGrad.Plots;

/// <summary>A named sample to bin.</summary>
/// <param name="Name">Legend label.</param>
/// <param name="Values">The sample; non-finite values (a silent neuron's +infinity) are counted, not binned.</param>
public sealed record HistogramSeries(string Name, IReadOnlyList<double> Values);
