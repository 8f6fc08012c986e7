using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DelGrad.Solvers;

namespace DelGrad.Kernel;

/// <summary>
/// Lane kernels for double-tau layers with synaptic delays (every neuron has its own arrival order), written once for the
/// runtime <see cref="Network"/> and the build-time generated networks (generic over the constants, so a generated network's
/// literal constants fold into this body). Every exponential is a product, exp(g (t_i + d_ij - ref) / tau) = E_i D_ij with
/// D_ij = exp(g d_ij / tau) once per parameter set and E_i once per input, and exp(g (t - ref) / tau) at a spike is the
/// quadratic's own root (den / c), so no exponential is left in the backward pass.
/// <list type="bullet">
/// <item>Narrow layers (at most <see cref="NarrowLimit"/> inputs): four neurons per <see cref="Vector256{T}"/>; each lane
/// sorts its arrivals with a stable odd-even transposition network, and the closed form runs on all four lanes at once.</item>
/// <item>Wide layers: one neuron at a time, arrivals and factors built with vector adds and products in a transposed
/// [neuron][input] layout, ordered by <see cref="ArrivalSort"/>, backward pass on vectors.</item>
/// </list>
/// The lanes run while every factor stays far from overflow (|g x / tau| &lt;= <see cref="ProductLimit"/> for the input
/// spread and every delay) and <see cref="Vector256.IsHardwareAccelerated"/>; otherwise <see cref="Forward"/> returns false
/// and the caller takes its exact scalar path. Huge weights (A^2 overflowing) take
/// <see cref="DoubleTauSolver.HugeInputCrossing"/> per lane, as the scalar solver does.
/// </summary>
public static class SynapticLanes
{
    /// <summary>Most inputs of a narrow layer (four neurons per vector, sorting network per lane).</summary>
    public const int NarrowLimit = 8;

    /// <summary>Largest g |x| / tau_syn (input spread, delay) for which the product-form exponentials are used.</summary>
    public const double ProductLimit = 200.0;

    /// <summary><paramref name="n"/> rounded up to a multiple of 4 (one <see cref="Vector256{T}"/> of doubles).</summary>
    /// <param name="n">A count.</param>
    /// <returns>The padded count.</returns>
    public static int Pad4(int n) => (n + 3) / 4 * 4;

    /// <summary>Whether a layer with <paramref name="inputs"/> inputs runs four neurons per vector.</summary>
    /// <param name="inputs">Inputs of the layer.</param>
    /// <returns>True for narrow layers.</returns>
    public static bool IsNarrow(int inputs) => inputs <= NarrowLimit;

    /// <summary>Length of a [input][neuron] buffer in the lane layout.</summary>
    /// <param name="inputs">Inputs of the layer.</param>
    /// <param name="outputs">Neurons of the layer.</param>
    /// <returns>The padded length.</returns>
    public static int LayoutLength(int inputs, int outputs) => IsNarrow(inputs) ? inputs * Pad4(outputs) : outputs * Pad4(inputs);

    private static int Slot(int inputs, int outputs, int i, int j) => IsNarrow(inputs) ? (i * Pad4(outputs)) + j : (j * Pad4(inputs)) + i;

    /// <summary>Copies a parameter set's weights and effective delays into the lane layout and computes the delay factors.</summary>
    /// <typeparam name="TConstants">The neuron's constants (tau_mem = 2 tau_syn).</typeparam>
    /// <param name="k">The constants.</param>
    /// <param name="weights">The layer's weights [input][neuron].</param>
    /// <param name="delays">The layer's effective delays [input][neuron].</param>
    /// <param name="lanes">Receives the lane layout.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Prepare<TConstants>(in TConstants k, ReadOnlySpan<double> weights, ReadOnlySpan<double> delays, SynapticLaneWeights lanes)
        where TConstants : struct, ISolverConstants
    {
        int nIn = lanes.Inputs, nOut = lanes.Outputs;
        bool narrow = IsNarrow(nIn);
        int rows = narrow ? nIn : nOut, columns = narrow ? Pad4(nOut) : Pad4(nIn);
        double gi = k.G / k.TauSyn;
        bool ok = true;
        var lw = lanes.Weights;
        var ld = lanes.Delays;
        var lx = lanes.DelayFactors;
        for (int r = 0; r < rows; r++)
        {
            for (int q = 0; q < columns; q++)
            {
                int i = narrow ? r : q, j = narrow ? q : r;
                int l = (r * columns) + q;
                if (narrow ? j >= nOut : i >= nIn)
                {
                    lw[l] = 0.0;
                    ld[l] = double.PositiveInfinity;
                    lx[l] = 0.0;
                    continue;
                }

                int s = (i * nOut) + j;
                double x = gi * delays[s];
                if (!(Math.Abs(x) <= ProductLimit))
                {
                    ok = false;
                }

                lw[l] = weights[s];
                ld[l] = delays[s];
                lx[l] = Math.Exp(x);
            }
        }

        lanes.Usable = ok;
    }

    /// <summary>
    /// The forward pass of the layer on the lanes: first-spike times and causal boundaries (the last causal arrival, NaN when
    /// silent) of every neuron. Returns false, writing nothing, when the lanes cannot run (see the class remarks): then the
    /// caller computes the layer on its scalar path. <see cref="SynapticLaneScratch.Active"/> tells the backward pass which ran.
    /// </summary>
    /// <typeparam name="TConstants">The neuron's constants (tau_mem = 2 tau_syn).</typeparam>
    /// <param name="k">The constants.</param>
    /// <param name="lanes">The prepared parameters.</param>
    /// <param name="input">The layer's input spike times (non-finite = silent).</param>
    /// <param name="scratch">Per-sample buffers.</param>
    /// <param name="times">Receives the spike times (+infinity = silent).</param>
    /// <param name="boundaries">Receives the causal boundaries.</param>
    /// <returns>Whether the lanes ran.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Forward<TConstants>(in TConstants k, SynapticLaneWeights lanes, ReadOnlySpan<double> input, SynapticLaneScratch scratch, Span<double> times, Span<double> boundaries)
        where TConstants : struct, ISolverConstants
    {
        int nIn = lanes.Inputs, nOut = lanes.Outputs;
        scratch.Active = false;
        if (!Vector256.IsHardwareAccelerated || !lanes.Usable)
        {
            return false;
        }

        double gi = k.G / k.TauSyn;
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (int i = 0; i < nIn; i++)
        {
            double x = input[i];
            if (double.IsFinite(x))
            {
                lo = Math.Min(lo, x);
                hi = Math.Max(hi, x);
            }
        }

        if (!(lo <= hi && (hi - lo) * gi <= ProductLimit))
        {
            return false;
        }

        if (IsNarrow(nIn))
        {
            NarrowForward(k, lanes, input[..nIn], lo, scratch);
        }
        else
        {
            WideForward(k, lanes, input[..nIn], lo, scratch);
        }

        scratch.Times.AsSpan(0, nOut).CopyTo(times);
        scratch.Boundaries.AsSpan(0, nOut).CopyTo(boundaries);
        scratch.Active = true;
        return true;
    }

    private static Vector256<double> Load(double[] array, int offset) =>
        Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(array), (nuint)offset);

    private static void Store(Vector256<double> value, double[] array, int offset) =>
        value.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(array), (nuint)offset);

    private static bool Any(Vector256<double> mask) => mask.AsUInt64() != Vector256<ulong>.Zero;

    private static bool Lane(Vector256<double> mask, int q) => mask.AsUInt64().GetElement(q) != 0;

    private static readonly Vector256<double> AllSet = Vector256<ulong>.AllBitsSet.AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NarrowForward<TConstants>(in TConstants k, SynapticLaneWeights lanes, ReadOnlySpan<double> input, double lo, SynapticLaneScratch scratch)
        where TConstants : struct, ISolverConstants
    {
        int n = input.Length, o = lanes.Outputs, p = Pad4(o);
        double gi = k.G / k.TauSyn, c = k.C, twoC = 2.0 * k.C, twoTau = 2.0 * k.TauSyn, invC = 1.0 / k.C;
        var ld = lanes.Delays;
        var lx = lanes.DelayFactors;
        var lw = lanes.Weights;
        var la = scratch.Arrivals;
        var lh = scratch.Factors;
        var lt = scratch.Times;
        var lb = scratch.Boundaries;
        var lX = scratch.RootFactors;
        // Spans of exactly n vectors, looped to their Length: the JIT drops the bounds checks (they had made this kernel
        // slower than the unrolled code the generator used to emit).
        Span<Vector256<double>> xv = stackalloc Vector256<double>[NarrowLimit];
        Span<Vector256<double>> ev = stackalloc Vector256<double>[NarrowLimit];
        Span<Vector256<double>> a = stackalloc Vector256<double>[NarrowLimit];
        Span<Vector256<double>> h = stackalloc Vector256<double>[NarrowLimit];
        Span<Vector256<double>> w = stackalloc Vector256<double>[NarrowLimit];
        xv = xv[..n];
        ev = ev[..n];
        a = a[..n];
        h = h[..n];
        w = w[..n];
        for (int i = 0; i < xv.Length; i++)
        {
            double x = input[i];
            bool f = double.IsFinite(x);
            xv[i] = f ? Vector256.Create(x) : Vector256.Create(double.PositiveInfinity);
            ev[i] = Vector256.Create(f ? Math.Exp((x - lo) * gi) : 0.0);
        }

        var inf = Vector256.Create(double.PositiveInfinity);
        for (int j0 = 0; j0 < p; j0 += 4)
        {
            for (int i = 0; i < a.Length; i++)
            {
                int l = (i * p) + j0;
                a[i] = xv[i] + Load(ld, l);
                h[i] = ev[i] * Load(lx, l);
                w[i] = Load(lw, l);
                Store(a[i], la, l);
                Store(h[i], lh, l);
            }

            // Stable odd-even transposition: adjacent compare-exchanges that swap only on a strict "less" (equal arrivals keep
            // their input order, as in the runtime's sort); weights and factors move along.
            for (int round = 0; round < a.Length; round++)
            {
                for (int x = round % 2; x + 1 < a.Length; x += 2)
                {
                    var m = Vector256.LessThan(a[x + 1], a[x]);
                    var at = Vector256.ConditionalSelect(m, a[x + 1], a[x]);
                    a[x + 1] = Vector256.ConditionalSelect(m, a[x], a[x + 1]);
                    a[x] = at;
                    var ht = Vector256.ConditionalSelect(m, h[x + 1], h[x]);
                    h[x + 1] = Vector256.ConditionalSelect(m, h[x], h[x + 1]);
                    h[x] = ht;
                    var wt = Vector256.ConditionalSelect(m, w[x + 1], w[x]);
                    w[x + 1] = Vector256.ConditionalSelect(m, w[x], w[x + 1]);
                    w[x] = wt;
                }
            }

            var sa = Vector256<double>.Zero;
            var sb = Vector256<double>.Zero;
            var found = Vector256<double>.Zero;
            var den = Vector256<double>.Zero;
            var bnd = Vector256.Create(double.NaN);
            for (int q = 0; q < n; q++)
            {
                // The interval test of DoubleTauSolver.InInterval on squares: c h_k <= den <= c h_(k+1).
                var wh = w[q] * h[q];
                sa += wh;
                sb += wh * h[q];
                var dd = (sa * sa) - (twoC * sb);
                var hn = q + 1 < n ? Vector256.ConditionalSelect(Vector256.LessThan(a[q + 1], inf), h[q + 1], inf) : inf;
                var upper = sa - (c * h[q]);
                var lower = sa - (c * hn);
                var valid = Vector256.LessThan(a[q], inf);
                var finite = Vector256.LessThan(Vector256.Abs(dd), inf);
                var ok = valid & finite & Vector256.GreaterThanOrEqual(dd, Vector256<double>.Zero) & Vector256.GreaterThanOrEqual(upper, Vector256<double>.Zero) & Vector256.LessThanOrEqual(dd, upper * upper)
                    & (Vector256.LessThanOrEqual(lower, Vector256<double>.Zero) | Vector256.GreaterThanOrEqual(dd, lower * lower));
                ok = Vector256.AndNot(ok, found);
                den = Vector256.ConditionalSelect(ok, sa - Vector256.Sqrt(dd), den);
                bnd = Vector256.ConditionalSelect(ok, a[q], bnd);
                found |= ok;
                var huge = Vector256.AndNot(valid, finite | found);
                if (Any(huge))
                {
                    // A^2 overflows (weights >= ~1e154): the crossing scaled by A, per lane, as the scalar solver.
                    for (int r = 0; r < 4; r++)
                    {
                        if (Lane(huge, r) && DoubleTauSolver.HugeInputCrossing(sa[r], sb[r], c, h[q][r], hn[r]) is double d)
                        {
                            den = den.WithElement(r, d);
                            bnd = bnd.WithElement(r, a[q][r]);
                            found = found.WithElement(r, AllSet[r]);
                        }
                    }
                }
            }

            // exp(g (t - lo) / tau) = den / c at the spike (2 g = 1): the backward pass needs no exponential.
            var root = den * invC;

            // The vector logarithm sees positive normal arguments only (lanes without a spike get 1): its last bits may
            // otherwise depend on the other lanes and on the JIT tier.
            var tc = Vector256.Create(lo) + (twoTau * Vector256.Log(Vector256.ConditionalSelect(found, root, Vector256<double>.One)));
            Store(Vector256.ConditionalSelect(found, Vector256.Max(bnd, tc), inf), lt, j0);
            Store(bnd, lb, j0);
            Store(root, lX, j0);
            if (Any(Vector256.LessThan(tc, bnd) & found))
            {
                // The spike was clamped to its interval's start (rounding): the factor of the clamped time.
                for (int q = 0; q < 4; q++)
                {
                    lX[j0 + q] = Math.Exp((lt[j0 + q] - lo) * gi);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WideForward<TConstants>(in TConstants k, SynapticLaneWeights lanes, ReadOnlySpan<double> input, double lo, SynapticLaneScratch scratch)
        where TConstants : struct, ISolverConstants
    {
        int n = input.Length, o = lanes.Outputs, width = Pad4(n);
        double gi = k.G / k.TauSyn, c = k.C, twoC = 2.0 * k.C, twoTau = 2.0 * k.TauSyn, invC = 1.0 / k.C;
        var lin = scratch.InputTimes;
        var le = scratch.InputFactors;
        var ld = lanes.Delays;
        var lx = lanes.DelayFactors;
        var lw = lanes.Weights;
        var la = scratch.Arrivals;
        var lh = scratch.Factors;
        var keys = scratch.Keys;
        var index = scratch.Index;
        for (int i = 0; i < width; i++)
        {
            double x = i < n ? input[i] : double.PositiveInfinity;
            bool f = double.IsFinite(x);
            lin[i] = f ? x : double.PositiveInfinity;
            le[i] = f ? (x - lo) * gi : double.NegativeInfinity;
        }

        for (int i0 = 0; i0 < width; i0 += 4)
        {
            // Silent inputs (-infinity) get factor 0; the vector exponential sees finite arguments only.
            var u = Load(le, i0);
            var spike = Vector256.GreaterThan(u, Vector256.Create(double.NegativeInfinity));
            Store(Vector256.ConditionalSelect(spike, Vector256.Exp(Vector256.ConditionalSelect(spike, u, Vector256<double>.Zero)), Vector256<double>.Zero), le, i0);
        }

        for (int j = 0; j < o; j++)
        {
            int row = j * width;
            for (int i0 = 0; i0 < width; i0 += 4)
            {
                Store(Load(lin, i0) + Load(ld, row + i0), la, row + i0);
                Store(Load(le, i0) * Load(lx, row + i0), lh, row + i0);
            }

            int m = 0;
            for (int i = 0; i < n; i++)
            {
                double a = la[row + i];
                if (a < double.PositiveInfinity)
                {
                    keys[m] = a;
                    index[m++] = i;
                }
            }

            ArrivalSort.Sort(keys.AsSpan(0, m), index.AsSpan(0, m));
            double t = double.PositiveInfinity, root = 0.0, sa = 0, sb = 0;
            int causal = 0;
            for (int q = 0; q < m; q++)
            {
                int i = index[q];
                double h = lh[row + i];
                double wh = lw[row + i] * h;
                sa += wh;
                sb += wh * h;
                double dd = (sa * sa) - (twoC * sb);
                double hn = q + 1 < m ? lh[row + index[q + 1]] : double.PositiveInfinity;
                if (!double.IsFinite(dd))
                {
                    // A^2 overflows (weights >= ~1e154): the crossing scaled by A, as the scalar solver.
                    if (DoubleTauSolver.HugeInputCrossing(sa, sb, c, h, hn) is not double den)
                    {
                        continue;
                    }

                    root = den * invC;
                }
                else
                {
                    if (dd < 0 || !DoubleTauSolver.InInterval(sa, dd, c * h, c * hn))
                    {
                        continue;
                    }

                    root = (sa - Math.Sqrt(dd)) * invC;
                }

                double tc = lo + (twoTau * Math.Log(root));
                t = Math.Max(keys[q], tc);
                if (tc < keys[q])
                {
                    root = Math.Exp((t - lo) * gi);
                }

                causal = q + 1;
                break;
            }

            scratch.Times[j] = t;
            scratch.RootFactors[j] = root;
            scratch.Boundaries[j] = causal > 0 ? keys[causal - 1] : double.NaN;
        }
    }

    /// <summary>
    /// The backward pass of a layer whose forward pass ran on the lanes (<see cref="SynapticLaneScratch.Active"/>): adds the
    /// weight and delay gradients to the scratch's accumulators (<see cref="Flush"/> moves them) and writes dL/d(input times)
    /// into <paramref name="inputGradient"/> (overwritten).
    /// </summary>
    /// <typeparam name="TConstants">The neuron's constants (tau_mem = 2 tau_syn).</typeparam>
    /// <param name="k">The constants.</param>
    /// <param name="lanes">The prepared parameters.</param>
    /// <param name="scratch">The forward pass's buffers.</param>
    /// <param name="outputGradient">dL/d(spike times) of the layer.</param>
    /// <param name="inputGradient">Receives dL/d(input times).</param>
    /// <param name="maxDw">The reference's max_dw_norm (+infinity = off).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<TConstants>(in TConstants k, SynapticLaneWeights lanes, SynapticLaneScratch scratch, ReadOnlySpan<double> outputGradient, Span<double> inputGradient, double maxDw)
        where TConstants : struct, ISolverConstants
    {
        if (IsNarrow(lanes.Inputs))
        {
            NarrowBackward(k, lanes, scratch, outputGradient, inputGradient, maxDw);
        }
        else
        {
            WideBackward(k, lanes, scratch, outputGradient, inputGradient, maxDw);
        }
    }

    // q = exp(-(t - a) / (2 tau)) = h / root; PSP 2 q (1 - q), slope q (2 q - 1) / tau (as DoubleTauSolver).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PspAndSlope(Vector256<double> h, Vector256<double> invX, double invTau, out Vector256<double> psp, out Vector256<double> slope)
    {
        var q = h * invX;
        slope = q * ((2.0 * q) - Vector256<double>.One) * invTau;
        psp = 2.0 * q * (Vector256<double>.One - q);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NarrowBackward<TConstants>(in TConstants k, SynapticLaneWeights lanes, SynapticLaneScratch scratch, ReadOnlySpan<double> gOut, Span<double> gIn, double maxDw)
        where TConstants : struct, ISolverConstants
    {
        int n = lanes.Inputs, o = lanes.Outputs, p = Pad4(o);
        double invTau = 1.0 / k.TauSyn;
        var lg = scratch.OutputGradient;
        var lw = lanes.Weights;
        var la = scratch.Arrivals;
        var lh = scratch.Factors;
        var lwg = scratch.WeightGradient;
        var ldg = scratch.DelayGradient;
        gOut[..o].CopyTo(lg);
        gIn[..n].Clear();
        // Spans of exactly n vectors, looped to their Length: no bounds checks in the loops (as in the forward pass).
        Span<Vector256<double>> psps = stackalloc Vector256<double>[NarrowLimit];
        Span<Vector256<double>> slopes = stackalloc Vector256<double>[NarrowLimit];
        Span<Vector256<double>> causal = stackalloc Vector256<double>[NarrowLimit];
        psps = psps[..n];
        slopes = slopes[..n];
        causal = causal[..n];
        var inf = Vector256.Create(double.PositiveInfinity);
        for (int j0 = 0; j0 < p; j0 += 4)
        {
            var delta = Load(lg, j0);
            var active = Vector256.LessThan(Load(scratch.Times, j0), inf) & ~Vector256.Equals(delta, Vector256<double>.Zero);
            if (!Any(active))
            {
                continue;
            }

            var bnd = Load(scratch.Boundaries, j0);
            var invX = Vector256<double>.One / Load(scratch.RootFactors, j0);
            var vSlope = Vector256<double>.Zero;
            var maxPsp = Vector256<double>.Zero;
            for (int i = 0; i < causal.Length; i++)
            {
                int l = (i * p) + j0;
                causal[i] = active & Vector256.LessThanOrEqual(Load(la, l), bnd);
                PspAndSlope(Load(lh, l), invX, invTau, out psps[i], out slopes[i]);
                vSlope += Vector256.ConditionalSelect(causal[i], Load(lw, l) * slopes[i], Vector256<double>.Zero);
                maxPsp = Vector256.Max(maxPsp, Vector256.ConditionalSelect(causal[i], Vector256.Abs(psps[i]), Vector256<double>.Zero));
            }

            // A grazing crossing (V' -> 0) has no finite derivative; it contributes nothing (as in the runtime).
            var ok = active & Vector256.GreaterThan(vSlope, Vector256.Create(1e-300));
            if (!Any(ok))
            {
                continue;
            }

            var sc = Vector256.ConditionalSelect(ok, delta / vSlope, Vector256<double>.Zero);

            // max_dw_norm: a neuron whose largest weight gradient exceeds it keeps only its arrival gradients.
            var keep = ~Vector256.GreaterThan(Vector256.Abs(sc) * maxPsp, Vector256.Create(maxDw));
            for (int i = 0; i < causal.Length; i++)
            {
                int l = (i * p) + j0;
                var m = causal[i] & ok;
                Store(Load(lwg, l) + Vector256.ConditionalSelect(m & keep, -(sc * psps[i]), Vector256<double>.Zero), lwg, l);
                var ga = Vector256.ConditionalSelect(m, sc * Load(lw, l) * slopes[i], Vector256<double>.Zero);
                Store(Load(ldg, l) + ga, ldg, l);
                gIn[i] += Vector256.Sum(ga);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WideBackward<TConstants>(in TConstants k, SynapticLaneWeights lanes, SynapticLaneScratch scratch, ReadOnlySpan<double> gOut, Span<double> gIn, double maxDw)
        where TConstants : struct, ISolverConstants
    {
        int n = lanes.Inputs, o = lanes.Outputs, width = Pad4(n);
        double invTau = 1.0 / k.TauSyn;
        var lgi = scratch.InputGradient;
        var lw = lanes.Weights;
        var la = scratch.Arrivals;
        var lh = scratch.Factors;
        var lwg = scratch.WeightGradient;
        var ldg = scratch.DelayGradient;
        Array.Clear(lgi);
        for (int j = 0; j < o; j++)
        {
            double t = scratch.Times[j], delta = gOut[j];
            if (delta == 0 || !double.IsFinite(t))
            {
                continue;
            }

            int row = j * width;
            var bnd = Vector256.Create(scratch.Boundaries[j]);
            var invX = Vector256.Create(1.0 / scratch.RootFactors[j]);
            var vs = Vector256<double>.Zero;
            var mp = Vector256<double>.Zero;
            for (int i0 = 0; i0 < width; i0 += 4)
            {
                var inc = Vector256.LessThanOrEqual(Load(la, row + i0), bnd);
                PspAndSlope(Load(lh, row + i0), invX, invTau, out var psp, out var slope);
                vs += Vector256.ConditionalSelect(inc, Load(lw, row + i0) * slope, Vector256<double>.Zero);
                mp = Vector256.Max(mp, Vector256.ConditionalSelect(inc, Vector256.Abs(psp), Vector256<double>.Zero));
            }

            double vSlope = Vector256.Sum(vs);
            if (!(vSlope > 1e-300))
            {
                continue;
            }

            double sca = delta / vSlope;
            var sc = Vector256.Create(sca);

            // max_dw_norm: a neuron whose largest weight gradient exceeds it keeps only its arrival gradients.
            bool keep = !(Math.Abs(sca) * Math.Max(Math.Max(mp[0], mp[1]), Math.Max(mp[2], mp[3])) > maxDw);
            for (int i0 = 0; i0 < width; i0 += 4)
            {
                var inc = Vector256.LessThanOrEqual(Load(la, row + i0), bnd);
                PspAndSlope(Load(lh, row + i0), invX, invTau, out var psp, out var slope);
                if (keep)
                {
                    Store(Load(lwg, row + i0) + Vector256.ConditionalSelect(inc, -(sc * psp), Vector256<double>.Zero), lwg, row + i0);
                }

                var ga = Vector256.ConditionalSelect(inc, sc * Load(lw, row + i0) * slope, Vector256<double>.Zero);
                Store(Load(ldg, row + i0) + ga, ldg, row + i0);
                Store(Load(lgi, i0) + ga, lgi, i0);
            }
        }

        lgi.AsSpan(0, n).CopyTo(gIn);
    }

    /// <summary>Adds the lanes' accumulated gradients to the flat weight gradient and the effective-delay gradient, and clears them.</summary>
    /// <param name="scratch">The accumulators.</param>
    /// <param name="weightGradient">The layer's weight gradient [input][neuron].</param>
    /// <param name="delayGradient">The layer's effective-delay gradient [input][neuron].</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Flush(SynapticLaneScratch scratch, Span<double> weightGradient, Span<double> delayGradient)
    {
        int nIn = scratch.Inputs, nOut = scratch.Outputs;
        var lwg = scratch.WeightGradient;
        var ldg = scratch.DelayGradient;
        for (int i = 0; i < nIn; i++)
        {
            for (int j = 0; j < nOut; j++)
            {
                int l = Slot(nIn, nOut, i, j);
                weightGradient[(i * nOut) + j] += lwg[l];
                delayGradient[(i * nOut) + j] += ldg[l];
                lwg[l] = 0;
                ldg[l] = 0;
            }
        }
    }

    /// <summary>Clears the lanes' gradient accumulators.</summary>
    /// <param name="scratch">The accumulators.</param>
    public static void ClearGradient(SynapticLaneScratch scratch)
    {
        Array.Clear(scratch.WeightGradient);
        Array.Clear(scratch.DelayGradient);
    }

    /// <summary>The arrival time of input <paramref name="i"/> at neuron <paramref name="j"/> of the last lane forward pass.</summary>
    /// <param name="scratch">The forward pass's buffers.</param>
    /// <param name="i">The input.</param>
    /// <param name="j">The neuron.</param>
    /// <returns>The arrival (+infinity for a silent input).</returns>
    public static double Arrival(SynapticLaneScratch scratch, int i, int j) => scratch.Arrivals[Slot(scratch.Inputs, scratch.Outputs, i, j)];
}
