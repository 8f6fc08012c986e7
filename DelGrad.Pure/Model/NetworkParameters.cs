namespace DelGrad.Model;

/// <summary>
/// The numbers of a network: one flat vector laid out by <see cref="NetworkSpec.Layout"/> (weights as
/// [inputs][neurons], raw delay parameters as [rows][columns]). Immutable; equality is by value.
/// </summary>
public sealed class NetworkParameters : IEquatable<NetworkParameters>
{
    private readonly double[] values;

    /// <summary>Copies <paramref name="values"/>.</summary>
    public NetworkParameters(ReadOnlySpan<double> values) => this.values = values.ToArray();

    private NetworkParameters(double[] owned, bool _) => values = owned;

    /// <summary>The values.</summary>
    public ReadOnlySpan<double> Values => values;

    /// <summary>The values as memory (for sharing across threads without copying).</summary>
    public ReadOnlyMemory<double> Memory => values;

    /// <summary>Number of parameters.</summary>
    public int Count => values.Length;

    /// <summary>One block's values.</summary>
    public ReadOnlySpan<double> Block(ParameterBlock block) => values.AsSpan(block.Offset, block.Count);

    /// <summary>Takes ownership of an array nobody else will write while the object is in use (no copy; the trainer's
    /// epoch buffers, <see cref="Training.EpochWork"/>, rewrite theirs between batches only).</summary>
    internal static NetworkParameters Own(double[] values) => new(values, true);

    /// <inheritdoc />
    public bool Equals(NetworkParameters? other) => other is not null && values.AsSpan().SequenceEqual(other.values);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as NetworkParameters);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var v in values)
        {
            hash.Add(v);
        }

        return hash.ToHashCode();
    }
}
