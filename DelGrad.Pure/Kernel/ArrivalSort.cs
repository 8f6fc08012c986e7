using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DelGrad.Kernel;

/// <summary>
/// Sorts arrival times with their input indices, stably (equal times keep their input order), so every
/// path (runtime, generated, emulated chip) sees the same order. Layers here are narrow: a handful of inputs
/// use an insertion sort; up to <see cref="RankLimit"/> a branch-free vector rank sort (random times make
/// the insertion sort's branches unpredictable: 350 ns for 30 times against 75 ns); wider layers fall back
/// to the library sort.
/// </summary>
public static class ArrivalSort
{
    /// <summary>Widest input the vector rank sort handles.</summary>
    public const int RankLimit = 64;

    // Below this the insertion sort's few, mostly predictable branches are cheaper than the rank sort.
    private const int InsertionLimit = 8;

    /// <summary>Sorts <paramref name="keys"/> ascending (stable) and applies the same permutation to <paramref name="items"/>.</summary>
    /// <param name="keys">The arrival times (finite).</param>
    /// <param name="items">The payload (input indices), as long as <paramref name="keys"/>.</param>
    public static void Sort(Span<double> keys, Span<int> items)
    {
        if (keys.Length > RankLimit)
        {
            // Not stable, but layers this wide have no reference order to match.
            keys.Sort(items);
        }
        else if (keys.Length > InsertionLimit && Vector256.IsHardwareAccelerated)
        {
            RankSort(keys, items);
        }
        else
        {
            InsertionSort(keys, items);
        }
    }

    private static void InsertionSort(Span<double> keys, Span<int> items)
    {
        for (int x = 1; x < keys.Length; x++)
        {
            double key = keys[x];
            int item = items[x];
            int y = x - 1;
            while (y >= 0 && keys[y] > key)
            {
                keys[y + 1] = keys[y];
                items[y + 1] = items[y];
                y--;
            }

            keys[y + 1] = key;
            items[y + 1] = item;
        }
    }

    // rank(i) = #{j : key_j < key_i} + #{j < i : key_j == key_i}: the stable sorted position, computed with
    // whole-vector compares and a popcount, then one scatter.
    private static void RankSort(Span<double> keys, Span<int> items)
    {
        int n = keys.Length;
        Span<double> copy = stackalloc double[RankLimit];
        Span<int> itemCopy = stackalloc int[RankLimit];
        keys.CopyTo(copy);
        items.CopyTo(itemCopy);
        int width = Vector512.IsHardwareAccelerated ? 8 : 4;
        int padded = (n + width - 1) / width * width;
        copy[n..padded].Fill(double.PositiveInfinity);
        ref double start = ref MemoryMarshal.GetReference(copy);
        for (int i = 0; i < n; i++)
        {
            double key = copy[i];
            ulong less = 0, equal = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                var v = Vector512.Create(key);
                for (int b = 0; b < padded; b += 8)
                {
                    var block = Vector512.LoadUnsafe(ref start, (nuint)b);
                    less |= Vector512.LessThan(block, v).ExtractMostSignificantBits() << b;
                    equal |= Vector512.Equals(block, v).ExtractMostSignificantBits() << b;
                }
            }
            else
            {
                var v = Vector256.Create(key);
                for (int b = 0; b < padded; b += 4)
                {
                    var block = Vector256.LoadUnsafe(ref start, (nuint)b);
                    less |= (ulong)Vector256.LessThan(block, v).ExtractMostSignificantBits() << b;
                    equal |= (ulong)Vector256.Equals(block, v).ExtractMostSignificantBits() << b;
                }
            }

            int rank = BitOperations.PopCount(less) + BitOperations.PopCount(equal & LowerMask(i));
            keys[rank] = key;
            items[rank] = itemCopy[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong LowerMask(int i) => (1UL << i) - 1;
}
