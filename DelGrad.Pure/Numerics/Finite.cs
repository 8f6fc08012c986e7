namespace DelGrad.Numerics;

/// <summary>Finding NaN and infinities in parameter vectors (the divergence check, <c>Prepare</c>'s guard).</summary>
internal static class Finite
{
    /// <summary>The index of the first NaN or infinite value, or -1 when all are finite.</summary>
    public static int FirstNonFinite(ReadOnlySpan<double> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
