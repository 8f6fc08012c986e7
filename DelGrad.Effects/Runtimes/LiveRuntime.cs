using DelGrad.Effects.Traits;
using LanguageExt;
using static LanguageExt.Prelude;

namespace DelGrad.Effects.Runtimes;

/// <summary>The real world: disk, console and clock. Only the CLI's Main creates it.</summary>
public readonly struct LiveRuntime : HasFiles<LiveRuntime>, HasProgress<LiveRuntime>, HasClock<LiveRuntime>
{
    private readonly LiveEnv env;

    private LiveRuntime(LiveEnv env, CancellationTokenSource source)
    {
        this.env = env;
        CancellationTokenSource = source;
    }

    /// <summary>A live runtime writing progress to <paramref name="output"/>.</summary>
    public static LiveRuntime New(TextWriter output, bool interactive) => new(new LiveEnv(new LiveProgress(output, interactive)), new CancellationTokenSource());

    /// <inheritdoc />
    public LiveRuntime LocalCancel => new(env, new CancellationTokenSource());

    /// <inheritdoc />
    public CancellationToken CancellationToken => CancellationTokenSource.Token;

    /// <inheritdoc />
    public CancellationTokenSource CancellationTokenSource { get; }

    /// <inheritdoc />
    public Eff<LiveRuntime, FilesIO> FilesEff => SuccessEff<FilesIO>(LiveFiles.Instance);

    /// <inheritdoc />
    public Eff<LiveRuntime, ProgressIO> ProgressEff => Eff<LiveRuntime, ProgressIO>(rt => rt.env.Progress);

    /// <inheritdoc />
    public Eff<LiveRuntime, ClockIO> ClockEff => SuccessEff<ClockIO>(LiveClock.Instance);

    private sealed record LiveEnv(ProgressIO Progress);
}

/// <summary>The disk, with atomic writes.</summary>
public sealed class LiveFiles : FilesIO
{
    /// <summary>The instance.</summary>
    public static readonly LiveFiles Instance = new();

    /// <inheritdoc />
    public string ReadAllText(string path) => File.ReadAllText(path);

    /// <inheritdoc />
    public bool FileExists(string path) => File.Exists(path);

    /// <inheritdoc />
    public bool DirectoryExists(string path) => Directory.Exists(path);

    /// <inheritdoc />
    public void CreateDirectory(string path) => Directory.CreateDirectory(path);

    /// <inheritdoc />
    public void WriteAtomic(string path, byte[] bytes)
    {
        string temp = path + ".tmp-" + Environment.ProcessId;
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <inheritdoc />
    public void Append(string path, byte[] bytes)
    {
        // O_APPEND and one write call: a killed process leaves the record whole or absent.
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 1);
        stream.Write(bytes);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ListFiles(string directory) => Directory.GetFiles(directory).OrderBy(f => f, StringComparer.Ordinal).ToArray();

    /// <inheritdoc />
    public IReadOnlyList<string> ListDirectories(string directory) => Directory.GetDirectories(directory).OrderBy(f => f, StringComparer.Ordinal).ToArray();
}

/// <summary>A terminal status line (carriage return) or plain lines.</summary>
public sealed class LiveProgress(TextWriter output, bool interactive) : ProgressIO
{
    private int lastLength;

    /// <inheritdoc />
    public bool IsInteractive => interactive;

    /// <inheritdoc />
    public void Status(string text)
    {
        if (!interactive)
        {
            return;
        }

        output.Write("\r" + text.PadRight(lastLength));
        lastLength = text.Length;
        output.Flush();
    }

    /// <inheritdoc />
    public void Line(string text)
    {
        if (interactive && lastLength > 0)
        {
            output.Write("\r" + new string(' ', lastLength) + "\r");
            lastLength = 0;
        }

        output.WriteLine(text);
        output.Flush();
    }
}

/// <summary>The system clock.</summary>
public sealed class LiveClock : ClockIO
{
    /// <summary>The instance.</summary>
    public static readonly LiveClock Instance = new();

    /// <inheritdoc />
    public DateTimeOffset Now => DateTimeOffset.Now;

    /// <inheritdoc />
    public double Seconds => System.Diagnostics.Stopwatch.GetTimestamp() / (double)System.Diagnostics.Stopwatch.Frequency;
}
