namespace DelGrad.Kernel;

/// <summary>
/// Per-thread scratch memory for one sample's forward and backward pass, allocated once: the hot
/// path allocates nothing per sample. Holds the last forward pass's results for the backward pass.
/// </summary>
public sealed class Workspace
{
    internal Workspace(Network network)
    {
        Network = network;
        Activations = new double[network.ActivationCount];
        ActivationGrads = new double[network.ActivationCount];
        Arrivals = new double[network.ArrivalCount];
        Boundaries = new double[network.ActivationCount];
        int width = network.MaxWidth;
        SortKeys = new double[width];
        SortIndex = new int[width];
        SortedWeights = new double[width];
        SortedArrivals = new double[width];
        Slopes = new double[width];
        Psps = new double[width];
        Factors = new double[width];
        DelayGrads = new double[network.DelayCount];
        Gradient = new double[network.ParameterCount];
        var stages = network.NeuronStages;
        SynapticScratch = new SynapticLaneScratch?[stages.Length];
        SharedScratch = new SharedLaneScratch?[stages.Length];
        foreach (var s in stages)
        {
            if (s.Lanes == LaneKind.Synaptic)
            {
                SynapticScratch[s.Ordinal] = new SynapticLaneScratch(s.InSize, s.OutSize);
            }
            else if (s.Lanes == LaneKind.Shared)
            {
                SharedScratch[s.Ordinal] = new SharedLaneScratch(s.InSize, s.OutSize);
            }
        }
    }

    /// <summary>The network this workspace serves.</summary>
    public Network Network { get; }

    /// <summary>Whether a forward pass has run in this workspace (the backward pass needs its results).</summary>
    internal bool HasForward { get; set; }

    /// <summary>The parameters of the last forward pass (test hooks fill the arrival matrices the lane kernels skip).</summary>
    internal PreparedParameters? LastPrepared { get; set; }

    internal double[] Activations { get; }

    internal double[] ActivationGrads { get; }

    internal double[] Arrivals { get; }

    /// <summary>Per neuron output: arrival time of the last input in its causal set.</summary>
    internal double[] Boundaries { get; }

    internal double[] SortKeys { get; }

    internal int[] SortIndex { get; }

    internal double[] SortedWeights { get; }

    internal double[] SortedArrivals { get; }

    internal double[] Slopes { get; }

    internal double[] Psps { get; }

    /// <summary>Per-arrival solver factors shared by the neurons of a layer.</summary>
    internal double[] Factors { get; }

    /// <summary>
    /// Per sample and neuron: a weight-gradient column whose largest entry exceeds this is dropped
    /// (the reference's max_dw_norm). As in the reference, the entries are the sample's contribution
    /// to the gradient of the loss as scaled by the backward pass (the batch mean: 1/batch included);
    /// +infinity keeps everything.
    /// </summary>
    public double MaxDwNorm { get; set; } = double.PositiveInfinity;

    /// <summary>The scale the current backward pass applies (so <see cref="MaxDwNorm"/> sees per-sample values).</summary>
    internal double SampleScale { get; set; } = 1.0;

    /// <summary>Accumulated dL/d(effective delay), expanded like <see cref="PreparedParameters.Delays"/>.</summary>
    internal double[] DelayGrads { get; }

    /// <summary>Accumulated dL/d(parameters) (weights directly; delays after <see cref="Network.FlushDelayGradients"/>).</summary>
    internal double[] Gradient { get; }

    /// <summary>Per neuron stage: the <see cref="SynapticLanes"/> buffers, or null.</summary>
    internal SynapticLaneScratch?[] SynapticScratch { get; }

    /// <summary>Per neuron stage: the <see cref="SharedLanes"/> buffers, or null.</summary>
    internal SharedLaneScratch?[] SharedScratch { get; }

    /// <summary>Marks every stage's lanes as not run (the activations were loaded, not computed by the lanes).</summary>
    internal void ResetLanes()
    {
        foreach (var s in SynapticScratch)
        {
            if (s != null)
            {
                s.Active = false;
            }
        }

        foreach (var s in SharedScratch)
        {
            if (s != null)
            {
                s.Active = false;
            }
        }
    }

    /// <summary>The input vector of the last forward pass.</summary>
    public ReadOnlySpan<double> Input => Activations.AsSpan(0, Network.Inputs);

    /// <summary>The label layer's first-spike times of the last forward pass (+infinity = silent).</summary>
    public ReadOnlySpan<double> Output => Activations.AsSpan(Activations.Length - Network.Outputs);

    /// <summary>The first-spike times of neuron layer <paramref name="neuronLayer"/> in the last forward pass.</summary>
    public ReadOnlySpan<double> NeuronLayerOutput(int neuronLayer)
    {
        int v = Network.NeuronOutputVector(neuronLayer);
        return Activations.AsSpan(Network.ActivationOffset(v), Network.NeuronStages[neuronLayer].OutSize);
    }

    /// <summary>Clears the gradient accumulators.</summary>
    public void ClearGradient()
    {
        Array.Clear(Gradient);
        Array.Clear(DelayGrads);
        foreach (var s in SynapticScratch)
        {
            if (s != null)
            {
                SynapticLanes.ClearGradient(s);
            }
        }

        foreach (var s in SharedScratch)
        {
            if (s != null)
            {
                SharedLanes.ClearGradient(s);
            }
        }
    }
}
