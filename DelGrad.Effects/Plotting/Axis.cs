namespace DelGrad.Effects.Plotting;

/// <summary>A resolved axis: visible range, scale and labelled ticks.</summary>
internal sealed record Axis(double Min, double Max, bool Log, IReadOnlyList<double> Ticks, IReadOnlyList<string> Labels)
{
    /// <summary>Builds an axis from the finite data extent (or a fixed range) with nice ticks.</summary>
    internal static Axis Create(double dataMin, double dataMax, bool log, AxisRange? fixedRange, int maxTicks, bool integerSteps = false)
    {
        if (log)
        {
            if (fixedRange is { } fr && fr.Min > 0 && fr.Max > fr.Min && double.IsFinite(fr.Max))
            {
                var all = NiceTicks.Log10(fr.Min, fr.Max, maxTicks);
                var inside = all.Where(t => t >= fr.Min * (1 - 1e-9) && t <= fr.Max * (1 + 1e-9)).ToList();
                return new Axis(fr.Min, fr.Max, true, inside, inside.Select(NiceTicks.FormatCompact).ToList());
            }

            var ticks = NiceTicks.Log10(dataMin, dataMax, maxTicks);
            return new Axis(ticks[0], ticks[^1], true, ticks, ticks.Select(NiceTicks.FormatCompact).ToList());
        }

        if (fixedRange is { } r)
        {
            var (lo, hi) = NiceTicks.Sanitize(r.Min, r.Max);
            var all = NiceTicks.Linear(lo, hi, maxTicks);
            double eps = (hi - lo) * 1e-9;
            var inside = all.Where(t => t >= lo - eps && t <= hi + eps).ToList();
            return new Axis(lo, hi, false, inside, MakeLabels(inside, all));
        }

        var lin = NiceTicks.Linear(dataMin, dataMax, maxTicks, integerSteps);
        return new Axis(lin[0], lin[^1], false, lin, MakeLabels(lin, lin));
    }

    /// <summary>Maps a data value to the unit interval of the axis (0 = Min); NaN when not representable (e.g. non-positive on a log axis).</summary>
    internal double Normalize(double v)
    {
        if (Log)
        {
            if (!(v > 0)) return double.NaN;
            double a = Math.Log10(Min), b = Math.Log10(Max);
            return (Math.Log10(v) - a) / (b - a);
        }

        double t = (v - Min) / (Max - Min);
        return double.IsFinite(t) ? t : (v - Min) > 0 ? double.PositiveInfinity : double.NegativeInfinity;
    }

    private static List<string> MakeLabels(IReadOnlyList<double> ticks, IReadOnlyList<double> all)
    {
        double step = all.Count >= 2 ? all[1] - all[0] : 0;
        return ticks.Select(t => NiceTicks.Format(t, step)).ToList();
    }
}
