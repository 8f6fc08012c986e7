namespace DelGrad.Training;

/// <summary>
/// One encoded data split: [N][inputs] spike times and [N] labels. Either the times themselves, or (for data whose
/// every input is a function of one byte, such as MNIST) one code per input and a 256-entry table of times, which
/// holds the same values bit for bit in an eighth of the memory.
/// </summary>
public sealed partial record DataSplit
{
    private readonly byte[]? codes;
    private readonly double[]? codeTimes;
    private double[]? inputs;

    /// <summary>A split of explicit times.</summary>
    /// <param name="Inputs">Flat input times, [N][inputs].</param>
    /// <param name="Labels">Classes.</param>
    public DataSplit(double[] Inputs, int[] Labels)
    {
        ArgumentNullException.ThrowIfNull(Inputs);
        ArgumentNullException.ThrowIfNull(Labels);
        inputs = Inputs;
        this.Labels = Labels;
        Width = Labels.Length == 0 ? 0 : Inputs.Length / Labels.Length;
    }

    private DataSplit(byte[] codes, double[] codeTimes, int width, int[] labels)
    {
        this.codes = codes;
        this.codeTimes = codeTimes;
        Labels = labels;
        Width = width;
    }

    /// <summary>
    /// A split stored as codes: input i of sample n is <c>times[codes[n * width + i]]</c>. Takes ownership of the arrays.
    /// </summary>
    /// <param name="codes">One byte per input, [N][width] flat.</param>
    /// <param name="times">The time of each code (256 entries).</param>
    /// <param name="width">Inputs per sample.</param>
    /// <param name="labels">Classes.</param>
    public static DataSplit FromCodes(byte[] codes, double[] times, int width, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(labels);
        if (times.Length != 256 || codes.Length != (long)width * labels.Length)
        {
            throw new ArgumentException($"expected {width} x {labels.Length} codes and 256 times, got {codes.Length} and {times.Length}");
        }

        return new DataSplit(codes, times, width, labels);
    }

    /// <summary>Classes.</summary>
    public int[] Labels { get; }

    /// <summary>Number of samples.</summary>
    public int Count => Labels.Length;

    /// <summary>Inputs per sample.</summary>
    public int Width { get; }

    /// <summary>True when the split is stored as codes (read samples with <see cref="Gather"/> to keep it small).</summary>
    public bool IsCoded => codes != null;

    /// <summary>All input times, flat. A coded split expands them on first use and keeps them (8 bytes per input).</summary>
    public double[] Inputs => inputs ??= Expand();

    /// <summary>The raw codes of sample <paramref name="index"/> of a coded split (empty for a split of explicit times).</summary>
    public ReadOnlySpan<byte> SampleCodes(int index) => codes == null ? default : codes.AsSpan(index * Width, Width);

    /// <summary>The input times of sample <paramref name="index"/>, as a new array (a coded split stays coded).</summary>
    public double[] Sample(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var times = new double[Width];
        Gather([index], times);
        return times;
    }

    /// <summary>Copies the input times of samples <paramref name="indices"/> into <paramref name="destination"/> ([indices.Length][Width] flat).</summary>
    public void Gather(ReadOnlySpan<int> indices, Span<double> destination)
    {
        for (int k = 0; k < indices.Length; k++)
        {
            var to = destination.Slice(k * Width, Width);
            if (codes == null)
            {
                inputs.AsSpan(indices[k] * Width, Width).CopyTo(to);
                continue;
            }

            var from = codes.AsSpan(indices[k] * Width, Width);
            for (int i = 0; i < from.Length; i++)
            {
                to[i] = codeTimes![from[i]];
            }
        }
    }

    private double[] Expand()
    {
        var all = new double[Count * Width];
        Gather(Enumerable.Range(0, Count).ToArray(), all);
        return all;
    }
}
