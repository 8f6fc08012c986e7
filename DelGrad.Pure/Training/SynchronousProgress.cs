namespace DelGrad.Training;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls <paramref name="report"/> on the training thread, in order, before training
/// goes on (<see cref="Progress{T}"/> posts to the thread pool, so console lines can arrive late or out of order).
/// </summary>
/// <typeparam name="T">What is reported, e.g. <see cref="EpochReport"/>.</typeparam>
/// <param name="report">Called for each report.</param>
/// <example>
/// <code>
/// var progress = new SynchronousProgress&lt;EpochReport&gt;(r =&gt; Console.WriteLine($"epoch {r.Metrics.Epoch}/{r.Epochs}"));
/// </code>
/// </example>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    /// <inheritdoc />
    public void Report(T value) => report(value);
}
