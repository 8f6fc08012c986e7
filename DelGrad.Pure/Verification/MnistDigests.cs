using System.Buffers.Binary;
using System.Security.Cryptography;
using DelGrad.Data.Mnist;
using DelGrad.Training;

namespace DelGrad.Verification;

/// <summary>
/// SHA-256 digests of an encoded split, taken as the reference vectors (<c>tests/data/reference/mnist.json</c>) take them:
/// labels as little-endian int64, pixel values and spike times as little-endian float64 (+infinity as its IEEE bits), row-major.
/// </summary>
/// <param name="Count">Samples.</param>
/// <param name="Labels">Digest of the labels.</param>
/// <param name="Pixels">Digest of the pixel values.</param>
/// <param name="Times">Digest of the spike times.</param>
/// <param name="SilentInputs">Inputs that never spike, over the whole split.</param>
public sealed record MnistDigests(int Count, string Labels, string Pixels, string Times, long SilentInputs)
{
    /// <summary>The digests of <paramref name="split"/> (a coded split of <paramref name="encoding"/>).</summary>
    public static MnistDigests Of(DataSplit split, MnistEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(encoding);
        using var labels = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var pixels = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var times = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> word = stackalloc byte[8];
        var row = new double[split.Width];
        var rowBytes = new byte[split.Width * 8];
        long silent = 0;
        for (int n = 0; n < split.Count; n++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(word, split.Labels[n]);
            labels.AppendData(word);
            var codes = split.SampleCodes(n);
            for (int i = 0; i < codes.Length; i++)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(rowBytes.AsSpan(i * 8), encoding.Value(codes[i]));
            }

            pixels.AppendData(rowBytes);
            split.Gather([n], row);
            for (int i = 0; i < row.Length; i++)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(rowBytes.AsSpan(i * 8), row[i]);
                silent += double.IsFinite(row[i]) ? 0 : 1;
            }

            times.AppendData(rowBytes);
        }

        return new MnistDigests(split.Count, Hex(labels), Hex(pixels), Hex(times), silent);
    }

    private static string Hex(IncrementalHash hash) => Convert.ToHexStringLower(hash.GetHashAndReset());
}
