namespace DelGrad.Effects.Plotting;

/// <summary>The result of binning several series over a common range.</summary>
/// <param name="Min">Left edge of the first bin.</param>
/// <param name="Max">Right edge of the last bin.</param>
/// <param name="Counts">Per series, the count in each bin.</param>
/// <param name="NonFinite">Per series, the number of NaN/±inf values that were ignored.</param>
/// <param name="OutOfRange">Per series, the number of finite values outside [Min, Max] (only with a fixed range).</param>
public sealed record HistogramBinning(double Min, double Max, IReadOnlyList<IReadOnlyList<int>> Counts, IReadOnlyList<int> NonFinite, IReadOnlyList<int> OutOfRange)
{
    /// <summary>Number of bins.</summary>
    public int Bins => Counts.Count == 0 ? 0 : Counts[0].Count;

    /// <summary>
    /// Bins every series into <paramref name="bins"/> equal bins over <paramref name="range"/>, or, when null, over the
    /// extent of all finite values (widened when empty or degenerate). The right edge is inclusive for the last bin.
    /// </summary>
    /// <param name="series">The series.</param>
    /// <param name="bins">Number of bins (clamped to 1..1000).</param>
    /// <param name="range">Optional fixed range.</param>
    /// <returns>The binning.</returns>
    public static HistogramBinning Compute(IReadOnlyList<HistogramSeries> series, int bins, AxisRange? range = null)
    {
        bins = Math.Clamp(bins, 1, 1000);
        double lo, hi;
        if (range is { } r)
        {
            (lo, hi) = NiceTicks.Sanitize(r.Min, r.Max);
        }
        else
        {
            lo = double.PositiveInfinity;
            hi = double.NegativeInfinity;
            foreach (var s in series)
            {
                foreach (double v in s.Values ?? [])
                {
                    if (!double.IsFinite(v)) continue;
                    lo = Math.Min(lo, v);
                    hi = Math.Max(hi, v);
                }
            }

            (lo, hi) = NiceTicks.Sanitize(lo, hi);
        }

        var counts = new List<IReadOnlyList<int>>(series.Count);
        var nonFinite = new List<int>(series.Count);
        var outside = new List<int>(series.Count);
        double width = hi - lo;
        foreach (var s in series)
        {
            var c = new int[bins];
            int nf = 0, oor = 0;
            foreach (double v in s.Values ?? [])
            {
                if (!double.IsFinite(v)) { nf++; continue; }
                if (v < lo || v > hi) { oor++; continue; }
                double t = (v - lo) / width;
                int k = double.IsFinite(t) ? (int)Math.Floor(t * bins) : (v > lo ? bins - 1 : 0);
                c[Math.Clamp(k, 0, bins - 1)]++;
            }

            counts.Add(c);
            nonFinite.Add(nf);
            outside.Add(oor);
        }

        return new HistogramBinning(lo, hi, counts, nonFinite, outside);
    }
}
