namespace DelGrad.Solvers;

/// <summary>
/// The Fast &amp; Deep neuron (tau_mem = tau_syn = 1, threshold 1): a generated Lambert W solver with
/// its constants folded into code.
/// </summary>
[NeuronConfig(1, 1, 1)]
public partial struct FastAndDeepNeuron
{
}

/// <summary>
/// The DelGrad software neuron (tau_mem = 2, tau_syn = 1, threshold 1): a generated quadratic solver
/// with its constants folded into code.
/// </summary>
[NeuronConfig(2, 1, 1)]
public partial struct DelGradNeuron
{
}
