namespace DelGrad.Effects.Plotting;

/// <summary>Small geometric helpers shared by the chart renderers.</summary>
internal static class Geometry
{
    /// <summary>Liang-Barsky clipping of segment (x0, y0)-(x1, y1) to the closed rectangle; false when nothing is left or inputs are not finite.</summary>
    internal static bool ClipSegment(double x0, double y0, double x1, double y1, double xmin, double ymin, double xmax, double ymax,
        out (double X, double Y) a, out (double X, double Y) b)
    {
        a = default;
        b = default;
        if (!double.IsFinite(x0) || !double.IsFinite(y0) || !double.IsFinite(x1) || !double.IsFinite(y1)) return false;
        double t0 = 0, t1 = 1, dx = x1 - x0, dy = y1 - y0;
        if (!double.IsFinite(dx) || !double.IsFinite(dy)) return false;
        if (!Clip(-dx, x0 - xmin, ref t0, ref t1) || !Clip(dx, xmax - x0, ref t0, ref t1)
            || !Clip(-dy, y0 - ymin, ref t0, ref t1) || !Clip(dy, ymax - y0, ref t0, ref t1))
        {
            return false;
        }

        a = (x0 + (t0 * dx), y0 + (t0 * dy));
        b = (x0 + (t1 * dx), y0 + (t1 * dy));
        return true;
    }

    private static bool Clip(double p, double q, ref double t0, ref double t1)
    {
        if (p == 0) return q >= 0;
        double r = q / p;
        if (p < 0)
        {
            if (r > t1) return false;
            if (r > t0) t0 = r;
        }
        else
        {
            if (r < t0) return false;
            if (r < t1) t1 = r;
        }

        return true;
    }
}
