using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using DelGrad.Data.Mnist;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace DelGrad.Effects.Data;

/// <summary>
/// The MNIST cache: a folder holding the four verified IDX files. Files enter it only whole and verified (written to
/// a temporary name in the folder, checked, then renamed), so an interrupted or failed fetch leaves nothing half-written.
/// Every failure is one line ending in a DG03xx code.
/// </summary>
/// <param name="Folder">The cache folder.</param>
/// <param name="Manifest">What the files are and where they come from (tests inject a loopback server and tiny files).</param>
public sealed record MnistStore(string Folder, MnistManifest Manifest)
{
    /// <summary>The environment variable naming the data folder.</summary>
    public const string EnvironmentVariable = "DELGRAD_DATA";

    /// <summary>
    /// The data folder: <paramref name="option"/> when given, else <c>$DELGRAD_DATA</c>, else <c>delgrad/data</c> under the
    /// user's local application data folder (<c>~/.local/share</c> on Linux). MNIST lives in its <c>mnist</c> subfolder.
    /// </summary>
    public static string DataFolder(string? option) =>
        !string.IsNullOrEmpty(option) ? option
        : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env ? env
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "delgrad", "data");

    /// <summary>True when all four files are in the cache (not yet verified).</summary>
    public bool IsComplete => Manifest.Files.All(f => File.Exists(Path.Combine(Folder, f.Name)));

    /// <summary>Reads and verifies (size, MD5, IDX headers) the cached files.</summary>
    public Fin<MnistData> Load()
    {
        var bytes = new Dictionary<string, byte[]>();
        foreach (var file in Manifest.Files)
        {
            string path = Path.Combine(Folder, file.Name);
            try
            {
                bytes[file.Name] = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Fail<MnistData>($"{path}: cannot read: {e.Message} (run 'delgrad dataset mnist --fetch' or '--from DIR')", "DG0303");
            }

            var check = Verify(file, bytes[file.Name], path);
            if (check.IsFail)
            {
                return check.Map(_ => default(MnistData)!);
            }
        }

        return MnistData.Parse(Manifest, f => bytes[f.Name]);
    }

    /// <summary>Loads the cache, fetching the data set first when a file is missing.</summary>
    public Fin<MnistData> LoadOrFetch(HttpClient http, Action<string> status, CancellationToken cancel) =>
        IsComplete ? Load() : Fetch(http, status, cancel).Bind(_ => Load());

    /// <summary>
    /// Downloads the manifest's tarball, checks its SHA-1, unpacks the four files (gzip, then tar), verifies each and
    /// moves them into the cache. <paramref name="status"/> receives progress lines.
    /// </summary>
    public Fin<Unit> Fetch(HttpClient http, Action<string> status, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(status);
        byte[] tarball;
        try
        {
            tarball = Download(http, status, cancel);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or InvalidDataException)
        {
            return Fail<Unit>($"{Manifest.TarballUrl}: download failed: {e.Message}", "DG0303");
        }

        string sha1 = Convert.ToHexStringLower(SHA1.HashData(tarball));
        if (Manifest.TarballSha1.Length > 0 && sha1 != Manifest.TarballSha1)
        {
            return Fail<Unit>($"{Manifest.TarballUrl}: SHA-1 {sha1} differs from the expected {Manifest.TarballSha1}; nothing was cached", "DG0302");
        }

        byte[] tar;
        try
        {
            tar = Gunzip(tarball);
        }
        catch (InvalidDataException e)
        {
            return Fail<Unit>($"{Manifest.TarballUrl}: not a valid gzip stream: {e.Message}", "DG0302");
        }

        return from files in TarArchive.Files(tar, Manifest.TarballUrl)
               from picked in Pick(Manifest.Files, f => files.TryGetValue(Manifest.Folder + "/" + f.Name, out var b) ? b : null, Manifest.TarballUrl + ":" + Manifest.Folder)
               from stored in Store(picked, status)
               select stored;
    }

    /// <summary>
    /// Imports IDX files the user already has from <paramref name="directory"/>: each file as <c>NAME</c> or the original
    /// <c>NAME.gz</c> (also <c>train-images.idx3-ubyte</c> spellings with a dot), verified, then copied into the cache.
    /// </summary>
    public Fin<Unit> Import(string directory, Action<string> status)
    {
        if (!Directory.Exists(directory))
        {
            return Fail<Unit>($"--from: {directory}: no such directory", "DG0303");
        }

        try
        {
            return Pick(Manifest.Files, f => ReadCandidate(directory, f.Name), directory).Bind(picked => Store(picked, status));
        }
        catch (InvalidDataException e)
        {
            return Fail<Unit>($"{directory}: a .gz file is not a valid gzip stream: {e.Message}", "DG0302");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail<Unit>($"{directory}: cannot read: {e.Message}", "DG0303");
        }
    }

    private static byte[]? ReadCandidate(string directory, string name)
    {
        string dotted = name.Replace("-idx", ".idx", StringComparison.Ordinal);
        foreach (string candidate in new[] { name, dotted })
        {
            string plain = Path.Combine(directory, candidate);
            if (File.Exists(plain))
            {
                return File.ReadAllBytes(plain);
            }

            if (File.Exists(plain + ".gz"))
            {
                return Gunzip(File.ReadAllBytes(plain + ".gz"));
            }
        }

        return null;
    }

    // Every manifest file from a source, verified, before anything is written.
    private static Fin<IReadOnlyList<(MnistFile File, byte[] Bytes)>> Pick(IReadOnlyList<MnistFile> wanted, Func<MnistFile, byte[]?> source, string where)
    {
        var picked = new List<(MnistFile, byte[])>();
        foreach (var file in wanted)
        {
            var bytes = source(file);
            if (bytes == null)
            {
                return Fail<IReadOnlyList<(MnistFile, byte[])>>($"{where}: {file.Name} is missing", "DG0303");
            }

            var check = Verify(file, bytes, where + "/" + file.Name);
            if (check.IsFail)
            {
                return check.Map(_ => (IReadOnlyList<(MnistFile, byte[])>)[]);
            }

            picked.Add((file, bytes));
        }

        var headers = MnistData.Parse(new MnistManifest("", "", "", wanted[0], wanted[1], wanted[2], wanted[3]), f => picked.First(p => p.Item1 == f).Item2);
        return headers.Map(_ => (IReadOnlyList<(MnistFile, byte[])>)picked);
    }

    private static Fin<Unit> Verify(MnistFile file, byte[] bytes, string where)
    {
        if (bytes.Length != file.Bytes)
        {
            return Fail<Unit>($"{where}: {bytes.Length} bytes, expected {file.Bytes} (truncated or a different file)", "DG0302");
        }

        string md5 = Convert.ToHexStringLower(MD5.HashData(bytes));
        return md5 == file.Md5 ? FinSucc(unit) : Fail<Unit>($"{where}: MD5 {md5} differs from the expected {file.Md5}", "DG0302");
    }

    // Temporary names inside the cache folder (same file system), each renamed into place only after every file was written.
    private Fin<Unit> Store(IReadOnlyList<(MnistFile File, byte[] Bytes)> files, Action<string> status)
    {
        var temps = new List<(string Temp, string Final)>();
        try
        {
            Directory.CreateDirectory(Folder);
            foreach (var (file, bytes) in files)
            {
                string final = Path.Combine(Folder, file.Name);
                string temp = final + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
                temps.Add((temp, final));
                File.WriteAllBytes(temp, bytes);
            }

            foreach (var (temp, final) in temps)
            {
                File.Move(temp, final, overwrite: true);
            }

            status($"cached {files.Count} verified files in {Folder}");
            return FinSucc(unit);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail<Unit>($"{Folder}: cannot write: {e.Message}", "DG0303");
        }
        finally
        {
            foreach (var (temp, _) in temps)
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }
        }
    }

    private byte[] Download(HttpClient http, Action<string> status, CancellationToken cancel)
    {
        using var response = http.GetAsync(Manifest.TarballUrl, HttpCompletionOption.ResponseHeadersRead, cancel).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        long? length = response.Content.Headers.ContentLength;
        using var stream = response.Content.ReadAsStream(cancel);
        using var buffer = new MemoryStream(length is long l and < int.MaxValue ? (int)l : 0);
        var chunk = new byte[81920];
        long received = 0, lastShown = -1;
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            cancel.ThrowIfCancellationRequested();
            buffer.Write(chunk, 0, read);
            received += read;
            long shown = received >> 20;
            if (shown != lastShown)
            {
                lastShown = shown;
                status(length is long total
                    ? string.Create(CultureInfo.InvariantCulture, $"downloading {Manifest.TarballUrl}: {received / 1e6:F1} of {total / 1e6:F1} MB ({100.0 * received / total:F0} %)")
                    : string.Create(CultureInfo.InvariantCulture, $"downloading {Manifest.TarballUrl}: {received / 1e6:F1} MB"));
            }
        }

        if (length is long expected && received != expected)
        {
            throw new IOException(string.Create(CultureInfo.InvariantCulture, $"connection closed after {received} of {expected} bytes"));
        }

        return buffer.ToArray();
    }

    private static byte[] Gunzip(byte[] gz)
    {
        using var input = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static Fin<A> Fail<A>(string message, string code) => FinFail<A>(Error.New($"{message} [{code}]"));
}
