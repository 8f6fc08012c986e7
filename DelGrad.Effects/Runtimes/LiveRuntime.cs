using DelGrad.Effects.Traits;
using LanguageExt;
using static LanguageExt.Prelude;

namespace DelGrad.Effects.Runtimes;

/// <summary>The real world: disk, console and clock. Only the CLI's Main creates it.</summary>
public readonly struct LiveRuntime : HasFiles<LiveRuntime>, HasProgress<LiveRuntime>, HasClock<LiveRuntime>, HasProcesses<LiveRuntime>, HasData<LiveRuntime>
{
    private readonly LiveEnv env;

    private LiveRuntime(LiveEnv env, CancellationTokenSource source)
    {
        this.env = env;
        CancellationTokenSource = source;
    }

    /// <summary>
    /// A live runtime writing progress to <paramref name="output"/>: on a terminal (<paramref name="interactive"/>) a
    /// status line cut to <paramref name="columns"/> - 1 characters (0: no limit), else plain lines only. Data sets come
    /// from <paramref name="data"/> (default: the real MNIST, <see cref="LiveData.Original"/>).
    /// </summary>
    public static LiveRuntime New(TextWriter output, bool interactive, int columns = 0, DataIO? data = null) =>
        new(new LiveEnv(new LiveProgress(output, interactive, columns), data ?? LiveData.Original), new CancellationTokenSource());

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

    /// <inheritdoc />
    public Eff<LiveRuntime, ProcessIO> ProcessesEff => SuccessEff<ProcessIO>(LiveProcesses.Instance);

    /// <inheritdoc />
    public Eff<LiveRuntime, DataIO> DataEff => Eff<LiveRuntime, DataIO>(rt => rt.env.Data);

    private sealed record LiveEnv(ProgressIO Progress, DataIO Data);
}

/// <summary>The disk, with atomic writes.</summary>
public sealed class LiveFiles : FilesIO
{
    /// <summary>The instance.</summary>
    public static readonly LiveFiles Instance = new();

    private static readonly System.Text.UTF8Encoding Utf8 = new(false, false);

    /// <inheritdoc />
    public string ReadAllText(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var bytes = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while (bytes.Length <= FilesIO.MaxReadBytes && (read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            bytes.Write(buffer, 0, read);
        }

        return bytes.Length > FilesIO.MaxReadBytes ? throw TooLarge() : Utf8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length).TrimStart('\uFEFF');
    }

    /// <summary>What reading a file larger than <see cref="FilesIO.MaxReadBytes"/> throws.</summary>
    internal static IOException TooLarge() => new($"larger than {FilesIO.MaxReadBytes >> 20} MB; not a delgrad file");

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

/// <summary>
/// A terminal status line (carriage return, cut to <paramref name="columns"/> - 1 characters so it never wraps;
/// 0: no limit) or, when not <paramref name="interactive"/>, plain lines only.
/// </summary>
public sealed class LiveProgress(TextWriter output, bool interactive, int columns = 0) : ProgressIO
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

        if (columns > 1 && text.Length > columns - 1)
        {
            text = text[..(columns - 1)];
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
