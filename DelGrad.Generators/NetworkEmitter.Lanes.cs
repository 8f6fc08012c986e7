using System;
using System.Text;
using DelGrad.Solvers;
using DelGrad.Specs.Plan;

namespace DelGrad.Generators
{
    /// <content>
    /// Lane kernels for double-tau layers with synaptic delays: what a build-time spec allows and the runtime
    /// interpreter does not do. Every exponential is a product, exp(g (t_i + d_ij - ref) / tau) =
    /// E_i D_ij with D_ij = exp(g d_ij / tau) once per parameter set and E_i once per input, and
    /// exp(g (t - ref) / tau) at a spike is the quadratic's own root (den / c), so no exponential is left
    /// in the backward pass.
    /// <list type="bullet">
    /// <item>Narrow layers (at most <see cref="NarrowLimit"/> inputs): four neurons per Vector256; each lane
    /// sorts its arrivals with a stable odd-even transposition network, and the closed form runs on all
    /// four lanes at once.</item>
    /// <item>Wide layers: one neuron at a time, arrivals and factors built with vector adds and products
    /// in a transposed [neuron][input] layout, ordered by the library's vector rank sort, backward pass on
    /// vectors.</item>
    /// </list>
    /// The lanes are used while every factor stays far from overflow (|g x / tau| &lt;= ProductLimit for the
    /// input spread and every delay); otherwise the layer takes the exact scalar path, like the runtime.
    /// Results agree with the runtime to rounding (the equivalence tests bound it).
    /// </content>
    internal static partial class NetworkEmitter
    {
        private const int NarrowLimit = 8;
        private const string V = "global::System.Runtime.Intrinsics.Vector256";
        private const string VD = "global::System.Runtime.Intrinsics.Vector256<double>";

        private static int Pad4(int n) => (n + 3) / 4 * 4;

        private static string LaneMode(Stage st) =>
            st.IsNeurons && st.Solver == NeuronModel.DoubleTau && st.Wiring == DelayPlacement.Synaptic
                ? (st.In <= NarrowLimit ? "narrow" : "wide")
                : string.Empty;

        private static void LaneFields(StringBuilder sb, int s, Stage st)
        {
            bool narrow = LaneMode(st) == "narrow";
            int size = narrow ? st.In * Pad4(st.Out) : st.Out * Pad4(st.In);
            int outs = narrow ? Pad4(st.Out) : st.Out;
            string layout = narrow ? $"[input][{Pad4(st.Out)} neurons]" : $"[neuron][{Pad4(st.In)} inputs]";
            sb.AppendLine($"        // Stage {s} lanes, {layout}: weights, delays (+inf pad), exp(g d / tau) (0 pad); per sample arrivals and factors; gradient accumulators.");
            sb.AppendLine($"        private readonly double[] lw{s} = new double[{size}], ld{s} = new double[{size}], lx{s} = new double[{size}];");
            sb.AppendLine($"        private readonly double[] la{s} = new double[{size}], lh{s} = new double[{size}];");
            sb.AppendLine($"        private readonly double[] lwg{s} = new double[{size}], ldg{s} = new double[{size}];");
            sb.AppendLine($"        private readonly double[] lt{s} = new double[{outs}], lb{s} = new double[{outs}], lX{s} = new double[{outs}];");
            if (narrow)
            {
                sb.AppendLine($"        private readonly double[] lg{s} = new double[{outs}];");
            }
            else
            {
                sb.AppendLine($"        private readonly double[] lin{s} = new double[{Pad4(st.In)}], le{s} = new double[{Pad4(st.In)}], lgi{s} = new double[{Pad4(st.In)}];");
            }

            sb.AppendLine($"        private bool lok{s}, lane{s};");
        }

        private static void LanePrepare(StringBuilder sb, int s, Stage st)
        {
            bool narrow = LaneMode(st) == "narrow";
            int pIn = Pad4(st.In), pOut = Pad4(st.Out);
            string gi = L(st.G / st.TauSyn);
            sb.AppendLine($"            lok{s} = true;");
            sb.AppendLine(narrow
                ? $"            for (int i = 0; i < {st.In}; i++) for (int j = 0; j < {pOut}; j++)"
                : $"            for (int j = 0; j < {st.Out}; j++) for (int i = 0; i < {pIn}; i++)");
            sb.AppendLine("            {");
            sb.AppendLine(narrow ? $"                int l = (i * {pOut}) + j;" : $"                int l = (j * {pIn}) + i;");
            sb.AppendLine(narrow ? $"                if (j >= {st.Out})" : $"                if (i >= {st.In})");
            sb.AppendLine("                {");
            sb.AppendLine($"                    lw{s}[l] = 0.0;");
            sb.AppendLine($"                    ld{s}[l] = double.PositiveInfinity;");
            sb.AppendLine($"                    lx{s}[l] = 0.0;");
            sb.AppendLine("                    continue;");
            sb.AppendLine("                }");
            sb.AppendLine();
            sb.AppendLine($"                int k = (i * {st.Out}) + j;");
            sb.AppendLine($"                double x = {gi} * d{s}[k];");
            sb.AppendLine($"                if (!(global::System.Math.Abs(x) <= {L(ProductLimit)})) lok{s} = false;");
            sb.AppendLine($"                lw{s}[l] = p[{st.WeightOffset} + k];");
            sb.AppendLine($"                ld{s}[l] = d{s}[k];");
            sb.AppendLine($"                lx{s}[l] = global::System.Math.Exp(x);");
            sb.AppendLine("            }");
        }

        // Opens "if (lanes) {" after computing the input range; the caller emits the scalar path in the else branch.
        private static void LaneForward(StringBuilder sb, int s, Stage st)
        {
            string gi = L(st.G / st.TauSyn);
            const string I = "                ";
            sb.AppendLine($"{I}double lo = double.PositiveInfinity, hi = double.NegativeInfinity;");
            sb.AppendLine($"{I}for (int i = 0; i < {st.In}; i++)");
            sb.AppendLine($"{I}{{");
            sb.AppendLine($"{I}    double x = v{s}[i];");
            sb.AppendLine($"{I}    if (double.IsFinite(x))");
            sb.AppendLine($"{I}    {{");
            sb.AppendLine($"{I}        lo = global::System.Math.Min(lo, x);");
            sb.AppendLine($"{I}        hi = global::System.Math.Max(hi, x);");
            sb.AppendLine($"{I}    }}");
            sb.AppendLine($"{I}}}");
            sb.AppendLine();
            sb.AppendLine($"{I}lane{s} = lok{s} && lo <= hi && (hi - lo) * {gi} <= {L(ProductLimit)};");
            sb.AppendLine($"{I}if (lane{s})");
            sb.AppendLine($"{I}{{");
            if (LaneMode(st) == "narrow")
            {
                NarrowForward(sb, s, st, I + "    ");
            }
            else
            {
                WideForward(sb, s, st, I + "    ");
            }

            sb.AppendLine($"{I}}}");
            sb.AppendLine($"{I}else");
            sb.AppendLine($"{I}{{");
        }

        private static void NarrowForward(StringBuilder sb, int s, Stage st, string I)
        {
            int n = st.In, o = st.Out, P = Pad4(o);
            string gi = L(st.G / st.TauSyn), c = L(st.C), twoC = L(2.0 * st.C), twoTau = L(2.0 * st.TauSyn), invC = L(1.0 / st.C);
            for (int i = 0; i < n; i++)
            {
                sb.AppendLine($"{I}double x{i} = v{s}[{i}];");
                sb.AppendLine($"{I}bool f{i} = double.IsFinite(x{i});");
                sb.AppendLine($"{I}var xv{i} = f{i} ? {V}.Create(x{i}) : {V}.Create(double.PositiveInfinity);");
                sb.AppendLine($"{I}var ev{i} = {V}.Create(f{i} ? global::System.Math.Exp((x{i} - lo) * {gi}) : 0.0);");
            }

            sb.AppendLine($"{I}var inf = {V}.Create(double.PositiveInfinity);");
            sb.AppendLine($"{I}for (int j0 = 0; j0 < {P}; j0 += 4)");
            sb.AppendLine($"{I}{{");
            string J = I + "    ";
            for (int i = 0; i < n; i++)
            {
                sb.AppendLine($"{J}var a{i} = xv{i} + {V}.Create(ld{s}, {i * P} + j0);");
                sb.AppendLine($"{J}var h{i} = ev{i} * {V}.Create(lx{s}, {i * P} + j0);");
                sb.AppendLine($"{J}var w{i} = {V}.Create(lw{s}, {i * P} + j0);");
                sb.AppendLine($"{J}{V}.CopyTo(a{i}, la{s}, {i * P} + j0);");
                sb.AppendLine($"{J}{V}.CopyTo(h{i}, lh{s}, {i * P} + j0);");
            }

            // Odd-even transposition: adjacent compare-exchanges that swap only on a strict "less", hence stable
            // (equal arrivals keep their input order, as in the runtime's sort).
            sb.AppendLine($"{J}// stable odd-even transposition sort of each lane's {n} arrivals (weights and factors move along)");
            for (int round = 0; round < n; round++)
            {
                for (int a = round % 2; a + 1 < n; a += 2)
                {
                    int b = a + 1;
                    sb.AppendLine($"{J}{{");
                    sb.AppendLine($"{J}    var m = {V}.LessThan(a{b}, a{a});");
                    foreach (var x in new[] { "a", "h", "w" })
                    {
                        sb.AppendLine($"{J}    var {x}t = {V}.ConditionalSelect(m, {x}{b}, {x}{a});");
                        sb.AppendLine($"{J}    {x}{b} = {V}.ConditionalSelect(m, {x}{a}, {x}{b});");
                        sb.AppendLine($"{J}    {x}{a} = {x}t;");
                    }

                    sb.AppendLine($"{J}}}");
                }
            }

            sb.AppendLine($"{J}var sa = {VD}.Zero;");
            sb.AppendLine($"{J}var sb = {VD}.Zero;");
            sb.AppendLine($"{J}var found = {VD}.Zero;");
            sb.AppendLine($"{J}var den = {VD}.Zero;");
            sb.AppendLine($"{J}var bnd = {V}.Create(double.NaN);");
            for (int k = 0; k < n; k++)
            {
                // Same interval test as DoubleTauSolver.InInterval, on squares: c h_k <= den <= c h_(k+1).
                sb.AppendLine($"{J}{{");
                sb.AppendLine($"{J}    var wh = w{k} * h{k};");
                sb.AppendLine($"{J}    sa += wh;");
                sb.AppendLine($"{J}    sb += wh * h{k};");
                sb.AppendLine($"{J}    var dd = (sa * sa) - ({twoC} * sb);");
                sb.AppendLine(k + 1 < n
                    ? $"{J}    var hn = {V}.ConditionalSelect({V}.LessThan(a{k + 1}, inf), h{k + 1}, inf);"
                    : $"{J}    var hn = inf;");
                sb.AppendLine($"{J}    var upper = sa - ({c} * h{k});");
                sb.AppendLine($"{J}    var lower = sa - ({c} * hn);");
                sb.AppendLine($"{J}    var ok = {V}.LessThan(a{k}, inf) & {V}.GreaterThanOrEqual(dd, {VD}.Zero) & {V}.GreaterThanOrEqual(upper, {VD}.Zero) & {V}.LessThanOrEqual(dd, upper * upper)");
                sb.AppendLine($"{J}        & ({V}.LessThanOrEqual(lower, {VD}.Zero) | {V}.GreaterThanOrEqual(dd, lower * lower));");
                sb.AppendLine($"{J}    ok = {V}.AndNot(ok, found);");
                sb.AppendLine($"{J}    den = {V}.ConditionalSelect(ok, sa - {V}.Sqrt(dd), den);");
                sb.AppendLine($"{J}    bnd = {V}.ConditionalSelect(ok, a{k}, bnd);");
                sb.AppendLine($"{J}    found |= ok;");
                sb.AppendLine($"{J}}}");
            }

            // exp(g (t - lo) / tau) = den / c at the spike (2 g = 1): the backward pass needs no exponential.
            sb.AppendLine($"{J}var root = den * {invC};");
            sb.AppendLine($"{J}// The vector logarithm sees positive normal arguments only (lanes without a spike get 1): its last bits may");
            sb.AppendLine($"{J}// otherwise depend on the other lanes and on the JIT tier.");
            sb.AppendLine($"{J}var tc = {V}.Create(lo) + ({twoTau} * {V}.Log({V}.ConditionalSelect(found, root, {VD}.One)));");
            sb.AppendLine($"{J}{V}.CopyTo({V}.ConditionalSelect(found, {V}.Max(bnd, tc), inf), lt{s}, j0);");
            sb.AppendLine($"{J}{V}.CopyTo(bnd, lb{s}, j0);");
            sb.AppendLine($"{J}{V}.CopyTo(root, lX{s}, j0);");
            sb.AppendLine($"{J}if (({V}.LessThan(tc, bnd) & found) != {VD}.Zero)");
            sb.AppendLine($"{J}{{");
            sb.AppendLine($"{J}    // The spike was clamped to its interval's start (rounding): the factor of the clamped time.");
            sb.AppendLine($"{J}    for (int q = 0; q < 4; q++) lX{s}[j0 + q] = global::System.Math.Exp((lt{s}[j0 + q] - lo) * {gi});");
            sb.AppendLine($"{J}}}");
            sb.AppendLine($"{I}}}");
            sb.AppendLine();
            sb.AppendLine($"{I}global::System.Array.Copy(lt{s}, v{s + 1}, {o});");
            sb.AppendLine($"{I}global::System.Array.Copy(lb{s}, bnd{s}, {o});");
        }

        private static void WideForward(StringBuilder sb, int s, Stage st, string I)
        {
            int n = st.In, o = st.Out, Q = Pad4(n);
            string gi = L(st.G / st.TauSyn), c = L(st.C), twoC = L(2.0 * st.C), twoTau = L(2.0 * st.TauSyn), invC = L(1.0 / st.C);
            sb.AppendLine($"{I}for (int i = 0; i < {Q}; i++)");
            sb.AppendLine($"{I}{{");
            sb.AppendLine($"{I}    double x = i < {n} ? v{s}[i] : double.PositiveInfinity;");
            sb.AppendLine($"{I}    bool f = double.IsFinite(x);");
            sb.AppendLine($"{I}    lin{s}[i] = f ? x : double.PositiveInfinity;");
            sb.AppendLine($"{I}    le{s}[i] = f ? (x - lo) * {gi} : double.NegativeInfinity;");
            sb.AppendLine($"{I}}}");
            sb.AppendLine();
            sb.AppendLine($"{I}for (int i0 = 0; i0 < {Q}; i0 += 4)");
            sb.AppendLine($"{I}{{");
            sb.AppendLine($"{I}    // Silent inputs (-infinity) get factor 0; the vector exponential sees finite arguments only.");
            sb.AppendLine($"{I}    var u = {V}.Create(le{s}, i0);");
            sb.AppendLine($"{I}    var spike = {V}.GreaterThan(u, {V}.Create(double.NegativeInfinity));");
            sb.AppendLine($"{I}    {V}.CopyTo({V}.ConditionalSelect(spike, {V}.Exp({V}.ConditionalSelect(spike, u, {VD}.Zero)), {VD}.Zero), le{s}, i0);");
            sb.AppendLine($"{I}}}");
            sb.AppendLine($"{I}for (int j = 0; j < {o}; j++)");
            sb.AppendLine($"{I}{{");
            string J = I + "    ";
            sb.AppendLine($"{J}int row = j * {Q};");
            sb.AppendLine($"{J}for (int i0 = 0; i0 < {Q}; i0 += 4)");
            sb.AppendLine($"{J}{{");
            sb.AppendLine($"{J}    {V}.CopyTo({V}.Create(lin{s}, i0) + {V}.Create(ld{s}, row + i0), la{s}, row + i0);");
            sb.AppendLine($"{J}    {V}.CopyTo({V}.Create(le{s}, i0) * {V}.Create(lx{s}, row + i0), lh{s}, row + i0);");
            sb.AppendLine($"{J}}}");
            sb.AppendLine();
            sb.AppendLine($"{J}int m = 0;");
            sb.AppendLine($"{J}for (int i = 0; i < {n}; i++)");
            sb.AppendLine($"{J}{{");
            sb.AppendLine($"{J}    double a = la{s}[row + i];");
            sb.AppendLine($"{J}    if (a < double.PositiveInfinity)");
            sb.AppendLine($"{J}    {{");
            sb.AppendLine($"{J}        keys[m] = a;");
            sb.AppendLine($"{J}        index[m++] = i;");
            sb.AppendLine($"{J}    }}");
            sb.AppendLine($"{J}}}");
            sb.AppendLine();
            sb.AppendLine($"{J}global::DelGrad.Kernel.ArrivalSort.Sort(new global::System.Span<double>(keys, 0, m), new global::System.Span<int>(index, 0, m));");
            sb.AppendLine($"{J}double t = double.PositiveInfinity, root = 0.0, sa = 0, sb = 0;");
            sb.AppendLine($"{J}int causal = 0;");
            sb.AppendLine($"{J}for (int k = 0; k < m; k++)");
            sb.AppendLine($"{J}{{");
            sb.AppendLine($"{J}    int i = index[k];");
            sb.AppendLine($"{J}    double h = lh{s}[row + i];");
            sb.AppendLine($"{J}    double wh = lw{s}[row + i] * h;");
            sb.AppendLine($"{J}    sa += wh;");
            sb.AppendLine($"{J}    sb += wh * h;");
            sb.AppendLine($"{J}    double dd = (sa * sa) - ({twoC} * sb);");
            sb.AppendLine($"{J}    if (dd < 0) continue;");
            sb.AppendLine($"{J}    double hn = k + 1 < m ? lh{s}[row + index[k + 1]] : double.PositiveInfinity;");
            sb.AppendLine($"{J}    if (!global::DelGrad.Solvers.DoubleTauSolver.InInterval(sa, dd, {c} * h, {c} * hn)) continue;");
            sb.AppendLine($"{J}    root = (sa - global::System.Math.Sqrt(dd)) * {invC};");
            sb.AppendLine($"{J}    double tc = lo + ({twoTau} * global::System.Math.Log(root));");
            sb.AppendLine($"{J}    t = global::System.Math.Max(keys[k], tc);");
            sb.AppendLine($"{J}    if (tc < keys[k]) root = global::System.Math.Exp((t - lo) * {gi});");
            sb.AppendLine($"{J}    causal = k + 1;");
            sb.AppendLine($"{J}    break;");
            sb.AppendLine($"{J}}}");
            sb.AppendLine();
            sb.AppendLine($"{J}lt{s}[j] = t;");
            sb.AppendLine($"{J}lX{s}[j] = root;");
            sb.AppendLine($"{J}lb{s}[j] = causal > 0 ? keys[causal - 1] : double.NaN;");
            sb.AppendLine($"{I}}}");
            sb.AppendLine();
            sb.AppendLine($"{I}global::System.Array.Copy(lt{s}, v{s + 1}, {o});");
            sb.AppendLine($"{I}global::System.Array.Copy(lb{s}, bnd{s}, {o});");
        }

        // Opens "if (lane{s}) { ... } else {"; the caller emits the scalar backward in the else branch.
        private static void LaneBackward(StringBuilder sb, int s, Stage st)
        {
            const string I = "                ";
            sb.AppendLine($"{I}if (lane{s})");
            sb.AppendLine($"{I}{{");
            if (LaneMode(st) == "narrow")
            {
                NarrowBackward(sb, s, st, I + "    ");
            }
            else
            {
                WideBackward(sb, s, st, I + "    ");
            }

            sb.AppendLine($"{I}}}");
            sb.AppendLine($"{I}else");
            sb.AppendLine($"{I}{{");
        }

        private static void PspAndSlope(StringBuilder sb, string I, string suffix, string h, string invX, Stage st)
        {
            // q = exp(-(t - a) / (2 tau)) = h / root; PSP 2 q (1 - q), slope q (2 q - 1) / tau (as DoubleTauSolver).
            sb.AppendLine($"{I}var q{suffix} = {h} * {invX};");
            sb.AppendLine($"{I}var slope{suffix} = q{suffix} * ((2.0 * q{suffix}) - {VD}.One) * {L(1.0 / st.TauSyn)};");
            sb.AppendLine($"{I}var psp{suffix} = 2.0 * q{suffix} * ({VD}.One - q{suffix});");
        }

        private static void NarrowBackward(StringBuilder sb, int s, Stage st, string I)
        {
            int n = st.In, o = st.Out, P = Pad4(o);
            sb.AppendLine($"{I}global::System.Array.Copy(g{s + 1}, lg{s}, {o});");
            sb.AppendLine($"{I}var inf = {V}.Create(double.PositiveInfinity);");
            sb.AppendLine($"{I}for (int j0 = 0; j0 < {P}; j0 += 4)");
            sb.AppendLine($"{I}{{");
            string J = I + "    ";
            sb.AppendLine($"{J}var delta = {V}.Create(lg{s}, j0);");
            sb.AppendLine($"{J}var active = {V}.LessThan({V}.Create(lt{s}, j0), inf) & ~{V}.Equals(delta, {VD}.Zero);");
            sb.AppendLine($"{J}if (active == {VD}.Zero) continue;");
            sb.AppendLine($"{J}var bnd = {V}.Create(lb{s}, j0);");
            sb.AppendLine($"{J}var invX = {VD}.One / {V}.Create(lX{s}, j0);");
            sb.AppendLine($"{J}var vSlope = {VD}.Zero;");
            sb.AppendLine($"{J}var maxPsp = {VD}.Zero;");
            for (int i = 0; i < n; i++)
            {
                sb.AppendLine($"{J}var w{i} = {V}.Create(lw{s}, {i * P} + j0);");
                sb.AppendLine($"{J}var in{i} = active & {V}.LessThanOrEqual({V}.Create(la{s}, {i * P} + j0), bnd);");
                PspAndSlope(sb, J, i.ToString(), $"{V}.Create(lh{s}, {i * P} + j0)", "invX", st);
                sb.AppendLine($"{J}vSlope += {V}.ConditionalSelect(in{i}, w{i} * slope{i}, {VD}.Zero);");
                sb.AppendLine($"{J}maxPsp = {V}.Max(maxPsp, {V}.ConditionalSelect(in{i}, {V}.Abs(psp{i}), {VD}.Zero));");
            }

            // A grazing crossing (V' -> 0) has no finite derivative; it contributes nothing (as in the runtime).
            sb.AppendLine($"{J}var ok = active & {V}.GreaterThan(vSlope, {V}.Create(1e-300));");
            sb.AppendLine($"{J}if (ok == {VD}.Zero) continue;");
            sb.AppendLine($"{J}var sc = {V}.ConditionalSelect(ok, delta / vSlope, {VD}.Zero);");
            sb.AppendLine($"{J}// max_dw_norm: a neuron whose largest weight gradient exceeds it keeps only its arrival gradients.");
            sb.AppendLine($"{J}var keep = ~{V}.GreaterThan({V}.Abs(sc) * maxPsp, {V}.Create(maxDw));");
            for (int i = 0; i < n; i++)
            {
                sb.AppendLine($"{J}{{");
                sb.AppendLine($"{J}    var m = in{i} & ok;");
                sb.AppendLine($"{J}    {V}.CopyTo({V}.Create(lwg{s}, {i * P} + j0) + {V}.ConditionalSelect(m & keep, -(sc * psp{i}), {VD}.Zero), lwg{s}, {i * P} + j0);");
                sb.AppendLine($"{J}    var ga = {V}.ConditionalSelect(m, sc * w{i} * slope{i}, {VD}.Zero);");
                sb.AppendLine($"{J}    {V}.CopyTo({V}.Create(ldg{s}, {i * P} + j0) + ga, ldg{s}, {i * P} + j0);");
                sb.AppendLine($"{J}    g{s}[{i}] += {V}.Sum(ga);");
                sb.AppendLine($"{J}}}");
            }

            sb.AppendLine($"{I}}}");
        }

        private static void WideBackward(StringBuilder sb, int s, Stage st, string I)
        {
            int n = st.In, o = st.Out, Q = Pad4(n);
            sb.AppendLine($"{I}global::System.Array.Clear(lgi{s});");
            sb.AppendLine($"{I}for (int j = 0; j < {o}; j++)");
            sb.AppendLine($"{I}{{");
            string J = I + "    ";
            sb.AppendLine($"{J}double t = lt{s}[j], delta = g{s + 1}[j];");
            sb.AppendLine($"{J}if (delta == 0 || !double.IsFinite(t)) continue;");
            sb.AppendLine($"{J}int row = j * {Q};");
            sb.AppendLine($"{J}var bnd = {V}.Create(lb{s}[j]);");
            sb.AppendLine($"{J}var invX = {V}.Create(1.0 / lX{s}[j]);");
            sb.AppendLine($"{J}var vs = {VD}.Zero;");
            sb.AppendLine($"{J}var mp = {VD}.Zero;");
            sb.AppendLine($"{J}for (int i0 = 0; i0 < {Q}; i0 += 4)");
            sb.AppendLine($"{J}{{");
            sb.AppendLine($"{J}    var inc = {V}.LessThanOrEqual({V}.Create(la{s}, row + i0), bnd);");
            PspAndSlope(sb, J + "    ", string.Empty, $"{V}.Create(lh{s}, row + i0)", "invX", st);
            sb.AppendLine($"{J}    vs += {V}.ConditionalSelect(inc, {V}.Create(lw{s}, row + i0) * slope, {VD}.Zero);");
            sb.AppendLine($"{J}    mp = {V}.Max(mp, {V}.ConditionalSelect(inc, {V}.Abs(psp), {VD}.Zero));");
            sb.AppendLine($"{J}}}");
            sb.AppendLine();
            sb.AppendLine($"{J}double vSlope = {V}.Sum(vs);");
            sb.AppendLine($"{J}if (!(vSlope > 1e-300)) continue;");
            sb.AppendLine($"{J}double sca = delta / vSlope;");
            sb.AppendLine($"{J}var sc = {V}.Create(sca);");
            sb.AppendLine($"{J}// max_dw_norm: a neuron whose largest weight gradient exceeds it keeps only its arrival gradients.");
            sb.AppendLine($"{J}bool keep = !(global::System.Math.Abs(sca) * global::System.Math.Max(global::System.Math.Max(mp[0], mp[1]), global::System.Math.Max(mp[2], mp[3])) > maxDw);");
            sb.AppendLine($"{J}for (int i0 = 0; i0 < {Q}; i0 += 4)");
            sb.AppendLine($"{J}{{");
            sb.AppendLine($"{J}    var inc = {V}.LessThanOrEqual({V}.Create(la{s}, row + i0), bnd);");
            PspAndSlope(sb, J + "    ", string.Empty, $"{V}.Create(lh{s}, row + i0)", "invX", st);
            sb.AppendLine($"{J}    if (keep) {V}.CopyTo({V}.Create(lwg{s}, row + i0) + {V}.ConditionalSelect(inc, -(sc * psp), {VD}.Zero), lwg{s}, row + i0);");
            sb.AppendLine($"{J}    var ga = {V}.ConditionalSelect(inc, sc * {V}.Create(lw{s}, row + i0) * slope, {VD}.Zero);");
            sb.AppendLine($"{J}    {V}.CopyTo({V}.Create(ldg{s}, row + i0) + ga, ldg{s}, row + i0);");
            sb.AppendLine($"{J}    {V}.CopyTo({V}.Create(lgi{s}, i0) + ga, lgi{s}, i0);");
            sb.AppendLine($"{J}}}");
            sb.AppendLine($"{I}}}");
            sb.AppendLine();
            sb.AppendLine($"{I}global::System.Array.Copy(lgi{s}, g{s}, {n});");
        }

        // Moves the lane accumulators into the flat weight gradient and the effective-delay accumulator.
        private static void LaneFlush(StringBuilder sb, int s, Stage st)
        {
            bool narrow = LaneMode(st) == "narrow";
            int pIn = Pad4(st.In), pOut = Pad4(st.Out);
            sb.AppendLine($"            for (int i = 0; i < {st.In}; i++) for (int j = 0; j < {st.Out}; j++)");
            sb.AppendLine("            {");
            sb.AppendLine(narrow ? $"                int l = (i * {pOut}) + j;" : $"                int l = (j * {pIn}) + i;");
            sb.AppendLine($"                gradient[{st.WeightOffset} + (i * {st.Out}) + j] += lwg{s}[l];");
            sb.AppendLine($"                dg{s}[(i * {st.Out}) + j] += ldg{s}[l];");
            sb.AppendLine($"                lwg{s}[l] = 0;");
            sb.AppendLine($"                ldg{s}[l] = 0;");
            sb.AppendLine("            }");
        }

        // Indents every line of a block by four spaces (the scalar path inside the lanes' else branch).
        private static string Indent(string block)
        {
            var lines = block.Replace("\r\n", "\n").Split('\n');
            var result = new StringBuilder();
            for (int k = 0; k < lines.Length; k++)
            {
                if (k == lines.Length - 1 && lines[k].Length == 0)
                {
                    break;
                }

                result.AppendLine(lines[k].Length == 0 ? string.Empty : "    " + lines[k]);
            }

            return result.ToString();
        }
    }
}
