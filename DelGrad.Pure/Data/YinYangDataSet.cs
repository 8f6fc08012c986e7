namespace DelGrad.Data;

/// <summary>
/// An immutable Yin-Yang data set: <see cref="Count"/> samples of <see cref="Features"/> = 4 values
/// <c>[x, y, 1 - x, 1 - y]</c> (row-major, flat) and their labels in {0, 1, 2}
/// (0 = yin, 1 = yang, 2 = dot).
/// </summary>
/// <remarks>
/// The backing arrays are private and never handed out; only read-only views are exposed.
/// Equality is structural: two data sets are equal when their samples and labels are equal element by element.
/// </remarks>
public sealed record YinYangDataSet
{
    /// <summary>Number of features per sample (<c>x, y, 1 - x, 1 - y</c>).</summary>
    public const int FeatureCount = 4;

    /// <summary>Number of classes (yin, yang, dot).</summary>
    public const int ClassCount = 3;

    private readonly double[] _samples;
    private readonly int[] _labels;

    /// <summary>
    /// Creates a data set from copies of <paramref name="samples"/> (row-major, <c>labels.Length x 4</c>)
    /// and <paramref name="labels"/>.
    /// </summary>
    /// <param name="samples">Flat row-major features, four per sample.</param>
    /// <param name="labels">One label in {0, 1, 2} per sample.</param>
    /// <exception cref="ArgumentException">The lengths do not match or a label is out of range.</exception>
    public YinYangDataSet(ReadOnlySpan<double> samples, ReadOnlySpan<int> labels)
        : this(samples.ToArray(), labels.ToArray())
    {
    }

    /// <summary>Takes ownership of the arrays (callers must not keep or mutate them).</summary>
    internal YinYangDataSet(double[] samples, int[] labels)
    {
        if (samples.Length != labels.Length * FeatureCount)
        {
            throw new ArgumentException(
                $"Expected {labels.Length * FeatureCount} feature values for {labels.Length} labels, got {samples.Length}.",
                nameof(samples));
        }

        foreach (int label in labels)
        {
            if ((uint)label >= ClassCount)
            {
                throw new ArgumentException($"Label {label} is not in {{0, 1, 2}}.", nameof(labels));
            }
        }

        _samples = samples;
        _labels = labels;
    }

    /// <summary>Number of samples.</summary>
    public int Count => _labels.Length;

    /// <summary>Number of features per sample (always 4).</summary>
    public int Features => FeatureCount;

    /// <summary>Number of classes (always 3).</summary>
    public int Classes => ClassCount;

    /// <summary>All samples, flat and row-major (<see cref="Count"/> x 4), read-only.</summary>
    public ReadOnlyMemory<double> Samples => _samples;

    /// <summary>All samples as a read-only span (row-major, <see cref="Count"/> x 4).</summary>
    public ReadOnlySpan<double> SampleSpan => _samples;

    /// <summary>All labels, read-only.</summary>
    public ReadOnlyMemory<int> Labels => _labels;

    /// <summary>All labels as a read-only span.</summary>
    public ReadOnlySpan<int> LabelSpan => _labels;

    /// <summary>The four features <c>[x, y, 1 - x, 1 - y]</c> of sample <paramref name="i"/>.</summary>
    /// <param name="i">Sample index in [0, <see cref="Count"/>).</param>
    /// <returns>A read-only view of the sample's features.</returns>
    public ReadOnlySpan<double> Sample(int i)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(i);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, Count);
        return new ReadOnlySpan<double>(_samples, i * FeatureCount, FeatureCount);
    }

    /// <summary>The label of sample <paramref name="i"/>.</summary>
    /// <param name="i">Sample index in [0, <see cref="Count"/>).</param>
    /// <returns>0 (yin), 1 (yang) or 2 (dot).</returns>
    public int Label(int i) => _labels[i];

    /// <summary>Structural equality: same samples (by <see cref="double.Equals(double)"/>) and same labels.</summary>
    /// <param name="other">The data set to compare with.</param>
    /// <returns><see langword="true"/> when both hold the same samples and labels.</returns>
    public bool Equals(YinYangDataSet? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (_samples.AsSpan().SequenceEqual(other._samples) && _labels.AsSpan().SequenceEqual(other._labels)));

    /// <summary>A hash of the count and the first sample and label.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() =>
        Count == 0 ? 0 : HashCode.Combine(Count, _samples[0], _samples[1], _labels[0]);

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Count = ").Append(Count);
        return true;
    }
}
