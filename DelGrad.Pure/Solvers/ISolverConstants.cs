namespace DelGrad.Solvers;

/// <summary>
/// The constants a solver body reads, as a struct its generic math is specialized on (TensorPrimitives' operator-struct
/// pattern): <see cref="NeuronConstants"/> carries them as fields (run time); a generated <c>[NeuronConfig]</c> struct
/// passes a nested struct whose members return literals, which the JIT folds into the one shared body. So the
/// equal-tau and double-tau math (<see cref="EqualTauMath"/>, <see cref="DoubleTauMath"/>) is written once.
/// </summary>
public interface ISolverConstants
{
    /// <summary>Synaptic time constant (the time unit).</summary>
    double TauSyn { get; }

    /// <summary>tau_syn / tau_mem.</summary>
    double G { get; }

    /// <summary>threshold - leak.</summary>
    double C { get; }

    /// <summary>1 / tau_syn.</summary>
    double InvTauSyn { get; }
}
