namespace DelGrad.Solvers;

/// <summary>
/// The folded constants every solver needs, in units of tau_syn: <see cref="G"/> = tau_syn / tau_mem
/// and <see cref="C"/> = threshold - leak (the distance the membrane must travel).
/// </summary>
/// <param name="TauSyn">Synaptic time constant (the time unit).</param>
/// <param name="G">tau_syn / tau_mem.</param>
/// <param name="C">threshold - leak, positive.</param>
public readonly record struct NeuronConstants(double TauSyn, double G, double C) : ISolverConstants
{
    /// <summary>The model the ratio calls for (exact comparisons: 1 and 2 are representable).</summary>
    public NeuronModel Model => NeuronModelChoice.For(G);

    /// <summary>1 / tau_syn, to turn absolute times into units of tau_syn.</summary>
    public double InvTauSyn => 1.0 / TauSyn;
}
