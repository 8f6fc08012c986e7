namespace DelGrad.Solvers;

/// <summary>Which exact solver a neuron's time-constant ratio calls for.</summary>
public enum NeuronModel
{
    /// <summary>tau_mem = tau_syn: closed form with the principal Lambert W branch.</summary>
    EqualTau,

    /// <summary>tau_mem = 2 tau_syn: closed form, a quadratic in exp(-t / tau_mem).</summary>
    DoubleTau,

    /// <summary>Any other ratio: exact bracketed root finding on each causal interval.</summary>
    General,
}
