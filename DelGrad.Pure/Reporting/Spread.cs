namespace DelGrad.Reporting;

/// <summary>Summary statistics of a sample of run results (what a table of seeds reports).</summary>
/// <param name="Count">Values (NaN values are left out).</param>
/// <param name="Median">Median (the mean of the two middle values for an even count, as Python's statistics.median).</param>
/// <param name="Mean">Mean.</param>
/// <param name="StandardDeviation">Sample standard deviation (n - 1); 0 for one value.</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
public readonly record struct Spread(int Count, double Median, double Mean, double StandardDeviation, double Min, double Max)
{
    /// <summary>The statistics of the finite values of <paramref name="values"/>; Count 0 and NaN fields when there are none.</summary>
    public static Spread Of(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        int n = sorted.Length;
        if (n == 0)
        {
            return new Spread(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2.0;

        // Summed in sorted order, so the result does not depend on the order the runs were found in.
        double mean = 0;
        foreach (double v in sorted)
        {
            mean += v;
        }

        mean /= n;
        double squares = 0;
        foreach (double v in sorted)
        {
            squares += (v - mean) * (v - mean);
        }

        return new Spread(n, median, mean, n > 1 ? Math.Sqrt(squares / (n - 1)) : 0.0, sorted[0], sorted[^1]);
    }
}
