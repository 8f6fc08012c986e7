using DelGrad.Solvers;
using DelGrad.Specs.Format;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace DelGrad.Model;

/// <summary>
/// Leaky integrate-and-fire neuron with current-based exponential synapses (capacitance 1, times in
/// units of <see cref="TauSyn"/>). Create through <see cref="Create"/>, which validates every field.
/// </summary>
public sealed record NeuronParameters
{
    private NeuronParameters(double tauMem, double tauSyn, double threshold, double leak, double gLeak)
    {
        TauMem = tauMem;
        TauSyn = tauSyn;
        Threshold = threshold;
        Leak = leak;
        GLeak = gLeak;
    }

    /// <summary>Membrane time constant.</summary>
    public double TauMem { get; }

    /// <summary>Synaptic time constant (the time unit).</summary>
    public double TauSyn { get; }

    /// <summary>Firing threshold.</summary>
    public double Threshold { get; }

    /// <summary>Leak (resting) potential; the membrane starts there.</summary>
    public double Leak { get; }

    /// <summary>Leak conductance, tau_syn / tau_mem.</summary>
    public double GLeak { get; }

    /// <summary>Which exact solver these parameters call for.</summary>
    public NeuronModel Model => Constants.Model;

    /// <summary>The folded constants the solvers use.</summary>
    public NeuronConstants Constants => new(TauSyn, TauSyn / TauMem, Threshold - Leak);

    /// <summary>Validates and creates; every violated rule is an error naming its field.</summary>
    public static Validation<Error, NeuronParameters> Create(double tauMem, double tauSyn, double threshold, double leak = 0.0, double? gLeak = null)
    {
        double g = gLeak ?? (tauSyn / tauMem);
        var problems = NeuronRules.Check(tauMem, tauSyn, threshold, leak, g);
        if (problems.Count == 0)
        {
            return Success<Error, NeuronParameters>(new NeuronParameters(tauMem, tauSyn, threshold, leak, g));
        }

        return Fail<Error, NeuronParameters>(toSeq(problems.Select(p => Error.New(p.Message))));
    }

    /// <summary>
    /// Validates and creates, throwing when a rule is violated: what a generated <c>[NeuronConfig]</c> solver calls, whose
    /// constants the generator has already checked at compile time.
    /// </summary>
    /// <exception cref="InvalidOperationException">The parameters break a rule (the generator's checks were bypassed).</exception>
    public static NeuronParameters CreateOrThrow(double tauMem, double tauSyn, double threshold, double leak, double gLeak) =>
        Create(tauMem, tauSyn, threshold, leak, gLeak).Match(
            p => p,
            errors => throw new InvalidOperationException(string.Join("; ", errors.Map(e => e.Message))));

    /// <summary>tau_mem = tau_syn = 1, threshold 1 (the Fast &amp; Deep neuron).</summary>
    public static NeuronParameters EqualTau(double threshold = 1.0) => new(1.0, 1.0, threshold, 0.0, 1.0);

    /// <summary>tau_mem = 2, tau_syn = 1, threshold 1 (the DelGrad software neuron).</summary>
    public static NeuronParameters DoubleTau(double threshold = 1.0) => new(2.0, 1.0, threshold, 0.0, 0.5);
}
