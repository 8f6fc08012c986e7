using System.Collections.Immutable;

namespace DelGrad.Model;

/// <summary>
/// First-spike times of a population, one per neuron; +infinity means the neuron stayed silent.
/// An immutable value for the edges of the library (records describe); kernels work on spans.
/// </summary>
public sealed record SpikeTrain
{
    private SpikeTrain(ImmutableArray<double> times) => Times = times;

    /// <summary>The times, one per neuron (+infinity = silent).</summary>
    public ImmutableArray<double> Times { get; }

    /// <summary>Number of neurons.</summary>
    public int Count => Times.Length;

    /// <summary>The time of neuron <paramref name="i"/>.</summary>
    public double this[int i] => Times[i];

    /// <summary>Neurons that spiked.</summary>
    public int Spiking => Times.Count(double.IsFinite);

    /// <summary>The earliest spiking neuron (the predicted class), or -1 when all are silent.</summary>
    public int First
    {
        get
        {
            int best = -1;
            for (int i = 0; i < Times.Length; i++)
            {
                if (double.IsFinite(Times[i]) && (best < 0 || Times[i] < Times[best]))
                {
                    best = i;
                }
            }

            return best;
        }
    }

    /// <summary>A spike train from times; NaN is not a time and is rejected (use +infinity for silence).</summary>
    public static SpikeTrain Of(params ReadOnlySpan<double> times)
    {
        for (int i = 0; i < times.Length; i++)
        {
            if (double.IsNaN(times[i]) || double.IsNegativeInfinity(times[i]))
            {
                throw new ArgumentException($"times[{i}]: must be a time or +infinity (silent), got {times[i]}", nameof(times));
            }
        }

        return new SpikeTrain(ImmutableArray.Create(times));
    }

    /// <summary>Value equality over the times.</summary>
    public bool Equals(SpikeTrain? other) => other is not null && Times.AsSpan().SequenceEqual(other.Times.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var t in Times)
        {
            hash.Add(t);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => "[" + string.Join(", ", Times.Select(t => double.IsFinite(t) ? t.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "silent")) + "]";
}
