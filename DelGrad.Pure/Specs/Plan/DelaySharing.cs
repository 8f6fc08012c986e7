// Shared source (see PlanLayer.cs): how a shared raw delay block maps onto the expanded delays, in
// one place for the kernel, the chip emulation and the generated networks.
#nullable enable
namespace DelGrad.Specs.Plan
{
    /// <summary>
    /// Presynaptic sharing orders. <see cref="Tile"/> is the reference implementation's
    /// (d0, d1, d2, d3, d0, d1, ...); <see cref="RepeatInterleave"/> gives the copies of one input made by
    /// a <c>multiplex</c> layer (a, a, a, b, b, b, ...) that input's delay (d0, d0, d0, d1, d1, d1, ...),
    /// as on BrainScaleS-2, where every copy of input i uses input i's delay circuit.
    /// </summary>
    internal static class DelaySharing
    {
        /// <summary>JSON name of the reference's tiling order (the default).</summary>
        public const string Tile = "tile";

        /// <summary>JSON name of the block order that matches multiplexed inputs.</summary>
        public const string RepeatInterleave = "repeat_interleave";

        /// <summary>Row of the raw block that presynaptic index <paramref name="i"/> uses.</summary>
        public static int Row(int i, int rawRows, int presynSharing, bool interleaved) => interleaved ? i / presynSharing : i % rawRows;

        /// <summary>Column of the raw block that postsynaptic index <paramref name="j"/> uses (always tiled).</summary>
        public static int Column(int j, int rawColumns) => j % rawColumns;
    }
}
