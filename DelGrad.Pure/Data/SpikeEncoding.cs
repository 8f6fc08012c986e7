namespace DelGrad.Data;

/// <summary>
/// Time-to-first-spike encoding of feature values in [0, 1]: <c>t = early + v * (late - early)</c>
/// (reference: <c>0.15 + 1.85 v</c>, in units of the synaptic time constant).
/// </summary>
public static class SpikeEncoding
{
    /// <summary>Default spike time of the value 0.</summary>
    public const double DefaultEarly = 0.15;

    /// <summary>Default spike time of the value 1.</summary>
    public const double DefaultLate = 2.0;

    /// <summary>Encodes <paramref name="values"/> into <paramref name="times"/>: <c>t = early + v * (late - early)</c>.</summary>
    /// <param name="values">Feature values.</param>
    /// <param name="times">Destination, same length as <paramref name="values"/>.</param>
    /// <param name="early">Spike time of the value 0.</param>
    /// <param name="late">Spike time of the value 1.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Encode(ReadOnlySpan<double> values, Span<double> times, double early = DefaultEarly, double late = DefaultLate)
    {
        if (times.Length != values.Length)
        {
            throw new ArgumentException(
                $"Destination length {times.Length} differs from source length {values.Length}.", nameof(times));
        }

        double span = late - early;
        for (int i = 0; i < values.Length; i++)
        {
            times[i] = early + values[i] * span;
        }
    }

    /// <summary>Encodes one value: <c>early + v * (late - early)</c>.</summary>
    /// <param name="value">Feature value.</param>
    /// <param name="early">Spike time of the value 0.</param>
    /// <param name="late">Spike time of the value 1.</param>
    /// <returns>The spike time.</returns>
    public static double Encode(double value, double early = DefaultEarly, double late = DefaultLate) =>
        early + value * (late - early);

    /// <summary>
    /// Encodes every sample of <paramref name="data"/>; the result is a new flat row-major array
    /// (<c>data.Count x data.Features</c>) of spike times.
    /// </summary>
    /// <param name="data">The data set.</param>
    /// <param name="early">Spike time of the value 0.</param>
    /// <param name="late">Spike time of the value 1.</param>
    /// <returns>A fresh array owned by the caller.</returns>
    public static double[] EncodeAll(YinYangDataSet data, double early = DefaultEarly, double late = DefaultLate)
    {
        ArgumentNullException.ThrowIfNull(data);
        var times = new double[data.Count * data.Features];
        Encode(data.SampleSpan, times, early, late);
        return times;
    }
}
