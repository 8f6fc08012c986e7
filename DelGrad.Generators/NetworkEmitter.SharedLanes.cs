using System.Text;
using DelGrad.Specs.Plan;

namespace DelGrad.Generators
{
    /// <content>
    /// Wiring of the lane kernels for layers whose neurons all see one arrival order (no delays, or axonal delays). The
    /// kernels live once in <c>DelGrad.Kernel.SharedLanes</c> (DelGrad.Pure): the layer's exponentials once
    /// (<c>LayerFactors</c>), four neurons per vector forward and backward. The emitted code gathers and sorts the arrivals
    /// (an unrolled insertion sort for narrow layers) and calls the kernels with the stage's literal constants.
    /// </content>
    internal static partial class NetworkEmitter
    {
        private const string Shared = "global::DelGrad.Kernel.SharedLanes";

        private static void SharedLaneFields(StringBuilder sb, int s, Stage st)
        {
            sb.AppendLine($"        // Stage {s} lanes: weights [input][{Pad4(st.Out)} neurons] (0 pad) and the per-sample buffers.");
            sb.AppendLine($"        private readonly double[] lw{s} = new double[{st.In * Pad4(st.Out)}];");
            sb.AppendLine($"        private readonly global::DelGrad.Kernel.SharedLaneScratch ls{s} = new global::DelGrad.Kernel.SharedLaneScratch({st.In}, {st.Out});");
            if (st.Wiring == DelayPlacement.Axonal)
            {
                sb.AppendLine($"        private readonly double[] lar{s} = new double[{st.In}];");
            }
        }

        private static void SharedLanePrepare(StringBuilder sb, int s, Stage st) =>
            sb.AppendLine($"            {Shared}.PrepareWeights(new global::System.ReadOnlySpan<double>(p, {st.WeightOffset}, {st.In * st.Out}), {st.Out}, lw{s});");

        // After the sort: the layer's factors, then the four-neuron lanes.
        private static void SharedLaneSolve(StringBuilder sb, int s, Stage st)
        {
            const string I = "                ";
            sb.AppendLine($"{I}var sortedKeys = new global::System.ReadOnlySpan<double>(keys, 0, count);");
            sb.AppendLine($"{I}var sortedIndex = new global::System.ReadOnlySpan<int>(index, 0, count);");
            sb.AppendLine($"{I}{Shared}.LayerFactors(default(K{s}), sortedKeys, sortedIndex, ls{s});");
            sb.AppendLine($"{I}tref{s} = ls{s}.Reference;");
            sb.AppendLine($"{I}fast{s} = ls{s}.Fast;");
            sb.AppendLine($"{I}{Shared}.Forward(default(K{s}), sortedKeys, sortedIndex, lw{s}, w, ls{s}, outVec, boundaries);");
        }

        // Opens "if (the lanes did not run) {" for the backward pass; the caller emits the scalar pass inside and closes it.
        private static void SharedLaneBackward(StringBuilder sb, int s, Stage st)
        {
            const string I = "                ";
            string arrivals = $"v{s}";
            string delays = "default";
            if (st.Wiring == DelayPlacement.Axonal)
            {
                sb.AppendLine($"{I}for (int i = 0; i < {st.In}; i++) lar{s}[i] = v{s}[i] + d{s}[i];");
                arrivals = $"lar{s}";
                delays = $"dg{s}";
            }

            sb.AppendLine($"{I}if (!{Shared}.Backward(default(K{s}), {arrivals}, lw{s}, ls{s}, v{s + 1}, bnd{s}, g{s + 1}, g{s}, {delays}, maxDw))");
            sb.AppendLine($"{I}{{");
        }

        private static void SharedLaneFlush(StringBuilder sb, int s, Stage st) =>
            sb.AppendLine($"            {Shared}.Flush(ls{s}, new global::System.Span<double>(gradient, {st.WeightOffset}, {st.In * st.Out}));");
    }
}
