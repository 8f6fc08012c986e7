namespace DelGrad.Effects.Plotting;

/// <summary>A named sample to be binned (e.g. output spike times; +inf marks a silent neuron).</summary>
/// <param name="Name">Legend label.</param>
/// <param name="Values">The sample; NaN and ±inf values are not binned but counted as "silent/inf".</param>
public sealed record HistogramSeries(string Name, IReadOnlyList<double> Values);
