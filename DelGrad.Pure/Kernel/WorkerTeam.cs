using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace DelGrad.Kernel;

/// <summary>
/// A few persistent worker threads for <see cref="FixedOrderChunks"/>: the caller runs chunks itself and the helpers join
/// within a microsecond when they are still spinning from the previous batch (they spin for <see cref="SpinSeconds"/>, then
/// sleep until the next batch wakes them). A batch of a small network lasts a few hundred microseconds; handing it to
/// the thread pool (<see cref="Parallel"/>) costs about as much, which made two threads no faster than one on Yin-Yang.
/// One team serves the process; a batch that finds it busy (another trainer at the same time, or a batch inside a batch)
/// gets <c>false</c> and runs its own way. Which worker runs which chunk never changes a result (chunks are summed in
/// chunk order), so the team changes speed only.
/// </summary>
internal sealed class WorkerTeam
{
    /// <summary>How long an idle helper spins for the next batch before it sleeps.</summary>
    public const double SpinSeconds = 2e-3;

    private const int Closed = 1 << 30;

    private static readonly Lazy<WorkerTeam> Instance = new(() => new WorkerTeam(Math.Max(0, Environment.ProcessorCount - 1)));

    private readonly object sleepGate = new();
    private readonly Thread[] helpers;
    private int busy;
    private int generation;
    private int sleepers;
    private int state; // Closed once the caller has finished its own share; below it, the helpers working on the batch
    private int participants;
    private int chunks;
    private int next;
    private Action<int, int>? job;
    private Exception? failure;
    private bool started; // the helpers start with the first batch (a process that never trains in parallel has none)

    private WorkerTeam(int helperCount)
    {
        helpers = new Thread[helperCount];
        for (int h = 0; h < helperCount; h++)
        {
            int id = h + 1;
            helpers[h] = new Thread(() => HelperLoop(id)) { IsBackground = true, Name = $"delgrad worker {id}" };
        }
    }

    /// <summary>The process's team (one helper per core beyond the first).</summary>
    public static WorkerTeam Shared => Instance.Value;

    /// <summary>Workers a batch can have at most (the caller and the helpers).</summary>
    public int MaxWorkers => helpers.Length + 1;

    /// <summary>
    /// Runs <paramref name="run"/>(chunk, worker) for chunks 0..<paramref name="chunkCount"/>-1 on the caller (worker 0) and
    /// up to <paramref name="workers"/> - 1 helpers; returns false, having run nothing, when the team is busy.
    /// </summary>
    public bool TryRun(int chunkCount, int workers, Action<int, int> run)
    {
        if (Interlocked.CompareExchange(ref busy, 1, 0) != 0)
        {
            return false;
        }

        try
        {
            StartHelpers();
            job = run;
            chunks = chunkCount;
            next = -1;
            failure = null;
            participants = Math.Clamp(workers - 1, 0, helpers.Length);
            Volatile.Write(ref state, 0);
            Interlocked.Increment(ref generation); // publishes the batch (a full fence)
            if (Volatile.Read(ref sleepers) > 0)
            {
                lock (sleepGate)
                {
                    Monitor.PulseAll(sleepGate);
                }
            }

            try
            {
                Work(0);
            }
            finally
            {
                // A helper that has not joined by now never will (one that was not scheduled costs no waiting); those that
                // joined must be done with this batch's delegate before the caller goes on, even when it threw.
                Interlocked.Add(ref state, Closed);
                var spin = default(SpinWait);
                while ((Volatile.Read(ref state) & (Closed - 1)) != 0)
                {
                    spin.SpinOnce(sleep1Threshold: -1);
                }

                job = null;
            }

            if (failure is { } e)
            {
                ExceptionDispatchInfo.Capture(e).Throw();
            }

            return true;
        }
        finally
        {
            Volatile.Write(ref busy, 0);
        }
    }

    private void Work(int worker)
    {
        var run = job!;
        for (int c = Interlocked.Increment(ref next); c < chunks; c = Interlocked.Increment(ref next))
        {
            run(c, worker);
        }
    }

    private void StartHelpers()
    {
        if (!started)
        {
            started = true;
            foreach (var t in helpers)
            {
                t.Start();
            }
        }
    }

    private void HelperLoop(int id)
    {
        int seen = Volatile.Read(ref generation);
        while (true)
        {
            seen = WaitForBatch(seen);
            if (id > Volatile.Read(ref participants) || !Join())
            {
                continue;
            }

            try
            {
                Work(id);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
                Volatile.Write(ref next, int.MaxValue - 1024); // the others stop claiming chunks
            }
            finally
            {
                Interlocked.Decrement(ref state);
            }
        }
    }

    // Joins the open batch (false once the caller has closed it). A helper that woke late may join the batch after the one
    // it woke for: it then works on that one, which is just as right.
    private bool Join()
    {
        int s = Volatile.Read(ref state);
        while ((s & Closed) == 0)
        {
            int seen = Interlocked.CompareExchange(ref state, s + 1, s);
            if (seen == s)
            {
                return true;
            }

            s = seen;
        }

        return false;
    }

    private int WaitForBatch(int seen)
    {
        long start = Stopwatch.GetTimestamp();
        var spin = default(SpinWait);
        int g;
        while ((g = Volatile.Read(ref generation)) == seen)
        {
            if (Stopwatch.GetElapsedTime(start).TotalSeconds < SpinSeconds)
            {
                spin.SpinOnce(sleep1Threshold: -1);
                continue;
            }

            lock (sleepGate)
            {
                Interlocked.Increment(ref sleepers); // a full fence before generation is read again
                while ((g = Volatile.Read(ref generation)) == seen)
                {
                    Monitor.Wait(sleepGate);
                }

                Interlocked.Decrement(ref sleepers);
            }

            break;
        }

        return g;
    }
}
