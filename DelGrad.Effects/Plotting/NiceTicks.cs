using System.Globalization;

namespace DelGrad.Effects.Plotting;

/// <summary>
/// "Nice numbers" axis ticks: steps of 1, 2, 2.5 or 5 times a power of ten, chosen as the finest step whose ticks
/// cover the data range with at most the requested number of ticks; plus decade ticks for log axes and tick-label formatting.
/// </summary>
public static class NiceTicks
{
    private static readonly double[] Mantissas = [1, 2, 2.5, 5];

    /// <summary>
    /// Ticks t_0 &lt; ... &lt; t_k with t_0 &lt;= min and t_k &gt;= max, 2 &lt;= count &lt;= <paramref name="maxTicks"/>.
    /// Non-finite bounds are ignored (falling back to [0, 1]); equal bounds are widened around the value.
    /// </summary>
    /// <param name="min">Smallest data value.</param>
    /// <param name="max">Largest data value.</param>
    /// <param name="maxTicks">Maximum number of ticks (clamped to 2..12).</param>
    /// <param name="integerSteps">Only use whole-number steps (1, 2, 5, 10, 20, 25, ...), e.g. for count axes.</param>
    /// <returns>The tick values, strictly increasing.</returns>
    public static IReadOnlyList<double> Linear(double min, double max, int maxTicks = 8, bool integerSteps = false)
    {
        maxTicks = Math.Clamp(maxTicks, 2, 12);
        (min, max) = Sanitize(min, max);
        double range = max - min;
        if (!double.IsFinite(range)) return [min, max];

        int exponent = (int)Math.Floor(Math.Log10(range / maxTicks)) - 1;
        if (integerSteps) exponent = Math.Max(exponent, 0);
        for (int e = exponent; e < exponent + 6; e++)
        {
            foreach (double m in Mantissas)
            {
                double step = m * Math.Pow(10, e);
                if (!double.IsFinite(step) || step <= 0) continue;
                if (integerSteps && (step < 1 || step != Math.Floor(step))) continue;
                double lo = Math.Floor(min / step), hi = Math.Ceiling(max / step);
                while (lo * step > min) lo--;
                while (hi * step < max) hi++;
                if (hi - lo + 1 > maxTicks || !double.IsFinite(lo * step) || !double.IsFinite(hi * step)) continue;
                var ticks = new List<double>((int)(hi - lo + 1));
                for (double k = lo; k <= hi; k++) ticks.Add(Clean(k * step, step));
                if (IsStrictlyIncreasing(ticks)) return ticks;
            }
        }

        return [min, max];
    }

    /// <summary>
    /// Decade ticks 10^a .. 10^b covering [min, max] for a log axis (non-positive or non-finite bounds fall back to
    /// [1, 10]); when there would be more than <paramref name="maxTicks"/>, every k-th decade is used.
    /// </summary>
    /// <param name="min">Smallest positive data value.</param>
    /// <param name="max">Largest data value.</param>
    /// <param name="maxTicks">Maximum number of ticks (clamped to 2..12).</param>
    /// <returns>The tick values, strictly increasing, first &lt;= min, last &gt;= max.</returns>
    public static IReadOnlyList<double> Log10(double min, double max, int maxTicks = 8)
    {
        maxTicks = Math.Clamp(maxTicks, 2, 12);
        if (!(min > 0) || !double.IsFinite(min)) min = max > 0 && double.IsFinite(max) ? max / 10 : 1;
        if (!(max > 0) || !double.IsFinite(max)) max = min * 10;
        if (max < min) (min, max) = (max, min);
        // Both ends inside [1e-300, 1e300] (a minimum near double.MaxValue would otherwise exceed the clamp's upper bound).
        min = Math.Clamp(min, 1e-300, 1e300);
        max = Math.Clamp(max, min, 1e300);
        int a = (int)Math.Floor(Math.Log10(min));
        int b = (int)Math.Ceiling(Math.Log10(max));
        while (Math.Pow(10, a) > min && a > -330) a--;
        while (Math.Pow(10, b) < max && b < 310) b++;
        if (b <= a) b = a + 1;
        int stride = 1;
        while (((b - a + stride - 1) / stride) + 1 > maxTicks) stride++;
        b = a + (((b - a + stride - 1) / stride) * stride);
        var ticks = new List<double>();
        for (int e = a; e <= b; e += stride) ticks.Add(Math.Pow(10, e));
        return ticks;
    }

    /// <summary>Formats a linear tick with just enough decimals for <paramref name="step"/> (invariant culture, no "-0").</summary>
    /// <param name="value">Tick value.</param>
    /// <param name="step">Spacing between ticks.</param>
    /// <returns>The label.</returns>
    public static string Format(double value, double step)
    {
        if (!double.IsFinite(value)) return value.ToString(CultureInfo.InvariantCulture);
        step = Math.Abs(step);
        if (!(step > 0) || !double.IsFinite(step)) return FormatCompact(value);
        if (Math.Abs(value) < step * 1e-6) value = 0;
        if (Math.Abs(value) >= 1e6 || (step < 1e-4 && value != 0)) return FormatCompact(value);
        double mant = step / Math.Pow(10, Math.Floor(Math.Log10(step)));
        bool quarter = Math.Abs(mant - 2.5) < 1e-6;
        int decimals = Math.Clamp((int)Math.Ceiling(-Math.Log10(step) - 1e-9) + (quarter ? 1 : 0), 0, 10);
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>Short general-purpose number label: plain for moderate magnitudes, otherwise exponent form like "1e-5".</summary>
    /// <param name="value">The value.</param>
    /// <returns>The label.</returns>
    public static string FormatCompact(double value)
    {
        if (!double.IsFinite(value)) return value.ToString(CultureInfo.InvariantCulture);
        double a = Math.Abs(value);
        if (a == 0) return "0";
        if (a >= 1e-3 && a < 1e6) return value.ToString("0.####", CultureInfo.InvariantCulture);
        return value.ToString("0.##e0", CultureInfo.InvariantCulture);
    }

    /// <summary>Replaces non-finite bounds and widens empty ranges so that min &lt; max.</summary>
    internal static (double Min, double Max) Sanitize(double min, double max)
    {
        if (!double.IsFinite(min) && !double.IsFinite(max)) return (0, 1);
        if (!double.IsFinite(min)) min = max;
        if (!double.IsFinite(max)) max = min;
        if (max < min) (min, max) = (max, min);
        double mag = Math.Max(Math.Abs(min), Math.Abs(max));
        if (max - min <= mag * 1e-9 || max - min < 1e-290)
        {
            double c = (min / 2) + (max / 2);
            double half = Math.Abs(c) < 1e-290 ? 1 : Math.Abs(c) * 0.1;
            double lo = c - half, hi = c + half;
            if (!double.IsFinite(lo) || !double.IsFinite(hi)) return c >= 0 ? (c * 0.9, c) : (c, c * 0.9);
            return (lo, hi);
        }

        return (min, max);
    }

    private static double Clean(double v, double step) => Math.Abs(v) < step * 1e-9 ? 0.0 : v;

    private static bool IsStrictlyIncreasing(List<double> xs)
    {
        for (int i = 1; i < xs.Count; i++)
        {
            if (!(xs[i] > xs[i - 1])) return false;
        }

        return true;
    }
}
