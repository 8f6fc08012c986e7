using System;
using System.Text;
using DelGrad.Solvers;
using DelGrad.Specs.Plan;

namespace DelGrad.Generators
{
    /// <content>
    /// Lanes for layers whose neurons all see one arrival order (no delays, or axonal delays): the layer is sorted
    /// and its exponentials computed once (as in the scalar path), then four neurons run the prefix loop per
    /// Vector256. Equal tau: the runtime's exact skip tests (no crossing possible, still below threshold at the next
    /// arrival) on all four lanes, the exponential only when some lane needs it, the interval found before one
    /// vector Lambert W per four neurons (<c>LambertW.W0(Vector256)</c>, verified; the exact scalar loop takes over
    /// when rounding disagrees). Double tau: the quadratic's interval test on four lanes with the scalar loop's
    /// operations, so the times are bit-identical. The backward pass runs four neurons per vector as well.
    /// </content>
    internal static partial class NetworkEmitter
    {
        private static void SharedLaneFields(StringBuilder sb, int s, Stage st)
        {
            int p = Pad4(st.Out);
            sb.AppendLine($"        // Stage {s} lanes: weights and their gradient [input][{p} neurons] (0 pad); padded times, boundaries, dL/dt.");
            sb.AppendLine($"        private readonly double[] lw{s} = new double[{st.In * p}], lwg{s} = new double[{st.In * p}];");
            sb.AppendLine($"        private readonly double[] lto{s} = new double[{p}], lbo{s} = new double[{p}], lgo{s} = new double[{p}];");
        }

        private static void SharedLanePrepare(StringBuilder sb, int s, Stage st)
        {
            int p = Pad4(st.Out);
            sb.AppendLine($"            for (int i = 0; i < {st.In}; i++) for (int j = 0; j < {p}; j++) lw{s}[(i * {p}) + j] = j < {st.Out} ? p[{st.WeightOffset} + (i * {st.Out}) + j] : 0.0;");
            sb.AppendLine($"            for (int j = {st.Out}; j < {p}; j++)");
            sb.AppendLine("            {");
            sb.AppendLine($"                lto{s}[j] = double.PositiveInfinity;");
            sb.AppendLine($"                lbo{s}[j] = double.NaN;");
            sb.AppendLine("            }");
        }

        private static void SharedLaneSolve(StringBuilder sb, int s, Stage st)
        {
            if (st.Solver == NeuronModel.DoubleTau)
            {
                SharedLaneSolveDoubleTau(sb, s, st);
                return;
            }

            int o = st.Out, P = Pad4(o);
            string c = L(st.C), tau = L(st.TauSyn);
            const string I = "                ";
            sb.AppendLine($"{I}var all = {V}<ulong>.AllBitsSet;");
            sb.AppendLine($"{I}double first = count > 0 ? keys[0] : 0.0;");
            sb.AppendLine($"{I}for (int j0 = 0; j0 < {P}; j0 += 4)");
            sb.AppendLine($"{I}{{");
            string J = I + "    ";
            sb.AppendLine($"{J}var va = {VD}.Zero;");
            sb.AppendLine($"{J}var vb = {VD}.Zero;");
            sb.AppendLine($"{J}var zs = {VD}.Zero;");
            sb.AppendLine($"{J}var rs = {VD}.Zero;");
            sb.AppendLine($"{J}var ks = {V}.Create(-1.0);");
            FoundLanes(sb, J, o);

            sb.AppendLine($"{J}for (int k = 0; k < count; k++)");
            sb.AppendLine($"{J}{{");
            string K = J + "    ";
            sb.AppendLine($"{K}double u = sharedU[k];");
            sb.AppendLine($"{K}var e = {V}.Create(lw{s}, (index[k] * {P}) + j0) * shared[k];");
            sb.AppendLine($"{K}va += e;");
            sb.AppendLine($"{K}vb += e * u;");
            sb.AppendLine($"{K}var live = {V}.AndNot({V}.GreaterThan(va, {VD}.Zero), found);");
            sb.AppendLine($"{K}if ({V}.AsUInt64(live) == {V}<ulong>.Zero) continue;");
            sb.AppendLine($"{K}var ratio = vb / va;");
            sb.AppendLine($"{K}// EqualTauSolver.CannotCross: e^r >= 1 + r + r^2/2 + r^3/6 already puts the maximum below threshold.");
            sb.AppendLine($"{K}var poly = {VD}.One + (ratio * ({VD}.One + (ratio * ({V}.Create(0.5) + (ratio * {V}.Create(1.0 / 6.0))))));");
            sb.AppendLine($"{K}var cannot = {V}.GreaterThanOrEqual(ratio, {VD}.Zero) & {V}.GreaterThan(poly, va / {V}.Create({L(st.C * Math.E)}) * {V}.Create(1.0 + 1e-9));");
            sb.AppendLine($"{K}double uNext = k + 1 < count ? sharedU[k + 1] : double.PositiveInfinity;");
            sb.AppendLine($"{K}double euNext = k + 1 < count ? shared[k + 1] : 0.0;");
            sb.AppendLine($"{K}// Still rising at the next arrival and below threshold there: the crossing is later.");
            sb.AppendLine($"{K}var later = {V}.LessThan({V}.Create(uNext), ratio + {VD}.One) & {V}.LessThan((va * uNext) - vb, {V}.Create({c} * euNext));");
            sb.AppendLine($"{K}var candidate = {V}.AndNot({V}.AndNot(live, cannot), later);");
            sb.AppendLine($"{K}if ({V}.AsUInt64(candidate) == {V}<ulong>.Zero) continue;");
            sb.AppendLine($"{K}// The vector exponential sees only moderate arguments (its last bits may otherwise depend on the other");
            sb.AppendLine($"{K}// lanes and on the JIT tier); a candidate with an extreme ratio takes the exact scalar loop.");
            sb.AppendLine($"{K}var moderate = {V}.LessThanOrEqual({V}.Abs(ratio), {V}.Create(700.0));");
            sb.AppendLine($"{K}var extreme = {V}.AndNot(candidate, moderate);");
            sb.AppendLine($"{K}candidate &= moderate;");
            sb.AppendLine($"{K}var z = -({V}.Create({c}) / va) * {V}.Exp({V}.ConditionalSelect(candidate, ratio, {VD}.Zero));");
            sb.AppendLine($"{K}// The peak reaches threshold and the membrane is not falling throughout the interval: the crossing lies in");
            sb.AppendLine($"{K}// it (the other cases were excluded above). Lambert W waits until every lane has its interval.");
            sb.AppendLine($"{K}var accept = candidate & {V}.GreaterThanOrEqual(z, {V}.Create(-0.36787944117144233)) & {V}.GreaterThanOrEqual(ratio + {VD}.One, {V}.Create(u));");
            sb.AppendLine($"{K}zs = {V}.ConditionalSelect(accept, z, zs);");
            sb.AppendLine($"{K}rs = {V}.ConditionalSelect(accept, ratio, rs);");
            sb.AppendLine($"{K}ks = {V}.ConditionalSelect(accept, {V}.Create((double)k), ks);");
            sb.AppendLine($"{K}ks = {V}.ConditionalSelect(extreme, {V}.Create(-2.0), ks);");
            sb.AppendLine($"{K}found |= accept | extreme;");
            sb.AppendLine($"{K}if ({V}.AsUInt64(found) == all) break;");
            sb.AppendLine($"{J}}}");
            sb.AppendLine();
            sb.AppendLine($"{J}var vt = {V}.Create(first) + ({tau} * (rs - global::DelGrad.Numerics.LambertW.W0(zs)));");
            sb.AppendLine($"{J}for (int q = 0; q < 4 && j0 + q < {o}; q++)");
            sb.AppendLine($"{J}{{");
            sb.AppendLine($"{J}    int j = j0 + q;");
            sb.AppendLine($"{J}    int kq = (int)ks[q];");
            sb.AppendLine($"{J}    if (kq == -1)");
            sb.AppendLine($"{J}    {{");
            sb.AppendLine($"{J}        outVec[j] = double.PositiveInfinity;");
            sb.AppendLine($"{J}        boundaries[j] = double.NaN;");
            sb.AppendLine($"{J}        continue;");
            sb.AppendLine($"{J}    }}");
            sb.AppendLine();
            sb.AppendLine($"{J}    double tq = vt[q];");
            sb.AppendLine($"{J}    if (kq >= 0 && tq >= keys[kq] && (kq + 1 == count || tq <= keys[kq + 1]))");
            sb.AppendLine($"{J}    {{");
            sb.AppendLine($"{J}        outVec[j] = tq;");
            sb.AppendLine($"{J}        boundaries[j] = keys[kq];");
            sb.AppendLine($"{J}        continue;");
            sb.AppendLine($"{J}    }}");
            sb.AppendLine();
            sb.AppendLine($"{J}    // Rounding put the solution outside the predicted interval: this neuron takes the exact scalar loop.");
            var scalar = new StringBuilder();
            Solve(scalar, J + "    ", st, "count", k => $"keys[{k}]", k => $"w[(index[{k}] * {o}) + j]", true);
            sb.Append(scalar.ToString());
            sb.AppendLine($"{J}    outVec[j] = t;");
            sb.AppendLine($"{J}    boundaries[j] = causal > 0 ? keys[causal - 1] : double.NaN;");
            sb.AppendLine($"{J}}}");
            sb.AppendLine($"{I}}}");
            sb.AppendLine();
        }

        // Opens "if (lanes) { ... } else {" for the backward pass of a shared-lanes layer; the caller emits the scalar
        // pass in the else branch. Four neurons per vector; the arrival (one order for the layer) is a broadcast
        // scalar, its factor exp(g (a - tref) / tau) comes from the forward pass and exp(-g (t - tref) / tau) is one
        // exponential per neuron, as in the scalar product form.
        private static void SharedLaneBackward(StringBuilder sb, int s, Stage st)
        {
            int n = st.In, o = st.Out, P = Pad4(o);
            string gi = L(st.G / st.TauSyn), inv = L(1.0 / st.TauSyn);
            string arrival = st.Wiring == DelayPlacement.Axonal ? $"v{s}[i] + d{s}[i]" : $"v{s}[i]";
            const string I = "                ";
            sb.AppendLine($"{I}bool lanes = fast{s};");
            sb.AppendLine($"{I}for (int j = 0; j < {o} && lanes; j++)");
            sb.AppendLine($"{I}{{");
            sb.AppendLine($"{I}    double t = v{s + 1}[j];");
            sb.AppendLine($"{I}    if (double.IsFinite(t) && g{s + 1}[j] != 0 && !((t - tref{s}) * {gi} <= {L(ProductLimit)})) lanes = false;");
            sb.AppendLine($"{I}}}");
            sb.AppendLine();
            sb.AppendLine($"{I}if (lanes)");
            sb.AppendLine($"{I}{{");
            string J = I + "    ";
            sb.AppendLine($"{J}global::System.Array.Copy(v{s + 1}, lto{s}, {o});");
            sb.AppendLine($"{J}global::System.Array.Copy(bnd{s}, lbo{s}, {o});");
            sb.AppendLine($"{J}global::System.Array.Copy(g{s + 1}, lgo{s}, {o});");
            sb.AppendLine($"{J}var inf = {V}.Create(double.PositiveInfinity);");
            sb.AppendLine($"{J}for (int j0 = 0; j0 < {P}; j0 += 4)");
            sb.AppendLine($"{J}{{");
            string K = J + "    ";
            sb.AppendLine($"{K}var t = {V}.Create(lto{s}, j0);");
            sb.AppendLine($"{K}var delta = {V}.Create(lgo{s}, j0);");
            sb.AppendLine($"{K}var active = {V}.LessThan(t, inf) & ~{V}.Equals(delta, {VD}.Zero);");
            sb.AppendLine($"{K}if ({V}.AsUInt64(active) == {V}<ulong>.Zero) continue;");
            sb.AppendLine($"{K}var bnd = {V}.Create(lbo{s}, j0);");
            sb.AppendLine($"{K}var et = {V}.Create(");
            for (int q = 0; q < 4; q++)
            {
                sb.AppendLine($"{K}    active[{q}] != 0 ? global::System.Math.Exp((tref{s} - t[{q}]) * {gi}) : 0.0{(q < 3 ? "," : ");")}");
            }

            sb.AppendLine($"{K}var vSlope = {VD}.Zero;");
            sb.AppendLine($"{K}var maxPsp = {VD}.Zero;");
            sb.AppendLine($"{K}for (int i = 0; i < {n}; i++)");
            sb.AppendLine($"{K}{{");
            sb.AppendLine($"{K}    double a = {arrival};");
            sb.AppendLine($"{K}    var causal = active & {V}.LessThanOrEqual({V}.Create(a), bnd);");
            sb.AppendLine($"{K}    if ({V}.AsUInt64(causal) == {V}<ulong>.Zero) continue;");
            SharedLanePsp(sb, K + "    ", s, st);
            sb.AppendLine($"{K}    vSlope += {V}.ConditionalSelect(causal, {V}.Create(lw{s}, (i * {P}) + j0) * slope, {VD}.Zero);");
            sb.AppendLine($"{K}    maxPsp = {V}.Max(maxPsp, {V}.ConditionalSelect(causal, {V}.Abs(psp), {VD}.Zero));");
            sb.AppendLine($"{K}}}");
            sb.AppendLine();
            sb.AppendLine($"{K}// A grazing crossing (V' -> 0) has no finite derivative; it contributes nothing (as in the runtime).");
            sb.AppendLine($"{K}var ok = active & {V}.GreaterThan(vSlope, {V}.Create(1e-300));");
            sb.AppendLine($"{K}if ({V}.AsUInt64(ok) == {V}<ulong>.Zero) continue;");
            sb.AppendLine($"{K}var sc = {V}.ConditionalSelect(ok, delta / {V}.ConditionalSelect(ok, vSlope, {VD}.One), {VD}.Zero);");
            sb.AppendLine($"{K}var keep = ~{V}.GreaterThan({V}.Abs(sc) * maxPsp, {V}.Create(maxDw));");
            sb.AppendLine($"{K}for (int i = 0; i < {n}; i++)");
            sb.AppendLine($"{K}{{");
            sb.AppendLine($"{K}    double a = {arrival};");
            sb.AppendLine($"{K}    var m = ok & {V}.LessThanOrEqual({V}.Create(a), bnd);");
            sb.AppendLine($"{K}    if ({V}.AsUInt64(m) == {V}<ulong>.Zero) continue;");
            SharedLanePsp(sb, K + "    ", s, st);
            sb.AppendLine($"{K}    int l = (i * {P}) + j0;");
            sb.AppendLine($"{K}    {V}.CopyTo({V}.Create(lwg{s}, l) + {V}.ConditionalSelect(m & keep, -(sc * psp), {VD}.Zero), lwg{s}, l);");
            sb.AppendLine($"{K}    double ga = {V}.Sum({V}.ConditionalSelect(m, sc * {V}.Create(lw{s}, l) * slope, {VD}.Zero));");
            sb.AppendLine($"{K}    g{s}[i] += ga;");
            if (st.Wiring == DelayPlacement.Axonal)
            {
                sb.AppendLine($"{K}    dg{s}[i] += ga;");
            }

            sb.AppendLine($"{K}}}");
            sb.AppendLine($"{J}}}");
            sb.AppendLine($"{I}}}");
            sb.AppendLine($"{I}else");
            sb.AppendLine($"{I}{{");
        }

        private static void SharedLaneFlush(StringBuilder sb, int s, Stage st)
        {
            int P = Pad4(st.Out);
            sb.AppendLine($"            for (int i = 0; i < {st.In}; i++) for (int j = 0; j < {st.Out}; j++)");
            sb.AppendLine("            {");
            sb.AppendLine($"                gradient[{st.WeightOffset} + (i * {st.Out}) + j] += lwg{s}[(i * {P}) + j];");
            sb.AppendLine($"                lwg{s}[(i * {P}) + j] = 0;");
            sb.AppendLine("            }");
        }

        // PSP and slope of arrival i at the lanes' spike times t from the product-form factor (as the scalar pass).
        private static void SharedLanePsp(StringBuilder sb, string indent, int s, Stage st)
        {
            string inv = L(1.0 / st.TauSyn);
            if (st.Solver == NeuronModel.DoubleTau)
            {
                sb.AppendLine($"{indent}var h = ea{s}[i] * et;");
                sb.AppendLine($"{indent}var slope = h * ((2.0 * h) - {VD}.One) * {inv};");
                sb.AppendLine($"{indent}var psp = 2.0 * h * ({VD}.One - h);");
                return;
            }

            sb.AppendLine($"{indent}var u = (t - {V}.Create(a)) * {inv};");
            sb.AppendLine($"{indent}var e = ea{s}[i] * et;");
            sb.AppendLine($"{indent}var slope = ({VD}.One - u) * e * {inv};");
            sb.AppendLine($"{indent}var psp = u * e;");
        }

        // Double tau: the quadratic's interval test (DoubleTauSolver.InInterval, on squares) on four neurons at once,
        // the same operations per lane as the scalar loop; the logarithm of the accepted root is taken per lane with
        // Math.Log, so the spike times are the scalar loop's bit for bit.
        private static void SharedLaneSolveDoubleTau(StringBuilder sb, int s, Stage st)
        {
            int o = st.Out, P = Pad4(o);
            string c = L(st.C), twoTau = L(2.0 * st.TauSyn);
            const string I = "                ";
            sb.AppendLine($"{I}var all = {V}<ulong>.AllBitsSet;");
            sb.AppendLine($"{I}double first = count > 0 ? keys[0] : 0.0;");
            sb.AppendLine($"{I}for (int j0 = 0; j0 < {P}; j0 += 4)");
            sb.AppendLine($"{I}{{");
            string J = I + "    ";
            sb.AppendLine($"{J}var va = {VD}.Zero;");
            sb.AppendLine($"{J}var vb = {VD}.Zero;");
            sb.AppendLine($"{J}var den = {VD}.Zero;");
            sb.AppendLine($"{J}var ks = {V}.Create(-1.0);");
            FoundLanes(sb, J, o);
            sb.AppendLine($"{J}for (int k = 0; k < count; k++)");
            sb.AppendLine($"{J}{{");
            string K = J + "    ";
            sb.AppendLine($"{K}double h = shared[k];");
            sb.AppendLine($"{K}var wh = {V}.Create(lw{s}, (index[k] * {P}) + j0) * h;");
            sb.AppendLine($"{K}va += wh;");
            sb.AppendLine($"{K}vb += wh * h;");
            sb.AppendLine($"{K}double hn = k + 1 < count ? shared[k + 1] : double.PositiveInfinity;");
            sb.AppendLine($"{K}var dd = (va * va) - ((2.0 * vb) * {c});");
            sb.AppendLine($"{K}var upper = va - {V}.Create({c} * h);");
            sb.AppendLine($"{K}var lower = va - {V}.Create({c} * hn);");
            sb.AppendLine($"{K}var ok = {V}.GreaterThanOrEqual(dd, {VD}.Zero) & {V}.GreaterThanOrEqual(upper, {VD}.Zero) & {V}.LessThanOrEqual(dd, upper * upper)");
            sb.AppendLine($"{K}    & ({V}.LessThanOrEqual(lower, {VD}.Zero) | {V}.GreaterThanOrEqual(dd, lower * lower));");
            sb.AppendLine($"{K}ok = {V}.AndNot(ok, found);");
            sb.AppendLine($"{K}if ({V}.AsUInt64(ok) == {V}<ulong>.Zero) continue;");
            sb.AppendLine($"{K}den = {V}.ConditionalSelect(ok, va - {V}.Sqrt({V}.Max(dd, {VD}.Zero)), den);");
            sb.AppendLine($"{K}ks = {V}.ConditionalSelect(ok, {V}.Create((double)k), ks);");
            sb.AppendLine($"{K}found |= ok;");
            sb.AppendLine($"{K}if ({V}.AsUInt64(found) == all) break;");
            sb.AppendLine($"{J}}}");
            sb.AppendLine();
            sb.AppendLine($"{J}for (int q = 0; q < 4 && j0 + q < {o}; q++)");
            sb.AppendLine($"{J}{{");
            sb.AppendLine($"{J}    int kq = (int)ks[q];");
            sb.AppendLine($"{J}    outVec[j0 + q] = kq < 0 ? double.PositiveInfinity : global::System.Math.Max(keys[kq], first + ({twoTau} * global::System.Math.Log(den[q] / {c})));");
            sb.AppendLine($"{J}    boundaries[j0 + q] = kq < 0 ? double.NaN : keys[kq];");
            sb.AppendLine($"{J}}}");
            sb.AppendLine($"{I}}}");
            sb.AppendLine();
        }

        // "var found": the lanes done so far. Padding lanes (neurons past the layer) count as done from the start, so the
        // prefix loop can stop once every real neuron has spiked.
        private static void FoundLanes(StringBuilder sb, string indent, int outputs)
        {
            sb.AppendLine(Pad4(outputs) != outputs
                ? $"{indent}var found = j0 + 4 <= {outputs} ? {VD}.Zero : {V}.GreaterThanOrEqual({V}.Create(0.0, 1.0, 2.0, 3.0), {V}.Create((double)({outputs} - j0)));"
                : $"{indent}var found = {VD}.Zero;");
        }
    }
}
