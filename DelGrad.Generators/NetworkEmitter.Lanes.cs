using System.Text;
using DelGrad.Solvers;
using DelGrad.Specs.Plan;

namespace DelGrad.Generators
{
    /// <content>
    /// Wiring of the lane kernels for double-tau layers with synaptic delays. The kernels themselves live once in
    /// <c>DelGrad.Kernel.SynapticLanes</c> (DelGrad.Pure), generic over the constants: the emitted code declares the
    /// stage's constants as a struct of literals (folded by the JIT), its buffers with fixed sizes, and calls the kernels;
    /// the exact scalar path stays the fallback when the lanes cannot run.
    /// </content>
    internal static partial class NetworkEmitter
    {
        private const int NarrowLimit = 8;
        private const string SynLanes = "global::DelGrad.Kernel.SynapticLanes";

        private static int Pad4(int n) => (n + 3) / 4 * 4;

        private static string LaneMode(Stage st) =>
            st.IsNeurons && st.Solver == NeuronModel.DoubleTau && st.Wiring == DelayPlacement.Synaptic
                ? (st.In <= NarrowLimit ? "narrow" : "wide")
                : string.Empty;

        // The stage's constants as literals for the shared generic math (solvers, PSPs, lane kernels, the backward pass),
        // folded by the JIT.
        private static void ConstantsStruct(StringBuilder sb, int s, Stage st)
        {
            sb.AppendLine($"        private readonly struct K{s} : global::DelGrad.Solvers.ISolverConstants");
            sb.AppendLine("        {");
            sb.AppendLine($"            public double TauSyn => {L(st.TauSyn)};");
            sb.AppendLine($"            public double G => {L(st.G)};");
            sb.AppendLine($"            public double C => {L(st.C)};");
            sb.AppendLine($"            public double InvTauSyn => {L(1.0 / st.TauSyn)};");
            sb.AppendLine("        }");
        }

        private static void LaneFields(StringBuilder sb, int s, Stage st)
        {
            sb.AppendLine($"        // Stage {s} lanes ({LaneMode(st)}): the parameters in the lane layout and the per-sample buffers.");
            sb.AppendLine($"        private readonly global::DelGrad.Kernel.SynapticLaneWeights lw{s} = new global::DelGrad.Kernel.SynapticLaneWeights({st.In}, {st.Out});");
            sb.AppendLine($"        private readonly global::DelGrad.Kernel.SynapticLaneScratch ls{s} = new global::DelGrad.Kernel.SynapticLaneScratch({st.In}, {st.Out});");
        }

        private static void LanePrepare(StringBuilder sb, int s, Stage st) =>
            sb.AppendLine($"            {SynLanes}.Prepare(default(K{s}), new global::System.ReadOnlySpan<double>(p, {st.WeightOffset}, {st.In * st.Out}), d{s}, lw{s});");

        // Opens "if (the lanes did not run) {"; the caller emits the scalar path inside and closes it.
        private static void LaneForward(StringBuilder sb, int s, Stage st)
        {
            sb.AppendLine($"                if (!{SynLanes}.Forward(default(K{s}), lw{s}, v{s}, ls{s}, v{s + 1}, bnd{s}))");
            sb.AppendLine("                {");
        }

        // Opens "if (lanes) { ... } else {"; the caller emits the scalar backward in the else branch.
        private static void LaneBackward(StringBuilder sb, int s, Stage st)
        {
            const string I = "                ";
            sb.AppendLine($"{I}if (ls{s}.Active)");
            sb.AppendLine($"{I}{{");
            sb.AppendLine($"{I}    {SynLanes}.Backward(default(K{s}), lw{s}, ls{s}, g{s + 1}, g{s}, maxDw);");
            sb.AppendLine($"{I}}}");
            sb.AppendLine($"{I}else");
            sb.AppendLine($"{I}{{");
        }

        // Moves the lane accumulators into the flat weight gradient and the effective-delay accumulator.
        private static void LaneFlush(StringBuilder sb, int s, Stage st) =>
            sb.AppendLine($"            {SynLanes}.Flush(ls{s}, new global::System.Span<double>(gradient, {st.WeightOffset}, {st.In * st.Out}), dg{s});");

        // Indents every line of a block by four spaces (the scalar path inside the lanes' fallback branch).
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
