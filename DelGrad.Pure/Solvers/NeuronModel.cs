// Shared source: also compiled into the build-time generator (DelGrad.Generators.csproj), so the runtime, the network
// plan and the generated code pick a neuron's solver model in one place.
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

/// <summary>The one choice of a neuron's solver model.</summary>
internal static class NeuronModelChoice
{
    /// <summary>
    /// The model for g = tau_syn / tau_mem: closed forms at g = 1 (equal tau) and g = 1/2 (double tau), exact root
    /// finding otherwise. Exact comparisons: 1 and 1/2 are representable, and only they have closed forms.
    /// </summary>
    public static NeuronModel For(double g) => g == 1.0 ? NeuronModel.EqualTau : g == 0.5 ? NeuronModel.DoubleTau : NeuronModel.General;
}
