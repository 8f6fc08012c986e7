namespace DelGrad.Kernel;

/// <summary>
/// One synaptic-delay layer's parameters in the lane layout of <see cref="SynapticLanes"/>, built once per parameter set
/// (<see cref="SynapticLanes.Prepare"/>): narrow layers [input][neurons padded to 4], wide layers [neuron][inputs padded to 4].
/// </summary>
public sealed class SynapticLaneWeights
{
    /// <summary>Allocates the buffers of a layer with <paramref name="inputs"/> inputs and <paramref name="outputs"/> neurons.</summary>
    /// <param name="inputs">Inputs of the layer.</param>
    /// <param name="outputs">Neurons of the layer.</param>
    public SynapticLaneWeights(int inputs, int outputs)
    {
        Inputs = inputs;
        Outputs = outputs;
        int size = SynapticLanes.LayoutLength(inputs, outputs);
        Weights = new double[size];
        Delays = new double[size];
        DelayFactors = new double[size];
    }

    /// <summary>Inputs of the layer.</summary>
    public int Inputs { get; }

    /// <summary>Neurons of the layer.</summary>
    public int Outputs { get; }

    /// <summary>The weights (0 in the padding).</summary>
    public double[] Weights { get; }

    /// <summary>The effective delays (+infinity in the padding).</summary>
    public double[] Delays { get; }

    /// <summary>exp(g d / tau_syn) per synapse (0 in the padding).</summary>
    public double[] DelayFactors { get; }

    /// <summary>Whether every delay factor stays far from overflow, so the lanes may run.</summary>
    public bool Usable { get; set; }
}

/// <summary>Per-sample scratch of one synaptic-delay layer for <see cref="SynapticLanes"/> (one per thread).</summary>
public sealed class SynapticLaneScratch
{
    /// <summary>Allocates the buffers of a layer with <paramref name="inputs"/> inputs and <paramref name="outputs"/> neurons.</summary>
    /// <param name="inputs">Inputs of the layer.</param>
    /// <param name="outputs">Neurons of the layer.</param>
    public SynapticLaneScratch(int inputs, int outputs)
    {
        Inputs = inputs;
        Outputs = outputs;
        int size = SynapticLanes.LayoutLength(inputs, outputs);
        int neurons = SynapticLanes.IsNarrow(inputs) ? SynapticLanes.Pad4(outputs) : outputs;
        int paddedInputs = SynapticLanes.Pad4(inputs);
        Arrivals = new double[size];
        Factors = new double[size];
        WeightGradient = new double[size];
        DelayGradient = new double[size];
        Times = new double[neurons];
        Boundaries = new double[neurons];
        RootFactors = new double[neurons];
        OutputGradient = new double[SynapticLanes.Pad4(outputs)];
        InputTimes = new double[paddedInputs];
        InputFactors = new double[paddedInputs];
        InputGradient = new double[paddedInputs];
        Keys = new double[inputs];
        Index = new int[inputs];
    }

    /// <summary>Inputs of the layer.</summary>
    public int Inputs { get; }

    /// <summary>Neurons of the layer.</summary>
    public int Outputs { get; }

    /// <summary>Whether the last forward pass ran on the lanes (else the caller's scalar path ran).</summary>
    public bool Active { get; set; }

    internal double[] Arrivals { get; }

    internal double[] Factors { get; }

    internal double[] WeightGradient { get; }

    internal double[] DelayGradient { get; }

    internal double[] Times { get; }

    internal double[] Boundaries { get; }

    internal double[] RootFactors { get; }

    internal double[] OutputGradient { get; }

    internal double[] InputTimes { get; }

    internal double[] InputFactors { get; }

    internal double[] InputGradient { get; }

    internal double[] Keys { get; }

    internal int[] Index { get; }
}

/// <summary>Per-sample scratch of one layer with one arrival order for <see cref="SharedLanes"/> (one per thread).</summary>
public sealed class SharedLaneScratch
{
    /// <summary>Allocates the buffers of a layer with <paramref name="inputs"/> inputs and <paramref name="outputs"/> neurons.</summary>
    /// <param name="inputs">Inputs of the layer.</param>
    /// <param name="outputs">Neurons of the layer.</param>
    public SharedLaneScratch(int inputs, int outputs)
    {
        Inputs = inputs;
        Outputs = outputs;
        int padded = SynapticLanes.Pad4(outputs);
        WeightGradient = new double[inputs * padded];
        Times = new double[padded];
        Boundaries = new double[padded];
        OutputGradient = new double[padded];
        InputFactors = new double[inputs];
        Shared = new double[inputs];
        SharedU = new double[inputs];
        SortedWeights = new double[inputs];
        Causal = new int[inputs];
        AllCausal = new int[inputs];
        everyInput = Enumerable.Range(0, inputs).ToArray();
        SortedKeys = new double[inputs];
        SortedIndex = new int[inputs];
        CausalBits = new ulong[(inputs + 63) / 64];
    }

    /// <summary>Inputs of the layer.</summary>
    public int Inputs { get; }

    /// <summary>Neurons of the layer.</summary>
    public int Outputs { get; }

    /// <summary>Whether the last forward pass ran on the lanes (else the caller's scalar path ran).</summary>
    public bool Active { get; set; }

    /// <summary>exp(g (a_k - a_0) / tau_syn) per sorted arrival, from <see cref="SharedLanes.LayerFactors"/>.</summary>
    public double[] Shared { get; }

    /// <summary>Equal tau: (a_k - a_0) / tau_syn per sorted arrival.</summary>
    public double[] SharedU { get; }

    /// <summary>exp(g (a_i - tref) / tau_syn) per input (0 for a silent input).</summary>
    public double[] InputFactors { get; }

    /// <summary>The earliest arrival of the last forward pass (0 when all inputs are silent).</summary>
    public double Reference { get; set; }

    /// <summary>Whether the product-form factors of the last forward pass stay far from overflow.</summary>
    public bool Fast { get; set; }

    internal double[] WeightGradient { get; }

    internal double[] Times { get; }

    internal double[] Boundaries { get; }

    internal double[] OutputGradient { get; }

    internal double[] SortedWeights { get; }

    // The backward pass's inputs that can be causal for some neuron of a group of four (arrival <= their latest
    // boundary), in ascending input order.
    internal int[] Causal { get; }

    private readonly int[] everyInput;

    // Every input with a finite arrival, ascending (from SharedLanes.LayerFactors, for layers with many arrivals).
    internal int[] AllCausal { get; }

    // 0, 1, ..., inputs - 1: the walk of a narrow layer.
    internal ReadOnlySpan<int> EveryInput => everyInput;

    // The forward pass's finite arrivals, ascending, and their inputs (from SharedLanes.LayerFactors): the backward pass
    // finds each group's candidate inputs as a prefix of them.
    internal double[] SortedKeys { get; }

    internal int[] SortedIndex { get; }

    internal int SortedCount { get; set; }

    // One bit per input: turns a group's prefix of the arrival order back into ascending input order.
    internal ulong[] CausalBits { get; }
}
