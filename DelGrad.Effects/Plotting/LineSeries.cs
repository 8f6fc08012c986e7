namespace DelGrad.Effects.Plotting;

/// <summary>A named line series; points with a non-finite coordinate (or y &lt;= 0 on a log axis) break the line.</summary>
/// <param name="Name">Legend label.</param>
/// <param name="X">X coordinates.</param>
/// <param name="Y">Y coordinates (only the first min(|X|, |Y|) points are used).</param>
public sealed record LineSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    /// <summary>Draw the line dashed.</summary>
    public bool Dashed { get; init; }

    /// <summary>A series over x = 0, 1, ..., n - 1 (e.g. epochs).</summary>
    /// <param name="name">Legend label.</param>
    /// <param name="y">The values.</param>
    /// <returns>The series.</returns>
    public static LineSeries FromValues(string name, IReadOnlyList<double> y)
        => new(name, Enumerable.Range(0, y.Count).Select(i => (double)i).ToArray(), y);
}
