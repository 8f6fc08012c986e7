using System.IO.Compression;

namespace DelGrad.Effects.Plotting;

/// <summary>
/// A minimal, deterministic PNG encoder for 8-bit RGB images: signature, IHDR, a single IDAT (zlib, fixed compression
/// level, filter type 0 on every row) and IEND. The same pixels always give the same bytes on the same runtime.
/// </summary>
public static class PngEncoder
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>Encodes an RGB24 raster (row-major, 3 bytes per pixel) as a PNG file.</summary>
    /// <param name="width">Width in pixels (at least 1).</param>
    /// <param name="height">Height in pixels (at least 1).</param>
    /// <param name="rgb24">Exactly width * height * 3 bytes.</param>
    /// <returns>The PNG file contents.</returns>
    public static byte[] Encode(int width, int height, ReadOnlySpan<byte> rgb24)
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "Width must be positive.");
        if (height < 1) throw new ArgumentOutOfRangeException(nameof(height), height, "Height must be positive.");
        int stride = checked(width * 3);
        if (rgb24.Length != checked(stride * height))
        {
            throw new ArgumentException($"Expected {stride * height} bytes for {width}x{height} RGB24, got {rgb24.Length}.", nameof(rgb24));
        }

        using var png = new MemoryStream();
        png.Write(Signature);

        Span<byte> ihdr = stackalloc byte[13];
        WriteBigEndian(ihdr, (uint)width);
        WriteBigEndian(ihdr[4..], (uint)height);
        ihdr[8] = 8;  // bit depth
        ihdr[9] = 2;  // colour type: truecolour
        ihdr[10] = 0; // compression: deflate
        ihdr[11] = 0; // filter method 0
        ihdr[12] = 0; // no interlace
        WriteChunk(png, "IHDR", ihdr);

        using (var idat = new MemoryStream())
        {
            using (var z = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true))
            {
                for (int y = 0; y < height; y++)
                {
                    z.WriteByte(0); // filter type None
                    z.Write(rgb24.Slice(y * stride, stride));
                }
            }

            WriteChunk(png, "IDAT", idat.GetBuffer().AsSpan(0, (int)idat.Length));
        }

        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>The standard CRC-32 (ISO-HDLC, reflected polynomial 0xEDB88320) of <paramref name="data"/>, as used by PNG.</summary>
    /// <param name="data">The bytes.</param>
    /// <returns>The checksum.</returns>
    public static uint Crc32(ReadOnlySpan<byte> data) => UpdateCrc(0xFFFFFFFFu, data) ^ 0xFFFFFFFFu;

    private static uint UpdateCrc(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    private static void WriteChunk(Stream s, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> head = stackalloc byte[8];
        WriteBigEndian(head, (uint)data.Length);
        for (int i = 0; i < 4; i++) head[4 + i] = (byte)type[i];
        s.Write(head);
        s.Write(data);
        uint crc = UpdateCrc(0xFFFFFFFFu, head[4..]);
        crc = UpdateCrc(crc, data) ^ 0xFFFFFFFFu;
        Span<byte> tail = stackalloc byte[4];
        WriteBigEndian(tail, crc);
        s.Write(tail);
    }

    private static void WriteBigEndian(Span<byte> dst, uint v)
    {
        dst[0] = (byte)(v >> 24);
        dst[1] = (byte)(v >> 16);
        dst[2] = (byte)(v >> 8);
        dst[3] = (byte)v;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }

        return table;
    }
}
