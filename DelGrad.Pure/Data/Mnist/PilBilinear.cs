namespace DelGrad.Data.Mnist;

/// <summary>
/// Pillow's <c>Image.resize(size, BILINEAR)</c> for 8-bit ('L') images, reproduced operation for operation
/// (Pillow's <c>Resample.c</c>): a triangle filter whose support is scaled by the downscale factor (so a downscale
/// averages, i.e. antialiases), weights normalised per output pixel in double, then converted to fixed point with
/// 22 fractional bits (rounded half away from zero), a horizontal pass rounded to 8 bits, then a vertical pass
/// rounded to 8 bits. Exactly what torchvision's <c>Resize</c> does to MNIST's PIL images.
/// </summary>
public sealed class PilBilinear
{
    private const int PrecisionBits = 32 - 8 - 2;

    private readonly Pass horizontal;
    private readonly Pass vertical;

    /// <summary>A resize from <paramref name="inWidth"/> x <paramref name="inHeight"/> to <paramref name="outWidth"/> x <paramref name="outHeight"/>.</summary>
    public PilBilinear(int inWidth, int inHeight, int outWidth, int outHeight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outHeight, 1);
        horizontal = new Pass(inWidth, outWidth);
        vertical = new Pass(inHeight, outHeight);
        InWidth = inWidth;
        InHeight = inHeight;
    }

    /// <summary>Input width.</summary>
    public int InWidth { get; }

    /// <summary>Input height.</summary>
    public int InHeight { get; }

    /// <summary>Output width.</summary>
    public int OutWidth => horizontal.OutSize;

    /// <summary>Output height.</summary>
    public int OutHeight => vertical.OutSize;

    /// <summary>Resizes one row-major 8-bit image into <paramref name="destination"/> (row-major, <see cref="OutWidth"/> x <see cref="OutHeight"/>).</summary>
    /// <param name="source">The image, <see cref="InWidth"/> x <see cref="InHeight"/>.</param>
    /// <param name="destination">The resized image.</param>
    /// <param name="scratch">At least <see cref="OutWidth"/> x <see cref="InHeight"/> bytes (the horizontal pass's result).</param>
    public void Resize(ReadOnlySpan<byte> source, Span<byte> destination, Span<byte> scratch)
    {
        // Pillow skips a pass that keeps its size; the coefficients of such a pass are the identity anyway.
        for (int y = 0; y < InHeight; y++)
        {
            var row = source.Slice(y * InWidth, InWidth);
            for (int x = 0; x < OutWidth; x++)
            {
                scratch[(y * OutWidth) + x] = horizontal.Apply(x, row, 1);
            }
        }

        for (int y = 0; y < OutHeight; y++)
        {
            for (int x = 0; x < OutWidth; x++)
            {
                destination[(y * OutWidth) + x] = vertical.Apply(y, scratch[x..], OutWidth);
            }
        }
    }

    // One direction's coefficients: for output pixel o, inputs first[o] .. first[o] + count[o] - 1 with fixed-point
    // weights (Pillow's precompute_coeffs and normalize_coeffs_8bpc).
    private sealed class Pass
    {
        private readonly int[] first;
        private readonly int[] count;
        private readonly int[] weights;
        private readonly int stride;

        public Pass(int inSize, int outSize)
        {
            OutSize = outSize;
            double scale = (double)inSize / outSize;
            double filterScale = Math.Max(1.0, scale);
            double support = 1.0 * filterScale; // the bilinear (triangle) filter's support is 1
            stride = ((int)Math.Ceiling(support) * 2) + 1;
            first = new int[outSize];
            count = new int[outSize];
            weights = new int[outSize * stride];
            var k = new double[stride];
            for (int o = 0; o < outSize; o++)
            {
                double center = (o + 0.5) * scale;
                double inverse = 1.0 / filterScale;
                int min = Math.Max(0, (int)(center - support + 0.5));
                int max = Math.Min(inSize, (int)(center + support + 0.5)) - min;
                double sum = 0.0;
                for (int x = 0; x < max; x++)
                {
                    double w = Triangle((x + min - center + 0.5) * inverse);
                    k[x] = w;
                    sum += w;
                }

                for (int x = 0; x < max; x++)
                {
                    double w = sum != 0.0 ? k[x] / sum : k[x];
                    double fixedPoint = w * (1 << PrecisionBits);
                    weights[(o * stride) + x] = (int)(w < 0 ? fixedPoint - 0.5 : fixedPoint + 0.5);
                }

                first[o] = min;
                count[o] = max;
            }
        }

        public int OutSize { get; }

        // Pillow's integer accumulation, rounded (the initial half) and clipped to 0..255.
        public byte Apply(int o, ReadOnlySpan<byte> line, int step)
        {
            int sum = 1 << (PrecisionBits - 1);
            int start = first[o], baseIndex = o * stride;
            for (int x = 0; x < count[o]; x++)
            {
                sum += line[(start + x) * step] * weights[baseIndex + x];
            }

            return (byte)Math.Clamp(sum >> PrecisionBits, 0, 255);
        }

        private static double Triangle(double x)
        {
            x = Math.Abs(x);
            return x < 1.0 ? 1.0 - x : 0.0;
        }
    }
}
