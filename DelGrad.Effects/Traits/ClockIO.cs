namespace DelGrad.Effects.Traits;

/// <summary>Wall-clock time, for timings and run names only (never for results).</summary>
public interface ClockIO
{
    /// <summary>The current time.</summary>
    DateTimeOffset Now { get; }

    /// <summary>A monotonic timestamp in seconds.</summary>
    double Seconds { get; }
}
