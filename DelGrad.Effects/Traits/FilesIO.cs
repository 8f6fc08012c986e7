namespace DelGrad.Effects.Traits;

/// <summary>File-system operations the experiments need. Writes are atomic (temp file + rename).</summary>
public interface FilesIO
{
    /// <summary>
    /// The largest file <see cref="ReadAllText"/> reads (a 300-epoch model of the largest reference network is about
    /// 1 MB), so <c>train /dev/zero</c> fails with one line instead of running out of memory.
    /// </summary>
    const int MaxReadBytes = 64 << 20;

    /// <summary>
    /// Reads a whole UTF-8 text file (a byte-order mark dropped); throws <see cref="IOException"/> when it is larger
    /// than <see cref="MaxReadBytes"/>, having read no more than that.
    /// </summary>
    string ReadAllText(string path);

    /// <summary>True when the file exists.</summary>
    bool FileExists(string path);

    /// <summary>True when the directory exists.</summary>
    bool DirectoryExists(string path);

    /// <summary>Creates a directory (and parents).</summary>
    void CreateDirectory(string path);

    /// <summary>Writes bytes atomically: a reader sees the old file or the new one, never half of it.</summary>
    void WriteAtomic(string path, byte[] bytes);

    /// <summary>
    /// Appends bytes to a file (creating it) in one write: a process killed at any moment leaves the old
    /// content, or the old content and the new bytes, or (only if the machine itself stops) a torn last
    /// record, which the reader of an append-only file must recognise.
    /// </summary>
    void Append(string path, byte[] bytes);

    /// <summary>Files directly in a directory.</summary>
    IReadOnlyList<string> ListFiles(string directory);

    /// <summary>Directories directly in a directory, in ordinal order.</summary>
    IReadOnlyList<string> ListDirectories(string directory);
}
