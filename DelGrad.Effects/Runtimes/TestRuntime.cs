using System.Collections.Concurrent;
using DelGrad.Effects.Traits;
using LanguageExt;

namespace DelGrad.Effects.Runtimes;

/// <summary>
/// A deterministic runtime of the same shape as <see cref="LiveRuntime"/>: an in-memory file system,
/// captured progress and a clock that advances a fixed step per reading.
/// </summary>
public readonly struct TestRuntime : HasFiles<TestRuntime>, HasProgress<TestRuntime>, HasClock<TestRuntime>, HasProcesses<TestRuntime>, HasData<TestRuntime>
{
    private TestRuntime(TestEnv env, CancellationTokenSource source)
    {
        Env = env;
        CancellationTokenSource = source;
    }

    /// <summary>The files, progress and clock of this runtime.</summary>
    public TestEnv Env { get; }

    /// <summary>A fresh runtime.</summary>
    public static TestRuntime New() => new(new TestEnv(), new CancellationTokenSource());

    /// <inheritdoc />
    public TestRuntime LocalCancel => new(Env, new CancellationTokenSource());

    /// <inheritdoc />
    public CancellationToken CancellationToken => CancellationTokenSource.Token;

    /// <inheritdoc />
    public CancellationTokenSource CancellationTokenSource { get; }

    /// <inheritdoc />
    public Eff<TestRuntime, FilesIO> FilesEff => Prelude.Eff<TestRuntime, FilesIO>(rt => rt.Env.Files);

    /// <inheritdoc />
    public Eff<TestRuntime, ProgressIO> ProgressEff => Prelude.Eff<TestRuntime, ProgressIO>(rt => rt.Env.Progress);

    /// <inheritdoc />
    public Eff<TestRuntime, ClockIO> ClockEff => Prelude.Eff<TestRuntime, ClockIO>(rt => rt.Env.Clock);

    /// <inheritdoc />
    public Eff<TestRuntime, ProcessIO> ProcessesEff => Prelude.Eff<TestRuntime, ProcessIO>(rt => rt.Env.Processes);

    /// <inheritdoc />
    public Eff<TestRuntime, DataIO> DataEff => Prelude.Eff<TestRuntime, DataIO>(rt => rt.Env.Data);
}

/// <summary>The state behind a <see cref="TestRuntime"/>.</summary>
public sealed class TestEnv
{
    /// <summary>In-memory files.</summary>
    public MemoryFiles Files { get; } = new();

    /// <summary>Captured progress.</summary>
    public CapturedProgress Progress { get; } = new();

    /// <summary>A clock advancing 1 s per reading from a fixed epoch.</summary>
    public SteppingClock Clock { get; } = new();

    /// <summary>Recorded program calls (nothing is started).</summary>
    public RecordingProcesses Processes { get; } = new();

    /// <summary>Where data sets come from (default: the real MNIST in the data folder; tests set a synthetic one).</summary>
    public DataIO Data { get; set; } = LiveData.Original;
}

/// <summary>An in-memory file system (paths compared ordinally).</summary>
public sealed class MemoryFiles : FilesIO
{
    private readonly ConcurrentDictionary<string, byte[]> files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> directories = new(StringComparer.Ordinal);

    private readonly ConcurrentQueue<string> writes = new();

    /// <summary>Every file and its bytes.</summary>
    public IReadOnlyDictionary<string, byte[]> All => files;

    /// <summary>The path of every completed write (atomic writes and appends), in order.</summary>
    public IReadOnlyCollection<string> Writes => writes;

    /// <summary>
    /// For crash tests: the number of writes (atomic writes and appends) that still succeed; the next one stops
    /// like a killed machine (an atomic write leaves the old file, an append leaves half of its bytes) and throws
    /// <see cref="IOException"/>. Null = never.
    /// </summary>
    public int? WritesBeforeCrash { get; set; }

    /// <inheritdoc />
    public string ReadAllText(string path) =>
        !files.TryGetValue(path, out var b) ? throw new FileNotFoundException("no such file", path)
        : b.Length > FilesIO.MaxReadBytes ? throw LiveFiles.TooLarge()
        : System.Text.Encoding.UTF8.GetString(b);

    /// <inheritdoc />
    public bool FileExists(string path) => files.ContainsKey(path);

    /// <inheritdoc />
    public bool DirectoryExists(string path) => directories.ContainsKey(path.TrimEnd('/'));

    /// <inheritdoc />
    public void CreateDirectory(string path) => directories[path.TrimEnd('/')] = true;

    /// <inheritdoc />
    public void WriteAtomic(string path, byte[] bytes)
    {
        CrashIfDue(path, () => { });
        Store(path, bytes);
        writes.Enqueue(path);
    }

    /// <inheritdoc />
    public void Append(string path, byte[] bytes)
    {
        byte[] old = files.TryGetValue(path, out var b) ? b : [];
        CrashIfDue(path, () => Store(path, [.. old, .. bytes.AsSpan(0, bytes.Length / 2)]));
        Store(path, [.. old, .. bytes]);
        writes.Enqueue(path);
    }

    private void CrashIfDue(string path, Action tear)
    {
        if (WritesBeforeCrash is int left)
        {
            if (left == 0)
            {
                tear();
                throw new IOException($"simulated crash writing {path}");
            }

            WritesBeforeCrash = left - 1;
        }
    }

    private void Store(string path, byte[] bytes)
    {
        string? dir = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(dir) && !DirectoryExists(dir))
        {
            throw new DirectoryNotFoundException($"no directory {dir}");
        }

        files[path] = bytes.ToArray();
    }


    /// <inheritdoc />
    public IReadOnlyList<string> ListFiles(string directory) =>
        files.Keys.Where(k => Path.GetDirectoryName(k) == directory.TrimEnd('/')).OrderBy(k => k, StringComparer.Ordinal).ToArray();

    /// <inheritdoc />
    public IReadOnlyList<string> ListDirectories(string directory) =>
        directories.Keys.Where(k => Path.GetDirectoryName(k) == directory.TrimEnd('/')).OrderBy(k => k, StringComparer.Ordinal).ToArray();
}

/// <summary>Progress captured as lines.</summary>
public sealed class CapturedProgress : ProgressIO
{
    private readonly ConcurrentQueue<string> lines = new();

    /// <summary>Permanent lines so far.</summary>
    public IReadOnlyList<string> Lines => lines.ToArray();

    /// <summary>Status updates so far.</summary>
    public int StatusCount { get; private set; }

    /// <inheritdoc />
    public bool IsInteractive => false;

    /// <inheritdoc />
    public void Status(string text) => StatusCount++;

    /// <summary>Called with every permanent line (e.g. a test that interrupts a run after a given epoch).</summary>
    public Action<string>? OnLine { get; set; }

    /// <inheritdoc />
    public void Line(string text)
    {
        lines.Enqueue(text);
        OnLine?.Invoke(text);
    }
}

/// <summary>A clock that advances exactly <see cref="Step"/> seconds (one, unless a test sets it) per reading.</summary>
public sealed class SteppingClock : ClockIO
{
    private long readings;

    /// <summary>Seconds per reading of <see cref="Seconds"/> (<see cref="Now"/> always steps one second).</summary>
    public double Step { get; set; } = 1.0;

    /// <inheritdoc />
    public DateTimeOffset Now => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(Interlocked.Increment(ref readings));

    /// <inheritdoc />
    public double Seconds => Interlocked.Increment(ref readings) * Step;
}
