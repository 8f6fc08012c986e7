using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace DelGrad.Data.Mnist;

/// <summary>An IDX array of unsigned bytes (the MNIST file format): its dimensions and its values, row-major.</summary>
/// <param name="Dimensions">Size of each dimension, outermost first (images: count, rows, columns; labels: count).</param>
/// <param name="Values">All values, row-major (a view of the file's bytes: a 47 MB image file is not copied).</param>
public sealed record IdxArray(int[] Dimensions, ReadOnlyMemory<byte> Values)
{
    /// <summary>Number of items (the outermost dimension).</summary>
    public int Count => Dimensions[0];

    /// <summary>Values per item (the product of the inner dimensions).</summary>
    public int ItemSize => Values.Length / Math.Max(1, Count);
}

/// <summary>
/// Reads IDX files (big-endian header: two zero bytes, type code 0x08 = unsigned byte, the number of dimensions,
/// one 32-bit size per dimension, then the values). Pure: bytes in, an array or a one-line reason out.
/// </summary>
public static class IdxFile
{
    private const byte UnsignedByte = 0x08;

    /// <summary>Parses <paramref name="file"/> as an unsigned-byte IDX array of <paramref name="rank"/> dimensions.</summary>
    /// <param name="file">The whole file; the array's values are a view of it.</param>
    /// <param name="rank">Expected number of dimensions (3 for images, 1 for labels).</param>
    /// <param name="name">The file's name, used in messages.</param>
    /// <returns>The array, or an error naming the file and what is wrong with it.</returns>
    public static Fin<IdxArray> Parse(ReadOnlyMemory<byte> file, int rank, string name)
    {
        var bytes = file.Span;
        if (bytes.Length < 4)
        {
            return Bad(name, $"{bytes.Length} bytes is too short for an IDX header");
        }

        if (bytes[0] != 0 || bytes[1] != 0 || bytes[2] != UnsignedByte)
        {
            return Bad(name, $"not an unsigned-byte IDX file (magic {bytes[0]:x2} {bytes[1]:x2} {bytes[2]:x2} {bytes[3]:x2}, expected 00 00 08 0{rank})");
        }

        if (bytes[3] != rank)
        {
            return Bad(name, $"has {bytes[3]} dimensions, expected {rank}");
        }

        int header = 4 + (4 * rank);
        if (bytes.Length < header)
        {
            return Bad(name, $"truncated header ({bytes.Length} of {header} bytes)");
        }

        var dims = new int[rank];
        long total = 1;
        for (int d = 0; d < rank; d++)
        {
            int at = 4 + (4 * d);
            uint size = (uint)(bytes[at] << 24 | bytes[at + 1] << 16 | bytes[at + 2] << 8 | bytes[at + 3]);
            if (size == 0 || size > int.MaxValue)
            {
                return Bad(name, $"dimension {d} has size {size}");
            }

            dims[d] = (int)size;
            total *= size;
        }

        if (total != bytes.Length - header)
        {
            return Bad(name, $"header promises {total} values ({string.Join(" x ", dims)}) but {bytes.Length - header} follow");
        }

        return FinSucc(new IdxArray(dims, file[header..]));
    }

    /// <summary>The IDX encoding of <paramref name="values"/> with <paramref name="dimensions"/> (tests and fixtures write files with it).</summary>
    public static byte[] Write(ReadOnlySpan<int> dimensions, ReadOnlySpan<byte> values)
    {
        var bytes = new byte[4 + (4 * dimensions.Length) + values.Length];
        bytes[2] = UnsignedByte;
        bytes[3] = (byte)dimensions.Length;
        for (int d = 0; d < dimensions.Length; d++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + (4 * d)), dimensions[d]);
        }

        values.CopyTo(bytes.AsSpan(4 + (4 * dimensions.Length)));
        return bytes;
    }

    private static Fin<IdxArray> Bad(string name, string problem) => FinFail<IdxArray>(Error.New($"{name}: {problem} [DG0301]"));
}
