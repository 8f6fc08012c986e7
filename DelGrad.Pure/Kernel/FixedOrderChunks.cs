using System.Diagnostics;
using System.Runtime.CompilerServices;
namespace DelGrad.Kernel;

/// <summary>
/// Splits a batch into fixed chunks of samples, runs them on any number of workers, and adds the
/// chunks' partial sums in chunk order. Chunk boundaries and the order of the sum never depend on the
/// thread count: this is why every batch result is bitwise identical for 1 or N threads.
/// Buffers grow once and are reused: a batch allocates nothing.
/// </summary>
internal sealed class FixedOrderChunks(int parameterCount)
{
    /// <summary>Samples per chunk.</summary>
    public const int Size = 8;

    private double[][] gradients = [];
    private double[] losses = [];

    /// <summary>Chunks needed for <paramref name="samples"/>.</summary>
    public static int Count(int samples) => (samples + Size - 1) / Size;

    /// <summary>A chunk's gradient buffer (written by the chunk's worker).</summary>
    public double[] Gradient(int chunk) => gradients[chunk];

    /// <summary>Records a chunk's loss sum.</summary>
    public void SetLoss(int chunk, double sum) => losses[chunk] = sum;

    /// <summary>
    /// Runs <paramref name="run"/>(chunk, worker) for every chunk. Workers claim the next chunk as they finish
    /// one, so a worker that starts late (its thread not yet scheduled) costs no waiting: the others take its
    /// chunks. Which worker ran a chunk never matters (each chunk has its own buffers, summed in chunk order).
    /// </summary>
    public void Run(int samples, int threads, Action<int, int> run)
    {
        int chunks = Count(samples);
        Ensure(chunks);
        long start = Stopwatch.GetTimestamp();
        if (threads == 1 || chunks <= 1 || !WorthParallel(samples))
        {
            for (int c = 0; c < chunks; c++)
            {
                run(c, 0);
            }

            Learn(samples, start, workers: 1);
            return;
        }

        int workers = Math.Min(threads, chunks);
        var team = WorkerTeam.Shared;
        if (team.TryRun(chunks, workers, run))
        {
            workers = Math.Min(workers, team.MaxWorkers);
        }
        else
        {
            // The team is busy (another trainer in this process, or a batch inside a batch): the thread pool.
            int next = -1;
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
            {
                for (int c = Interlocked.Increment(ref next); c < chunks; c = Interlocked.Increment(ref next))
                {
                    run(c, w);
                }
            });
        }

        Learn(samples, start, workers);
    }

    // Handing a batch to the worker team costs about a microsecond while its helpers spin, tens of microseconds when they
    // sleep (and the thread pool's hand-off, its fallback, costs tens to hundreds). So a batch runs in parallel only when
    // the work measured so far says it lasts longer than ParallelWorthSeconds on one thread (H30-WS: 150 samples take
    // about 0.3 ms). Only the scheduling depends on the clock: chunks and their order are fixed, so results are the same bits.
    private const double ParallelWorthSeconds = 1e-4;

    private double secondsPerSample = double.NaN;

    // The first batch runs on one thread, to measure.
    private bool WorthParallel(int samples) => !double.IsNaN(secondsPerSample) && samples * secondsPerSample >= ParallelWorthSeconds;

    private void Learn(int samples, long start, int workers)
    {
        double perSample = Stopwatch.GetElapsedTime(start).TotalSeconds * workers / samples;
        secondsPerSample = double.IsNaN(secondsPerSample) ? perSample : (0.75 * secondsPerSample) + (0.25 * perSample);
    }

    /// <summary>Sums the chunks in chunk order into <paramref name="gradient"/> (when asked) and returns the loss sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Reduce(int samples, Span<double> gradient, bool withGradient)
    {
        gradient.Clear();
        double total = 0;
        for (int c = 0; c < Count(samples); c++)
        {
            total += losses[c];
            if (withGradient)
            {
                var g = gradients[c];
                for (int p = 0; p < gradient.Length; p++)
                {
                    gradient[p] += g[p];
                }
            }
        }

        return total;
    }

    private void Ensure(int chunks)
    {
        if (gradients.Length >= chunks)
        {
            return;
        }

        int old = gradients.Length;
        Array.Resize(ref gradients, chunks);
        Array.Resize(ref losses, chunks);
        for (int c = old; c < chunks; c++)
        {
            gradients[c] = new double[parameterCount];
        }
    }
}
