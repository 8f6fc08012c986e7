using System.Runtime.CompilerServices;

namespace DelGrad.Solvers;

/// <summary>
/// The PSP of a neuron model (<see cref="EqualTauMath"/>, <see cref="DoubleTauMath"/>, <see cref="GeneralSolver"/>) as a
/// type argument: the static classes cannot be one, so generic code (<c>DelGrad.Kernel.NeuronBackward</c>) names the model
/// through one of these empty structs and the JIT compiles one specialized body per model, as it does per constants struct.
/// </summary>
public interface IPspForm
{
    /// <summary>The PSP and its slope at elapsed time <paramref name="s"/>, from the model's own exponential.</summary>
    /// <typeparam name="TConstants">The constants' struct.</typeparam>
    /// <param name="k">The constants.</param>
    /// <param name="s">Elapsed time since the input.</param>
    /// <param name="psp">The PSP.</param>
    /// <param name="slope">Its time derivative.</param>
    static abstract void PspAndSlope<TConstants>(in TConstants k, double s, out double psp, out double slope)
        where TConstants : struct, ISolverConstants;
}

/// <summary>A PSP that also takes its decay from the caller: the closed forms whose decay is one exponential.</summary>
public interface IDecayPspForm : IPspForm
{
    /// <summary>The PSP and its slope from the decay exp(-g s / tau_syn) the caller already has (the product form).</summary>
    /// <typeparam name="TConstants">The constants' struct.</typeparam>
    /// <param name="k">The constants.</param>
    /// <param name="s">Elapsed time since the input.</param>
    /// <param name="decay">exp(-g s / tau_syn).</param>
    /// <param name="psp">The PSP.</param>
    /// <param name="slope">Its time derivative.</param>
    static abstract void PspAndSlope<TConstants>(in TConstants k, double s, double decay, out double psp, out double slope)
        where TConstants : struct, ISolverConstants;
}

/// <summary>The equal-tau PSP (<see cref="EqualTauMath"/>) as a type argument.</summary>
public readonly struct EqualTauPsp : IDecayPspForm
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per synapse from hot loops
    public static void PspAndSlope<TConstants>(in TConstants k, double s, out double psp, out double slope)
        where TConstants : struct, ISolverConstants =>
        EqualTauMath.PspAndSlope(k, s, out psp, out slope);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per synapse from hot loops
    public static void PspAndSlope<TConstants>(in TConstants k, double s, double decay, out double psp, out double slope)
        where TConstants : struct, ISolverConstants =>
        EqualTauMath.PspAndSlope(k, s, decay, out psp, out slope);
}

/// <summary>The double-tau PSP (<see cref="DoubleTauMath"/>) as a type argument.</summary>
public readonly struct DoubleTauPsp : IDecayPspForm
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per synapse from hot loops
    public static void PspAndSlope<TConstants>(in TConstants k, double s, out double psp, out double slope)
        where TConstants : struct, ISolverConstants =>
        DoubleTauMath.PspAndSlope(k, s, out psp, out slope);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per synapse from hot loops
    public static void PspAndSlope<TConstants>(in TConstants k, double s, double decay, out double psp, out double slope)
        where TConstants : struct, ISolverConstants =>
        DoubleTauMath.PspAndSlope(k, s, decay, out psp, out slope);
}

/// <summary>The PSP of any ratio (<see cref="GeneralSolver"/>) as a type argument.</summary>
public readonly struct GeneralPsp : IPspForm
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per synapse from hot loops
    public static void PspAndSlope<TConstants>(in TConstants k, double s, out double psp, out double slope)
        where TConstants : struct, ISolverConstants =>
        GeneralSolver.PspAndSlope(k, s, out psp, out slope);
}
