using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace DelGrad.Effects.Traits;

/// <summary>File effects, generic over the runtime; failures become one-line errors naming the path.</summary>
/// <typeparam name="RT">The runtime.</typeparam>
public static class Files<RT>
    where RT : struct, HasFiles<RT>
{
    /// <summary>Reads a text file.</summary>
    public static Eff<RT, string> ReadAllText(string path) =>
        Io(path, "cannot read", io => io.FileExists(path) ? io.ReadAllText(path) : throw new FileNotFoundException("no such file"));

    /// <summary>True when the file exists.</summary>
    public static Eff<RT, bool> FileExists(string path) => Io(path, "cannot inspect", io => io.FileExists(path));

    /// <summary>True when the directory exists.</summary>
    public static Eff<RT, bool> DirectoryExists(string path) => Io(path, "cannot inspect", io => io.DirectoryExists(path));

    /// <summary>Creates a directory.</summary>
    public static Eff<RT, Unit> CreateDirectory(string path) => Io(path, "cannot create directory", io =>
    {
        io.CreateDirectory(path);
        return unit;
    });

    /// <summary>Writes text atomically.</summary>
    public static Eff<RT, Unit> WriteText(string path, string text) => WriteBytes(path, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Writes bytes atomically.</summary>
    public static Eff<RT, Unit> WriteBytes(string path, byte[] bytes) => Io(path, "cannot write", io =>
    {
        io.WriteAtomic(path, bytes);
        return unit;
    });

    /// <summary>Appends text to a file (one write; see <see cref="FilesIO.Append"/>).</summary>
    public static Eff<RT, Unit> AppendText(string path, string text) => Io(path, "cannot append", io =>
    {
        io.Append(path, System.Text.Encoding.UTF8.GetBytes(text));
        return unit;
    });

    /// <summary>Files in a directory.</summary>
    public static Eff<RT, IReadOnlyList<string>> ListFiles(string directory) => Io(directory, "cannot list", io => io.ListFiles(directory));

    /// <summary>Directories in a directory.</summary>
    public static Eff<RT, IReadOnlyList<string>> ListDirectories(string directory) => Io(directory, "cannot list", io => io.ListDirectories(directory));

    private static Eff<RT, A> Io<A>(string path, string what, Func<FilesIO, A> f) =>
        from io in default(RT).FilesEff
        from r in EffMaybe<RT, A>(_ =>
        {
            try
            {
                return FinSucc(f(io));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return FinFail<A>(Error.New($"{path}: {what}: {e.Message}"));
            }
        })
        select r;
}

/// <summary>Progress effects.</summary>
/// <typeparam name="RT">The runtime.</typeparam>
public static class ProgressLog<RT>
    where RT : struct, HasProgress<RT>
{
    /// <summary>A transient status line.</summary>
    public static Eff<RT, Unit> Status(string text) => default(RT).ProgressEff.Map(p =>
    {
        p.Status(text);
        return unit;
    });

    /// <summary>A permanent line.</summary>
    public static Eff<RT, Unit> Line(string text) => default(RT).ProgressEff.Map(p =>
    {
        p.Line(text);
        return unit;
    });
}

/// <summary>Clock effects.</summary>
/// <typeparam name="RT">The runtime.</typeparam>
public static class Clock<RT>
    where RT : struct, HasClock<RT>
{
    /// <summary>Monotonic seconds.</summary>
    public static Eff<RT, double> Seconds => default(RT).ClockEff.Map(c => c.Seconds);

    /// <summary>Now.</summary>
    public static Eff<RT, DateTimeOffset> Now => default(RT).ClockEff.Map(c => c.Now);
}
