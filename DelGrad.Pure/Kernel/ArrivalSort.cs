using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DelGrad.Kernel;

/// <summary>
/// Sorts arrival times with their input indices, stably (equal times keep their input order), so every
/// path (runtime, generated, emulated chip) sees the same order. A handful of inputs use an insertion sort; up
/// to <see cref="RankLimit"/> a branch-free vector rank sort (random times make the insertion sort's branches
/// unpredictable: 350 ns for 30 times against 75 ns); wider inputs a stable bucket pass (times spread over a known
/// range) finished by an insertion sort, its scratch on the stack up to <see cref="BucketLimit"/> arrivals and in
/// pooled arrays beyond (MNIST's 784 inputs, allocation-free after the first sample). Only non-finite times fall
/// back to the library sort (not stable); the kernels skip silent (+infinity) inputs before sorting.
/// </summary>
public static class ArrivalSort
{
    /// <summary>Widest input the vector rank sort handles.</summary>
    public const int RankLimit = 64;

    /// <summary>Widest input whose bucket-sort scratch lives on the stack; wider inputs rent it from the shared array pool.</summary>
    public const int BucketLimit = 512;

    // Below this the insertion sort's few, mostly predictable branches are cheaper than the rank sort.
    private const int InsertionLimit = 8;

    /// <summary>Sorts <paramref name="keys"/> ascending (stable) and applies the same permutation to <paramref name="items"/>.</summary>
    /// <param name="keys">The arrival times (finite).</param>
    /// <param name="items">The payload (input indices), as long as <paramref name="keys"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called per layer and sample by generated code: never at tier 0 (inlining it into the caller instead cost Fast & Deep 15 %)
    public static void Sort(Span<double> keys, Span<int> items)
    {
        if (keys.Length > RankLimit)
        {
            if (!(keys.Length > BucketLimit ? PooledBucketSort(keys, items) : BucketSort(keys, items)))
            {
                // Non-finite times only (the kernels never pass them): not stable.
                keys.Sort(items);
            }
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

    // One stable counting pass into n buckets over [min, max] (the bucket index is monotone in the time, so the
    // buckets come out in order), then an insertion sort that only fixes the order inside buckets. False for
    // non-finite times (left to the caller's fallback).
    private static bool BucketSort(Span<double> keys, Span<int> items)
    {
        int n = keys.Length;
        return BucketSort(keys, items, stackalloc int[n], stackalloc int[n + 1], stackalloc double[n], stackalloc int[n]);
    }

    private static bool PooledBucketSort(Span<double> keys, Span<int> items)
    {
        int n = keys.Length;
        int[] ints = System.Buffers.ArrayPool<int>.Shared.Rent((3 * n) + 1);
        double[] doubles = System.Buffers.ArrayPool<double>.Shared.Rent(n);
        try
        {
            var all = ints.AsSpan(0, (3 * n) + 1);
            all[(2 * n)..].Clear(); // the bucket starts must begin at zero
            return BucketSort(keys, items, all[..n], all[(2 * n)..], doubles.AsSpan(0, n), all[n..(2 * n)]);
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(doubles);
            System.Buffers.ArrayPool<int>.Shared.Return(ints);
        }
    }

    private static bool BucketSort(Span<double> keys, Span<int> items, Span<int> bucketOf, Span<int> starts, Span<double> keyCopy, Span<int> itemCopy)
    {
        int n = keys.Length;
        double lo = keys[0], hi = keys[0];
        for (int i = 1; i < n; i++)
        {
            lo = Math.Min(lo, keys[i]);
            hi = Math.Max(hi, keys[i]);
        }

        if (!double.IsFinite(hi - lo))
        {
            return false;
        }

        if (hi == lo)
        {
            return true; // all equal: already in (stable) order
        }

        double scale = n / (hi - lo);
        for (int i = 0; i < n; i++)
        {
            int b = Math.Min(n - 1, (int)((keys[i] - lo) * scale));
            bucketOf[i] = b;
            starts[b + 1]++;
        }

        for (int b = 0; b < n; b++)
        {
            starts[b + 1] += starts[b];
        }

        keys.CopyTo(keyCopy);
        items.CopyTo(itemCopy);
        for (int i = 0; i < n; i++)
        {
            int at = starts[bucketOf[i]]++;
            keys[at] = keyCopy[i];
            items[at] = itemCopy[i];
        }

        InsertionSort(keys, items);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per sample from hot loops: never a tier-0 loop, even in a consumer with quick JIT
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
