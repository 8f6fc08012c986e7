using DelGrad.Model;
using DelGrad.Solvers;

namespace DelGrad.Kernel;

/// <summary>A compiled stage of the forward pass: maps activation vector k to vector k + 1.</summary>
internal abstract class Stage
{
    public int InSize;
    public int OutSize;
}

/// <summary>Appends fixed times.</summary>
internal sealed class BiasStage : Stage
{
    public double[] Times = [];
}

/// <summary>repeat_interleave copies.</summary>
internal sealed class MultiplexStage : Stage
{
    public int Factor;
}

/// <summary>Delay wiring of a neuron stage (None = broadcast).</summary>
internal enum Wiring
{
    None,
    Synaptic,
    Axonal,
    Dendritic,
}

/// <summary>A neuron layer with its (optional) incoming delays.</summary>
internal sealed class NeuronStage : Stage
{
    public int LayerIndex;
    public NeuronModel Model;
    public NeuronConstants Constants;
    public int WeightOffset;
    public Wiring Wiring;
    public Positivity Positivity = new Positivity.Clip();
    public int RawOffset;
    public int RawRows;
    public int RawColumns;

    /// <summary>Offset of this stage's arrival matrix [in][out] in the workspace.</summary>
    public int ArrivalOffset;

    /// <summary>Offset of this stage's effective-delay block in a prepared parameter set.</summary>
    public int DelayOffset;

    /// <summary>Length of the effective delay block: [in][out], [in] or [out].</summary>
    public int DelayCount => Wiring switch
    {
        Wiring.Synaptic => InSize * OutSize,
        Wiring.Axonal => InSize,
        Wiring.Dendritic => OutSize,
        _ => 0,
    };

    /// <summary>Raw index of an expanded delay index (tiling = sharing).</summary>
    public int RawIndex(int i, int j) => Wiring switch
    {
        Wiring.Synaptic => ((i % RawRows) * RawColumns) + (j % RawColumns),
        Wiring.Axonal => i % RawRows,
        Wiring.Dendritic => j % RawColumns,
        _ => -1,
    };
}
