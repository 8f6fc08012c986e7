using LanguageExt;

namespace DelGrad.Model;

/// <summary>What a block of the flat parameter vector holds.</summary>
public enum ParameterKind
{
    /// <summary>A neuron layer's weights, [inputs][neurons] row-major.</summary>
    Weights,

    /// <summary>A delay layer's raw parameters, [rows][columns] row-major.</summary>
    DelayRaw,
}

/// <summary>One layer's parameters inside the flat vector.</summary>
/// <param name="LayerIndex">Index of the owning layer in <see cref="NetworkSpec.Layers"/>.</param>
/// <param name="Kind">Weights or raw delays.</param>
/// <param name="Offset">Start in the flat vector.</param>
/// <param name="Rows">Rows (presynaptic axis).</param>
/// <param name="Columns">Columns (postsynaptic axis).</param>
public sealed record ParameterBlock(int LayerIndex, ParameterKind Kind, int Offset, int Rows, int Columns)
{
    /// <summary>Number of parameters.</summary>
    public int Count => Rows * Columns;
}

/// <summary>The blocks of a network's flat parameter vector, in layer order.</summary>
/// <param name="Blocks">The blocks.</param>
/// <param name="Count">Total number of parameters.</param>
public sealed record ParameterLayout(Seq<ParameterBlock> Blocks, int Count)
{
    /// <summary>The block of the layer with the given index, if it has one.</summary>
    public Option<ParameterBlock> ForLayer(int layerIndex) => Blocks.Find(b => b.LayerIndex == layerIndex);
}
