using System.Text;
using DelGrad.Effects.Training;

namespace DelGrad.Cli;

/// <summary>Reading the files a user names, bounded (so <c>train /dev/zero</c> fails with one line instead of running out of memory), and locking run folders.</summary>
internal static class InputFiles
{
    /// <summary>The largest config, model or vector file read (a 300-epoch model of the largest reference network is about 1 MB).</summary>
    public const int MaxBytes = 64 << 20;

    /// <summary>The text of <paramref name="path"/>; one line naming it when it cannot be read or is larger than <see cref="MaxBytes"/>.</summary>
    public static string ReadText(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var buffer = new byte[MaxBytes + 1];
            int total = 0, read;
            while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
            }

            if (total > MaxBytes)
            {
                throw new CliException($"{path}: larger than {MaxBytes >> 20} MB; not a delgrad file");
            }

            return new UTF8Encoding(false, false).GetString(buffer, 0, total).TrimStart('\uFEFF');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException($"{path}: cannot read: {e.Message}");
        }
    }

    /// <summary>Locks the run folder <paramref name="dir"/> for this process; one line when another process uses it.</summary>
    public static RunLock Lock(string dir)
    {
        try
        {
            return RunLock.Acquire(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(e.Message.StartsWith(dir, StringComparison.Ordinal) ? e.Message : $"{dir}: cannot use as a run folder: {e.Message}");
        }
    }
}
