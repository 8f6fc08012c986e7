namespace DelGrad.Solvers;

/// <summary>
/// Asks the DelGrad source generator to turn a <c>partial struct</c> into an
/// <see cref="ISpikeTimeSolver{TSelf}"/> with every constant folded into code and the exact closed form
/// chosen at build time (tau_mem = tau_syn: Lambert W; tau_mem = 2 tau_syn: quadratic; otherwise the
/// bracketed general solver). The struct also gets static <c>Parameters</c>, <c>Constants</c> and
/// <c>Model</c> members. Invalid constants are compile errors (DG0001..DG0003).
/// </summary>
/// <example>
/// <code>
/// [NeuronConfig(2, 1, 1)]   // tau_mem = 2, tau_syn = 1, threshold 1: the quadratic closed form
/// public partial struct MyNeuron { }
///
/// double t = MyNeuron.SpikeTime(default, weights, sortedArrivals, out int causal); // +infinity = silent
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class NeuronConfigAttribute : Attribute
{
    /// <summary>Creates the configuration.</summary>
    /// <param name="tauMem">Membrane time constant (positive, finite).</param>
    /// <param name="tauSyn">Synaptic time constant (positive, finite).</param>
    /// <param name="threshold">Firing threshold (above <paramref name="leak"/>).</param>
    /// <param name="leak">Leak (resting) potential.</param>
    /// <param name="gLeak">Leak conductance; NaN (the default) means tau_syn / tau_mem, any other value must equal it.</param>
    public NeuronConfigAttribute(double tauMem, double tauSyn, double threshold, double leak = 0.0, double gLeak = double.NaN)
    {
        TauMem = tauMem;
        TauSyn = tauSyn;
        Threshold = threshold;
        Leak = leak;
        GLeak = gLeak;
    }

    /// <summary>Membrane time constant.</summary>
    public double TauMem { get; }

    /// <summary>Synaptic time constant.</summary>
    public double TauSyn { get; }

    /// <summary>Firing threshold.</summary>
    public double Threshold { get; }

    /// <summary>Leak potential.</summary>
    public double Leak { get; }

    /// <summary>Leak conductance (NaN = tau_syn / tau_mem).</summary>
    public double GLeak { get; }
}
