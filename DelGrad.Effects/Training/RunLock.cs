namespace DelGrad.Effects.Training;

/// <summary>
/// Exclusive use of a run folder by one process: an OS lock on <c>&lt;dir&gt;/.delgrad.lock</c> (released by the
/// OS when the process dies, so a killed run can be resumed). Two <c>train --out SAME</c> started together would
/// otherwise both train and one run would be lost without a word; with it the second fails at once.
/// </summary>
public sealed class RunLock : IDisposable
{
    /// <summary>The lock file's name inside a run folder.</summary>
    public const string FileName = ".delgrad.lock";

    private readonly FileStream stream;
    private readonly string directory;
    private readonly bool created;

    private RunLock(FileStream stream, string directory, bool created)
    {
        this.stream = stream;
        this.directory = directory;
        this.created = created;
    }

    /// <summary>Locks <paramref name="directory"/> (creating it when missing), or fails with one line when another process holds it.</summary>
    /// <exception cref="IOException">Another process uses the folder, or it cannot be created.</exception>
    public static RunLock Acquire(string directory)
    {
        bool created = !Directory.Exists(directory);
        Directory.CreateDirectory(directory);
        try
        {
            // FileShare.None takes an exclusive OS lock (flock on Unix) that a second process cannot get.
            var stream = new FileStream(Path.Combine(directory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new RunLock(stream, directory, created);
        }
        catch (IOException)
        {
            throw new IOException($"{directory}: another delgrad process is using this run folder; wait for it or choose another --out");
        }
    }

    /// <summary>
    /// Releases the lock. The lock file stays (deleting it while another process waits for it would let a third
    /// lock a new file), unless this lock created the folder and nothing else was written: then both go.
    /// </summary>
    public void Dispose()
    {
        stream.Dispose();
        try
        {
            if (created && Directory.EnumerateFileSystemEntries(directory).All(e => Path.GetFileName(e) == FileName))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Another process started using the folder after we released it; it is theirs now.
        }
    }
}
