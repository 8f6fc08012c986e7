using System.IO.Compression;
using DelGrad.Effects.Plotting;

namespace DelGrad.Tests.Plotting;

/// <summary>An independent, test-only PNG reader: checks the signature, every chunk's CRC (bitwise CRC-32), and unfilters 8-bit RGB rows.</summary>
internal sealed class PngTestDecoder
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private PngTestDecoder(int width, int height, byte[] rgb, List<string> chunkTypes)
    {
        Width = width;
        Height = height;
        Rgb = rgb;
        ChunkTypes = chunkTypes;
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Rgb { get; }

    public List<string> ChunkTypes { get; }

    public Rgb Pixel(int x, int y)
    {
        int i = ((y * Width) + x) * 3;
        return new Rgb(Rgb[i], Rgb[i + 1], Rgb[i + 2]);
    }

    /// <summary>Bit-at-a-time CRC-32 (reflected 0xEDB88320), deliberately not table driven.</summary>
    public static uint BitwiseCrc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
        }

        return ~crc;
    }

    public static PngTestDecoder Decode(byte[] png)
    {
        Assert.True(png.AsSpan(0, 8).SequenceEqual(Signature), "bad PNG signature");
        int pos = 8, width = 0, height = 0;
        var idat = new MemoryStream();
        var types = new List<string>();
        while (pos < png.Length)
        {
            int len = (int)ReadBe(png, pos);
            string type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            types.Add(type);
            var data = png.AsSpan(pos + 8, len);
            uint crc = ReadBe(png, pos + 8 + len);
            Assert.Equal(BitwiseCrc32(png.AsSpan(pos + 4, len + 4)), crc);
            switch (type)
            {
                case "IHDR":
                    Assert.Equal(13, len);
                    width = (int)ReadBe(png, pos + 8);
                    height = (int)ReadBe(png, pos + 12);
                    Assert.Equal(8, data[8]);  // bit depth
                    Assert.Equal(2, data[9]);  // truecolour
                    Assert.Equal(0, data[12]); // not interlaced
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
            }

            pos += 12 + len;
            if (type == "IEND") break;
        }

        Assert.Equal(png.Length, pos);
        Assert.Equal("IHDR", types[0]);
        Assert.Equal("IEND", types[^1]);

        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        var raw = new MemoryStream();
        z.CopyTo(raw);
        var bytes = raw.ToArray();
        int stride = width * 3;
        Assert.Equal((stride + 1) * height, bytes.Length);
        var rgb = new byte[stride * height];
        for (int y = 0; y < height; y++)
        {
            byte filter = bytes[y * (stride + 1)];
            for (int i = 0; i < stride; i++)
            {
                byte x = bytes[(y * (stride + 1)) + 1 + i];
                int a = i >= 3 ? rgb[(y * stride) + i - 3] : 0;
                int b = y > 0 ? rgb[((y - 1) * stride) + i] : 0;
                int c = i >= 3 && y > 0 ? rgb[((y - 1) * stride) + i - 3] : 0;
                int pred = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"bad filter {filter}"),
                };
                rgb[(y * stride) + i] = (byte)(x + pred);
            }
        }

        return new PngTestDecoder(width, height, rgb, types);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static uint ReadBe(byte[] b, int i) => ((uint)b[i] << 24) | ((uint)b[i + 1] << 16) | ((uint)b[i + 2] << 8) | b[i + 3];
}
