namespace DelGrad.Data.Mnist;

/// <summary>
/// How an MNIST image becomes input spike times, as the reference's <c>datasets.py</c> (Fast &amp; Deep v1.0.0) does it.
/// Every encoded input is a function of one 8-bit code, so a split is stored as its codes (one byte per input) and a
/// 256-entry table of times: bit-identical to encoding in double, at an eighth of the memory.
/// </summary>
public sealed class MnistEncoding
{
    private const int Side = 28;
    private const int CropSide = 24;
    private const int CropOffset = (Side - CropSide) / 2;

    private readonly PilBilinear? resize;

    private MnistEncoding(string name, int width, bool downscaled)
    {
        Name = name;
        Width = width;
        resize = downscaled ? new PilBilinear(CropSide, CropSide, 16, 16) : null;
    }

    /// <summary>Full MNIST: 784 inputs, v = raw / 256, every pixel spikes (black ones at the latest time).</summary>
    public static MnistEncoding Full { get; } = new("mnist", Side * Side, downscaled: false);

    /// <summary>16x16 MNIST: centre crop 24x24, Pillow's bilinear resize to 16x16, v = float32(x) / float32(255); v = 0 never spikes.</summary>
    public static MnistEncoding Downscaled16 { get; } = new("mnist16", 16 * 16, downscaled: true);

    /// <summary>The data set's name in configs (<c>mnist</c> or <c>mnist16</c>).</summary>
    public string Name { get; }

    /// <summary>Inputs per sample.</summary>
    public int Width { get; }

    /// <summary>The encoding named <paramref name="name"/>, or null.</summary>
    public static MnistEncoding? Named(string name) => name switch { "mnist" => Full, "mnist16" => Downscaled16, _ => null };

    /// <summary>The pixel value of code <paramref name="code"/> (what the reference's tensor holds, widened to double).</summary>
    public double Value(byte code) => resize == null ? code / 256.0 : (double)(code / 255f);

    /// <summary>
    /// The spike time of code <paramref name="code"/>: <c>(v * -1 + 1) * (late - early) + early</c> in that order (the reference's
    /// <c>0.15 + (1 - v) * 1.85</c>); for 16x16 MNIST a time equal to <paramref name="late"/> is +infinity (no spike).
    /// </summary>
    public double Time(byte code, double early = SpikeEncoding.DefaultEarly, double late = SpikeEncoding.DefaultLate)
    {
        double t = (((Value(code) * -1) + 1) * (late - early)) + early;
        return resize != null && t == late ? double.PositiveInfinity : t;
    }

    /// <summary>The time of every code (index = code).</summary>
    public double[] TimeTable(double early = SpikeEncoding.DefaultEarly, double late = SpikeEncoding.DefaultLate)
    {
        var table = new double[256];
        for (int c = 0; c < table.Length; c++)
        {
            table[c] = Time((byte)c, early, late);
        }

        return table;
    }

    /// <summary>Writes the <see cref="Width"/> codes of one 28x28 image into <paramref name="codes"/>.</summary>
    /// <param name="image">784 raw pixels, row-major.</param>
    /// <param name="codes">Destination, <see cref="Width"/> bytes.</param>
    /// <param name="scratch">At least 24 x 24 + 16 x 24 bytes (unused for full MNIST).</param>
    public void Codes(ReadOnlySpan<byte> image, Span<byte> codes, Span<byte> scratch)
    {
        if (resize == null)
        {
            image[..Width].CopyTo(codes);
            return;
        }

        var crop = scratch[..(CropSide * CropSide)];
        for (int y = 0; y < CropSide; y++)
        {
            image.Slice(((y + CropOffset) * Side) + CropOffset, CropSide).CopyTo(crop.Slice(y * CropSide, CropSide));
        }

        resize.Resize(crop, codes, scratch[(CropSide * CropSide)..]);
    }

    /// <summary>The codes of every image of <paramref name="images"/> from <paramref name="start"/> on (<paramref name="count"/> images), flat.</summary>
    public byte[] Codes(IdxArray images, int start, int count)
    {
        var codes = new byte[count * Width];
        Span<byte> scratch = stackalloc byte[(CropSide * CropSide) + (16 * CropSide)];
        for (int i = 0; i < count; i++)
        {
            Codes(images.Values.Span.Slice((start + i) * Side * Side, Side * Side), codes.AsSpan(i * Width, Width), scratch);
        }

        return codes;
    }
}
