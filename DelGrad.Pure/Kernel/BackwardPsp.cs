using System.Runtime.CompilerServices;
using DelGrad.Solvers;

namespace DelGrad.Kernel;

/// <summary>
/// The PSP and its slope of each causal input at a neuron's spike, as the backward pass (<see cref="NeuronBackward"/>)
/// reads them: from a solver (<see cref="SolverPsp{TSolver}"/>), from the model's PSP with a generated network's literal
/// constants (<see cref="DirectPsp{TConstants, TForm}"/>), or in product form from factors the forward pass kept
/// (<see cref="ProductFormPsp{TConstants, TForm}"/>). Structs, so the JIT specializes the loop per source.
/// </summary>
public interface IBackwardPsp
{
    /// <summary>What the neuron's inputs share at its spike (the product form's decay; nothing for the others).</summary>
    /// <param name="spikeTime">The neuron's spike time.</param>
    /// <returns>The neuron's decay.</returns>
    SpikeDecay AtSpike(double spikeTime);

    /// <summary>The PSP and slope of one causal arrival.</summary>
    /// <param name="decay">The neuron's <see cref="AtSpike"/>.</param>
    /// <param name="s">Spike time minus arrival time.</param>
    /// <param name="arrival">The arrival's index in its wiring's layout (<see cref="ILayerArrivals.PerSynapse"/>).</param>
    /// <param name="psp">The PSP.</param>
    /// <param name="slope">Its time derivative.</param>
    void PspAndSlope(in SpikeDecay decay, double s, int arrival, out double psp, out double slope);
}

/// <summary>A neuron's decay exp(-g (t - tref) / tau_syn) at its spike t, when the product form holds there.</summary>
/// <param name="InProductForm">Whether the factors stay in range at this spike (else each PSP takes its exponential).</param>
/// <param name="Value">The decay (0 outside the product form).</param>
public readonly record struct SpikeDecay(bool InProductForm, double Value);

/// <summary>The PSPs of a solver with its run-time constants (the runtime network).</summary>
/// <typeparam name="TSolver">The solver.</typeparam>
/// <param name="solver">The solver with its constants.</param>
public readonly struct SolverPsp<TSolver>(TSolver solver) : IBackwardPsp
    where TSolver : struct, ISpikeTimeSolver<TSolver>
{
    private readonly TSolver solver = solver;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // once per neuron from the backward loop
    public SpikeDecay AtSpike(double spikeTime) => default;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per synapse from the backward loop
    public void PspAndSlope(in SpikeDecay decay, double s, int arrival, out double psp, out double slope) =>
        TSolver.PspAndSlope(solver, s, out psp, out slope);
}

/// <summary>A model's PSP computed per arrival (its own exponentials), with literal constants.</summary>
/// <typeparam name="TConstants">The constants (a generated network's literals).</typeparam>
/// <typeparam name="TForm">The model (<see cref="EqualTauPsp"/>, <see cref="DoubleTauPsp"/>, <see cref="GeneralPsp"/>).</typeparam>
/// <param name="constants">The constants.</param>
public readonly struct DirectPsp<TConstants, TForm>(TConstants constants) : IBackwardPsp
    where TConstants : struct, ISolverConstants
    where TForm : struct, IPspForm
{
    private readonly TConstants constants = constants;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // once per neuron from the backward loop
    public SpikeDecay AtSpike(double spikeTime) => default;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per synapse from the backward loop
    public void PspAndSlope(in SpikeDecay decay, double s, int arrival, out double psp, out double slope) =>
        TForm.PspAndSlope(constants, s, out psp, out slope);
}

/// <summary>
/// A closed-form PSP in product form: exp(-g (t - a) / tau) = exp(g (a - tref) / tau) exp(-g (t - tref) / tau), the first
/// factor kept per arrival by the forward pass, the second once per neuron, so no exponential per synapse. Where a factor
/// could leave its range (the forward pass was not <paramref name="fast"/>, or the spike lies more than
/// <see cref="SynapticLanes.ProductLimit"/> after tref) each PSP takes its own exponential.
/// </summary>
/// <typeparam name="TConstants">The constants (a generated network's literals).</typeparam>
/// <typeparam name="TForm">The model (<see cref="EqualTauPsp"/>, <see cref="DoubleTauPsp"/>).</typeparam>
/// <param name="constants">The constants.</param>
/// <param name="factors">exp(g (a - tref) / tau_syn) per arrival, in the wiring's layout.</param>
/// <param name="reference">tref, the earliest input of the sample.</param>
/// <param name="fast">Whether the forward pass computed the factors (all in range).</param>
public readonly ref struct ProductFormPsp<TConstants, TForm>(TConstants constants, ReadOnlySpan<double> factors, double reference, bool fast) : IBackwardPsp
    where TConstants : struct, ISolverConstants
    where TForm : struct, IDecayPspForm
{
    private readonly TConstants constants = constants;
    private readonly ReadOnlySpan<double> factors = factors;
    private readonly double reference = reference;
    private readonly bool fast = fast;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // once per neuron from the backward loop
    public SpikeDecay AtSpike(double spikeTime)
    {
        double gi = constants.G / constants.TauSyn;
        bool inProductForm = fast && (spikeTime - reference) * gi <= SynapticLanes.ProductLimit;
        return new SpikeDecay(inProductForm, inProductForm ? Math.Exp((reference - spikeTime) * gi) : 0.0);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per synapse from the backward loop
    public void PspAndSlope(in SpikeDecay decay, double s, int arrival, out double psp, out double slope)
    {
        if (decay.InProductForm)
        {
            TForm.PspAndSlope(constants, s, factors[arrival] * decay.Value, out psp, out slope);
        }
        else
        {
            TForm.PspAndSlope(constants, s, out psp, out slope);
        }
    }
}
