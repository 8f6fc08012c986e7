using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DelGrad.Numerics;
using DelGrad.Solvers;

namespace DelGrad.Kernel;

/// <summary>
/// Lane kernels for equal-tau and double-tau layers whose neurons all see one arrival order (no delays, or axonal delays),
/// written once for the runtime <see cref="Network"/> and the build-time generated networks (generic over the constants). The
/// layer is sorted and its exponentials computed once (<see cref="LayerFactors"/>), then four neurons run the prefix loop per
/// <see cref="Vector256{T}"/>. Equal tau: the exact skip tests of <see cref="EqualTauMath"/> on all four lanes, the
/// exponential only when some lane needs it, the interval found before one vector Lambert W per four neurons
/// (<see cref="LambertW.W0(Vector256{double})"/>, verified; <see cref="EqualTauMath"/>.SpikeTime takes over when rounding
/// disagrees). Double tau: the quadratic's interval test on four lanes with the scalar loop's operations, so the times are
/// bit-identical; huge weights (A^2 overflowing) take <see cref="DoubleTauSolver.HugeInputCrossing"/> per lane. The backward
/// pass runs four neurons per vector as well. Without <see cref="Vector256.IsHardwareAccelerated"/> the kernels run on the
/// scalar solvers instead.
/// </summary>
public static class SharedLanes
{
    /// <summary>Length of the weights in the lane layout [input][neurons padded to 4].</summary>
    /// <param name="inputs">Inputs of the layer.</param>
    /// <param name="outputs">Neurons of the layer.</param>
    /// <returns>The padded length.</returns>
    public static int LayoutLength(int inputs, int outputs) => inputs * SynapticLanes.Pad4(outputs);

    /// <summary>Copies a parameter set's weights [input][neuron] into the lane layout (0 in the padding).</summary>
    /// <param name="weights">The layer's weights.</param>
    /// <param name="outputs">Neurons of the layer.</param>
    /// <param name="lanes">Receives the lane layout (<see cref="LayoutLength"/>).</param>
    public static void PrepareWeights(ReadOnlySpan<double> weights, int outputs, Span<double> lanes)
    {
        int p = SynapticLanes.Pad4(outputs), inputs = weights.Length / outputs;
        for (int i = 0; i < inputs; i++)
        {
            for (int j = 0; j < p; j++)
            {
                lanes[(i * p) + j] = j < outputs ? weights[(i * outputs) + j] : 0.0;
            }
        }
    }

    /// <summary>
    /// The layer's shared factors for sorted arrivals: exp(g (a_k - a_0) / tau_syn) per arrival (and, equal tau,
    /// u_k = (a_k - a_0) / tau_syn), the same per input (0 for silent inputs), the reference time a_0 and whether the
    /// product form stays far from overflow.
    /// </summary>
    /// <typeparam name="TConstants">The neuron's constants (g = 1 or 1/2).</typeparam>
    /// <param name="k">The constants.</param>
    /// <param name="keys">The finite arrivals, ascending.</param>
    /// <param name="index">The input of each sorted arrival.</param>
    /// <param name="scratch">Receives the factors, the reference and the fast flag.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LayerFactors<TConstants>(in TConstants k, ReadOnlySpan<double> keys, ReadOnlySpan<int> index, SharedLaneScratch scratch)
        where TConstants : struct, ISolverConstants
    {
        int count = keys.Length;
        double inv = 1.0 / k.TauSyn;
        bool equal = k.G == 1.0;
        var shared = scratch.Shared;
        var sharedU = scratch.SharedU;
        var ea = scratch.InputFactors;
        Array.Clear(ea);
        for (int q = 0; q < count; q++)
        {
            if (equal)
            {
                double u = (keys[q] - keys[0]) * inv;
                sharedU[q] = u;
                shared[q] = Math.Exp(u);
            }
            else
            {
                shared[q] = Math.Exp(0.5 * (keys[q] - keys[0]) * inv);
            }

            ea[index[q]] = shared[q];
        }

        scratch.SortedCount = count;
        if (count >= PrefixWalkFrom)
        {
            // What the backward pass's prefix walk needs (CandidateInputs); narrow layers walk every input instead.
            var all = scratch.AllCausal;
            int finite = 0;
            for (int i = 0; i < ea.Length; i++)
            {
                if (ea[i] != 0.0)
                {
                    all[finite++] = i;
                }
            }

            keys.CopyTo(scratch.SortedKeys);
            index.CopyTo(scratch.SortedIndex);
        }

        scratch.Reference = count > 0 ? keys[0] : 0.0;
        scratch.Fast = count > 0 && (keys[count - 1] - keys[0]) * (k.G / k.TauSyn) <= SynapticLanes.ProductLimit;
    }

    private static Vector256<double> Load(double[] array, int offset) =>
        Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(array), (nuint)offset);

    private static void Store(Vector256<double> value, double[] array, int offset) =>
        value.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(array), (nuint)offset);

    private static bool Any(Vector256<double> mask) => mask.AsUInt64() != Vector256<ulong>.Zero;

    // The lanes done so far: padding lanes (neurons past the layer) count as done from the start, so the prefix loop can
    // stop once every real neuron has spiked.
    private static Vector256<double> Padding(int j0, int outputs) =>
        j0 + 4 <= outputs ? Vector256<double>.Zero : Vector256.GreaterThanOrEqual(Vector256.Create(0.0, 1.0, 2.0, 3.0), Vector256.Create((double)(outputs - j0)));

    /// <summary>
    /// The forward pass of the layer after <see cref="LayerFactors"/>: first-spike times and causal boundaries of every neuron.
    /// </summary>
    /// <typeparam name="TConstants">The neuron's constants (g = 1 or 1/2).</typeparam>
    /// <param name="k">The constants.</param>
    /// <param name="keys">The finite arrivals, ascending.</param>
    /// <param name="index">The input of each sorted arrival.</param>
    /// <param name="laneWeights">The weights in the lane layout (<see cref="PrepareWeights"/>).</param>
    /// <param name="weights">The weights [input][neuron] (for the neurons the scalar loop takes over).</param>
    /// <param name="scratch">The layer's factors and buffers.</param>
    /// <param name="times">Receives the spike times (+infinity = silent).</param>
    /// <param name="boundaries">Receives the causal boundaries (NaN when silent).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<TConstants>(in TConstants k, ReadOnlySpan<double> keys, ReadOnlySpan<int> index, double[] laneWeights, ReadOnlySpan<double> weights, SharedLaneScratch scratch, Span<double> times, Span<double> boundaries)
        where TConstants : struct, ISolverConstants
    {
        scratch.Active = true;
        if (!Vector256.IsHardwareAccelerated)
        {
            Scalar(k, keys, index, weights, scratch, 0, scratch.Outputs, times, boundaries);
            return;
        }

        if (k.G == 1.0)
        {
            EqualTau(k, keys, index, laneWeights, weights, scratch, times, boundaries);
        }
        else
        {
            DoubleTau(k, keys, index, laneWeights, scratch, times, boundaries);
        }
    }

    // The exact scalar solver for neurons [from, to).
    private static void Scalar<TConstants>(in TConstants k, ReadOnlySpan<double> keys, ReadOnlySpan<int> index, ReadOnlySpan<double> weights, SharedLaneScratch scratch, int from, int to, Span<double> times, Span<double> boundaries)
        where TConstants : struct, ISolverConstants
    {
        int o = scratch.Outputs, count = keys.Length;
        var sorted = scratch.SortedWeights.AsSpan(0, count);
        var factors = scratch.Shared.AsSpan(0, count);
        for (int j = from; j < to; j++)
        {
            for (int q = 0; q < count; q++)
            {
                sorted[q] = weights[(index[q] * o) + j];
            }

            int causal;
            times[j] = k.G == 1.0
                ? EqualTauMath.SpikeTime(k, sorted, keys, factors, out causal)
                : DoubleTauMath.SpikeTime(k, sorted, keys, factors, out causal);
            boundaries[j] = causal > 0 ? keys[causal - 1] : double.NaN;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EqualTau<TConstants>(in TConstants k, ReadOnlySpan<double> keys, ReadOnlySpan<int> index, double[] lw, ReadOnlySpan<double> weights, SharedLaneScratch scratch, Span<double> times, Span<double> boundaries)
        where TConstants : struct, ISolverConstants
    {
        int o = scratch.Outputs, p = SynapticLanes.Pad4(o), count = keys.Length;
        double c = k.C, tau = k.TauSyn, ce = k.C * Math.E;
        var shared = scratch.Shared;
        var sharedU = scratch.SharedU;
        var all = Vector256<ulong>.AllBitsSet;
        double first = count > 0 ? keys[0] : 0.0;

        // The cannot-cross test only prunes: with its 1e-9 margin a multiplication (no division per arrival) decides the same.
        const double Margin = 1.0 + 1e-9;
        var cannotScale = Vector256.Create(Margin / ce);
        var margin = Vector256.Create(Margin);
        for (int j0 = 0; j0 < p; j0 += 4)
        {
            var va = Vector256<double>.Zero;
            var vb = Vector256<double>.Zero;
            var zs = Vector256<double>.Zero;
            var rs = Vector256<double>.Zero;
            var ks = Vector256.Create(-1.0);
            var found = Padding(j0, o);
            for (int q = 0; q < count; q++)
            {
                double u = sharedU[q];
                var e = Load(lw, (index[q] * p) + j0) * shared[q];
                va += e;
                vb += e * u;
                var live = Vector256.AndNot(Vector256.GreaterThan(va, Vector256<double>.Zero), found);
                if (!Any(live))
                {
                    continue;
                }

                var ratio = vb / va;

                // EqualTauSolver.CannotCross: e^r >= 1 + r + r^2/2 + r^3/6 already puts the maximum below threshold.
                var poly = Vector256<double>.One + (ratio * (Vector256<double>.One + (ratio * (Vector256.Create(0.5) + (ratio * Vector256.Create(1.0 / 6.0))))));
                var cannot = Vector256.GreaterThanOrEqual(ratio, Vector256<double>.Zero) & Vector256.GreaterThan(poly, va * cannotScale);
                double uNext = q + 1 < count ? sharedU[q + 1] : double.PositiveInfinity;
                double euNext = q + 1 < count ? shared[q + 1] : 0.0;

                // Still rising at the next arrival and below threshold there: the crossing is later.
                var later = Vector256.LessThan(Vector256.Create(uNext), ratio + Vector256<double>.One) & Vector256.LessThan((va * uNext) - vb, Vector256.Create(c * euNext));
                var candidate = Vector256.AndNot(Vector256.AndNot(live, cannot), later);
                if (!Any(candidate))
                {
                    continue;
                }

                // The vector exponential sees only moderate arguments (its last bits may otherwise depend on the other lanes
                // and on the JIT tier); a candidate with an extreme ratio takes the exact scalar loop.
                var moderate = Vector256.LessThanOrEqual(Vector256.Abs(ratio), Vector256.Create(700.0));
                var extreme = Vector256.AndNot(candidate, moderate);

                // Falling throughout the interval (peak before it), or a peak inside it that stays below threshold: with the
                // peak at u* = ratio + 1 >= u, e^(u*) >= e^u = shared[q], so c shared[q] > a (with a margin far above the
                // rounding) already gives z < -1/e. Such lanes would not be accepted below; deciding it without the
                // exponential spares the vector exp for neurons that stay silent.
                var hopeless = Vector256.LessThan(ratio + Vector256<double>.One, Vector256.Create(u))
                    | Vector256.GreaterThan(Vector256.Create(c * shared[q]), va * margin);
                candidate = Vector256.AndNot(candidate & moderate, hopeless);
                if (Any(candidate))
                {
                    var z = -(Vector256.Create(c) / va) * Vector256.Exp(Vector256.ConditionalSelect(candidate, ratio, Vector256<double>.Zero));

                    // The peak reaches threshold and the membrane is not falling throughout the interval: the crossing lies in
                    // it (the other cases were excluded above). Lambert W waits until every lane has its interval.
                    var accept = candidate & Vector256.GreaterThanOrEqual(z, Vector256.Create(-0.36787944117144233));
                    zs = Vector256.ConditionalSelect(accept, z, zs);
                    rs = Vector256.ConditionalSelect(accept, ratio, rs);
                    ks = Vector256.ConditionalSelect(accept, Vector256.Create((double)q), ks);
                    found |= accept;
                }

                ks = Vector256.ConditionalSelect(extreme, Vector256.Create(-2.0), ks);
                found |= extreme;
                if (found.AsUInt64() == all)
                {
                    break;
                }
            }

            var vt = Vector256.Create(first) + (tau * (rs - LambertW.W0(zs)));
            for (int r = 0; r < 4 && j0 + r < o; r++)
            {
                int j = j0 + r;
                int kq = (int)ks[r];
                if (kq == -1)
                {
                    times[j] = double.PositiveInfinity;
                    boundaries[j] = double.NaN;
                    continue;
                }

                double tq = vt[r];
                if (kq >= 0 && tq >= keys[kq] && (kq + 1 == count || tq <= keys[kq + 1]))
                {
                    times[j] = tq;
                    boundaries[j] = keys[kq];
                    continue;
                }

                // Rounding put the solution outside the predicted interval: this neuron takes the exact scalar loop.
                Scalar(k, keys, index, weights, scratch, j, j + 1, times, boundaries);
            }
        }
    }

    // Double tau: the quadratic's interval test (DoubleTauSolver.InInterval, on squares) on four neurons at once, the same
    // operations per lane as the scalar loop; the logarithm of the accepted root is taken per lane with Math.Log, so the spike
    // times are the scalar loop's bit for bit.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DoubleTau<TConstants>(in TConstants k, ReadOnlySpan<double> keys, ReadOnlySpan<int> index, double[] lw, SharedLaneScratch scratch, Span<double> times, Span<double> boundaries)
        where TConstants : struct, ISolverConstants
    {
        int o = scratch.Outputs, p = SynapticLanes.Pad4(o), count = keys.Length;
        double c = k.C, twoTau = 2.0 * k.TauSyn;
        var shared = scratch.Shared;
        var all = Vector256<ulong>.AllBitsSet;
        var inf = Vector256.Create(double.PositiveInfinity);
        double first = count > 0 ? keys[0] : 0.0;
        for (int j0 = 0; j0 < p; j0 += 4)
        {
            var va = Vector256<double>.Zero;
            var vb = Vector256<double>.Zero;
            var den = Vector256<double>.Zero;
            var ks = Vector256.Create(-1.0);
            var found = Padding(j0, o);
            for (int q = 0; q < count; q++)
            {
                double h = shared[q];
                var wh = Load(lw, (index[q] * p) + j0) * h;
                va += wh;
                vb += wh * h;
                double hn = q + 1 < count ? shared[q + 1] : double.PositiveInfinity;
                var dd = (va * va) - ((2.0 * vb) * c);
                var upper = va - Vector256.Create(c * h);
                var lower = va - Vector256.Create(c * hn);
                var finite = Vector256.LessThan(Vector256.Abs(dd), inf);
                var ok = finite & Vector256.GreaterThanOrEqual(dd, Vector256<double>.Zero) & Vector256.GreaterThanOrEqual(upper, Vector256<double>.Zero) & Vector256.LessThanOrEqual(dd, upper * upper)
                    & (Vector256.LessThanOrEqual(lower, Vector256<double>.Zero) | Vector256.GreaterThanOrEqual(dd, lower * lower));
                ok = Vector256.AndNot(ok, found);
                var huge = ~(finite | found);
                if (Any(huge))
                {
                    // A^2 overflows (weights >= ~1e154): the crossing scaled by A, per lane, as the scalar solver.
                    for (int r = 0; r < 4; r++)
                    {
                        if (huge.AsUInt64().GetElement(r) != 0 && DoubleTauSolver.HugeInputCrossing(va[r], vb[r], c, h, hn) is double d)
                        {
                            den = den.WithElement(r, d);
                            ks = ks.WithElement(r, q);
                            found = found.WithElement(r, Vector256<ulong>.AllBitsSet.AsDouble()[r]);
                        }
                    }
                }

                if (!Any(ok))
                {
                    if (found.AsUInt64() == all)
                    {
                        break;
                    }

                    continue;
                }

                den = Vector256.ConditionalSelect(ok, va - Vector256.Sqrt(Vector256.Max(dd, Vector256<double>.Zero)), den);
                ks = Vector256.ConditionalSelect(ok, Vector256.Create((double)q), ks);
                found |= ok;
                if (found.AsUInt64() == all)
                {
                    break;
                }
            }

            for (int r = 0; r < 4 && j0 + r < o; r++)
            {
                int kq = (int)ks[r];
                times[j0 + r] = kq < 0 ? double.PositiveInfinity : Math.Max(keys[kq], first + (twoTau * Math.Log(den[r] / c)));
                boundaries[j0 + r] = kq < 0 ? double.NaN : keys[kq];
            }
        }
    }

    /// <summary>
    /// The backward pass of a layer whose forward pass ran here, four neurons per vector: the arrival (one order for the
    /// layer) is a broadcast scalar, its factor comes from <see cref="LayerFactors"/> and exp(-g (t - tref) / tau) is one
    /// exponential per neuron. Returns false, changing nothing, when a factor would leave the product form's range (or the
    /// vectors are not accelerated): then the caller runs its scalar backward pass.
    /// </summary>
    /// <typeparam name="TConstants">The neuron's constants (g = 1 or 1/2).</typeparam>
    /// <param name="k">The constants.</param>
    /// <param name="arrivals">Arrival time per input: the input times, plus the axonal delays if any (+infinity = silent).</param>
    /// <param name="laneWeights">The weights in the lane layout.</param>
    /// <param name="scratch">The forward pass's factors; accumulates the weight gradient (<see cref="Flush"/> moves it).</param>
    /// <param name="times">The layer's spike times.</param>
    /// <param name="boundaries">The layer's causal boundaries.</param>
    /// <param name="outputGradient">dL/d(spike times).</param>
    /// <param name="inputGradient">Receives dL/d(input times), added.</param>
    /// <param name="delayGradient">Axonal delays: receives dL/d(delay), added; else empty.</param>
    /// <param name="maxDw">The reference's max_dw_norm (+infinity = off).</param>
    /// <returns>Whether the lanes ran.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Backward<TConstants>(in TConstants k, ReadOnlySpan<double> arrivals, double[] laneWeights, SharedLaneScratch scratch, ReadOnlySpan<double> times, ReadOnlySpan<double> boundaries, ReadOnlySpan<double> outputGradient, Span<double> inputGradient, Span<double> delayGradient, double maxDw)
        where TConstants : struct, ISolverConstants
    {
        int n = scratch.Inputs, o = scratch.Outputs, p = SynapticLanes.Pad4(o);
        double gi = k.G / k.TauSyn, inv = 1.0 / k.TauSyn, tref = scratch.Reference;
        bool equal = k.G == 1.0, axonal = !delayGradient.IsEmpty;
        if (!Vector256.IsHardwareAccelerated || !scratch.Active || !scratch.Fast)
        {
            return false;
        }

        for (int j = 0; j < o; j++)
        {
            double t = times[j];
            if (double.IsFinite(t) && outputGradient[j] != 0 && !((t - tref) * gi <= SynapticLanes.ProductLimit))
            {
                return false;
            }
        }

        var lto = scratch.Times;
        var lbo = scratch.Boundaries;
        var lgo = scratch.OutputGradient;
        var lw = laneWeights;
        var lwg = scratch.WeightGradient;
        var ea = scratch.InputFactors;
        times[..o].CopyTo(lto);
        boundaries[..o].CopyTo(lbo);
        outputGradient[..o].CopyTo(lgo);
        for (int j = o; j < p; j++)
        {
            lto[j] = double.PositiveInfinity;
            lbo[j] = double.NaN;
            lgo[j] = 0.0;
        }

        var inf = Vector256.Create(double.PositiveInfinity);
        for (int j0 = 0; j0 < p; j0 += 4)
        {
            var t = Load(lto, j0);
            var delta = Load(lgo, j0);
            var active = Vector256.LessThan(t, inf) & ~Vector256.Equals(delta, Vector256<double>.Zero);
            if (!Any(active))
            {
                continue;
            }

            var bnd = Load(lbo, j0);
            var causalInputs = CandidateInputs(scratch, Vector256.ConditionalSelect(active, bnd, Vector256.Create(double.NegativeInfinity)));
            int live = causalInputs.Length;
            var et = Vector256.Create(
                active.AsUInt64()[0] != 0 ? Math.Exp((tref - t[0]) * gi) : 0.0,
                active.AsUInt64()[1] != 0 ? Math.Exp((tref - t[1]) * gi) : 0.0,
                active.AsUInt64()[2] != 0 ? Math.Exp((tref - t[2]) * gi) : 0.0,
                active.AsUInt64()[3] != 0 ? Math.Exp((tref - t[3]) * gi) : 0.0);
            var vSlope = Vector256<double>.Zero;
            var maxPsp = Vector256<double>.Zero;
            for (int c = 0; c < live; c++)
            {
                int i = causalInputs[c];
                double a = arrivals[i];
                var causal = active & Vector256.LessThanOrEqual(Vector256.Create(a), bnd);
                if (!Any(causal))
                {
                    continue;
                }

                Psp(equal, inv, ea[i], et, t, a, out var psp, out var slope);
                vSlope += Vector256.ConditionalSelect(causal, Load(lw, (i * p) + j0) * slope, Vector256<double>.Zero);
                maxPsp = Vector256.Max(maxPsp, Vector256.ConditionalSelect(causal, Vector256.Abs(psp), Vector256<double>.Zero));
            }

            // A grazing crossing (V' -> 0) has no finite derivative; it contributes nothing (as in the runtime).
            var ok = active & Vector256.GreaterThan(vSlope, Vector256.Create(1e-300));
            if (!Any(ok))
            {
                continue;
            }

            var sc = Vector256.ConditionalSelect(ok, delta / Vector256.ConditionalSelect(ok, vSlope, Vector256<double>.One), Vector256<double>.Zero);
            var keep = ~Vector256.GreaterThan(Vector256.Abs(sc) * maxPsp, Vector256.Create(maxDw));
            for (int c = 0; c < live; c++)
            {
                int i = causalInputs[c];
                double a = arrivals[i];
                var m = ok & Vector256.LessThanOrEqual(Vector256.Create(a), bnd);
                if (!Any(m))
                {
                    continue;
                }

                Psp(equal, inv, ea[i], et, t, a, out var psp, out var slope);
                int l = (i * p) + j0;
                Store(Load(lwg, l) + Vector256.ConditionalSelect(m & keep, -(sc * psp), Vector256<double>.Zero), lwg, l);
                double ga = Vector256.Sum(Vector256.ConditionalSelect(m, sc * Load(lw, l) * slope, Vector256<double>.Zero));
                inputGradient[i] += ga;
                if (axonal)
                {
                    delayGradient[i] += ga;
                }
            }
        }

        return true;
    }

    // Layers with fewer finite arrivals walk all of them in the backward pass (Yin-Yang's 5 and 30 inputs: the prefix search
    // and the bitmap cost more than the skipped inputs; measured on H30-W).
    private const int PrefixWalkFrom = 64;

    // The inputs that arrive by the latest boundary of a group's active lanes, in ascending input order. Only they can be
    // causal for the group (on 16x16 MNIST most inputs are silent or later than the group's spikes); the backward walks visit
    // them in the order of a walk over all inputs, so the sums are the same. A group that needs most of the arrivals
    // (full MNIST: black pixels arrive last, at 2.0, often before the spikes) walks all of them.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<int> CandidateInputs(SharedLaneScratch scratch, Vector256<double> activeBoundaries)
    {
        if (scratch.SortedCount < PrefixWalkFrom)
        {
            return scratch.EveryInput; // a narrow layer: the search would cost more than it saves
        }

        double latest = Math.Max(Math.Max(activeBoundaries[0], activeBoundaries[1]), Math.Max(activeBoundaries[2], activeBoundaries[3]));
        var keys = scratch.SortedKeys;
        var index = scratch.SortedIndex;
        var bits = scratch.CausalBits;
        int prefix = 0, hi = scratch.SortedCount;
        while (prefix < hi)
        {
            int mid = (prefix + hi) >> 1;
            if (keys[mid] <= latest)
            {
                prefix = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        if (prefix * 4 > scratch.SortedCount * 3)
        {
            return scratch.AllCausal.AsSpan(0, scratch.SortedCount); // most arrivals anyway: no bitmap
        }

        for (int q = 0; q < prefix; q++)
        {
            bits[index[q] >> 6] |= 1UL << index[q];
        }

        var list = scratch.Causal;
        int count = 0;
        for (int w = 0; w < bits.Length; w++)
        {
            ulong word = bits[w];
            bits[w] = 0;
            while (word != 0)
            {
                list[count++] = (w << 6) + BitOperations.TrailingZeroCount(word);
                word &= word - 1;
            }
        }

        return list.AsSpan(0, count);
    }

    // PSP and slope of an arrival at the lanes' spike times t from the product-form factor (as the scalar pass).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Psp(bool equal, double inv, double ea, Vector256<double> et, Vector256<double> t, double a, out Vector256<double> psp, out Vector256<double> slope)
    {
        if (!equal)
        {
            var h = ea * et;
            slope = h * ((2.0 * h) - Vector256<double>.One) * inv;
            psp = 2.0 * h * (Vector256<double>.One - h);
            return;
        }

        var u = (t - Vector256.Create(a)) * inv;
        var e = ea * et;
        slope = (Vector256<double>.One - u) * e * inv;
        psp = u * e;
    }

    /// <summary>Adds the lanes' accumulated weight gradient to the flat weight gradient [input][neuron] and clears it.</summary>
    /// <param name="scratch">The accumulators.</param>
    /// <param name="weightGradient">The layer's weight gradient.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Flush(SharedLaneScratch scratch, Span<double> weightGradient)
    {
        int nIn = scratch.Inputs, nOut = scratch.Outputs, p = SynapticLanes.Pad4(nOut);
        var lwg = scratch.WeightGradient;
        for (int i = 0; i < nIn; i++)
        {
            for (int j = 0; j < nOut; j++)
            {
                weightGradient[(i * nOut) + j] += lwg[(i * p) + j];
                lwg[(i * p) + j] = 0;
            }
        }
    }

    /// <summary>Clears the lanes' gradient accumulator.</summary>
    /// <param name="scratch">The accumulator.</param>
    public static void ClearGradient(SharedLaneScratch scratch) => Array.Clear(scratch.WeightGradient);
}
