using System.Runtime.CompilerServices;
using DelGrad.Solvers;

namespace DelGrad.Kernel;

/// <summary>
/// The factors of the product form on a generated network's scalar path for synaptic delays: exp(g (a_ij - tref) / tau)
/// = E_i D_ij with D_ij = exp(g d_ij / tau) once per parameter set (<see cref="OfDelays"/>) and
/// E_i = exp(g (t_i - tref) / tau) once per input and sample (<see cref="OfInputs"/>), tref the earliest input, so a
/// synapse costs a multiplication instead of an exponential; the spike-time search takes the ratios to a neuron's first
/// arrival (<see cref="RelativeToFirst"/>), the backward pass the factors themselves (<see cref="ProductFormPsp{TConstants, TForm}"/>).
/// Every factor stays far from overflow or the form is not used: |g x / tau| &lt;= <see cref="SynapticLanes.ProductLimit"/>.
/// </summary>
public static class ProductFactors
{
    /// <summary>D = exp(g d / tau_syn) per delay; returns whether every one is in the product form's range.</summary>
    /// <typeparam name="TConstants">The constants' struct.</typeparam>
    /// <param name="k">The constants.</param>
    /// <param name="delays">The effective delays.</param>
    /// <param name="factors">Receives one factor per delay.</param>
    /// <returns>Whether all delays are in range.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per parameter set, over every synapse
    public static bool OfDelays<TConstants>(in TConstants k, ReadOnlySpan<double> delays, Span<double> factors)
        where TConstants : struct, ISolverConstants
    {
        double gi = k.G / k.TauSyn;
        bool inRange = true;
        for (int d = 0; d < delays.Length; d++)
        {
            double x = gi * delays[d];
            if (!(Math.Abs(x) <= SynapticLanes.ProductLimit))
            {
                inRange = false;
            }

            factors[d] = Math.Exp(x);
        }

        return inRange;
    }

    /// <summary>
    /// E = exp(g (t - tref) / tau_syn) per input (0 for a silent one), tref the earliest input, when the delays are in range
    /// and so is the inputs' spread; returns whether the product form holds for this sample (else writes no factor).
    /// </summary>
    /// <typeparam name="TConstants">The constants' struct.</typeparam>
    /// <param name="k">The constants.</param>
    /// <param name="times">The inputs' spike times (non-finite: silent).</param>
    /// <param name="delaysInRange">What <see cref="OfDelays"/> returned.</param>
    /// <param name="factors">Receives one factor per input.</param>
    /// <param name="reference">Receives tref (+infinity when every input is silent).</param>
    /// <returns>Whether the product form holds.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // once per layer and sample from the generated forward pass
    public static bool OfInputs<TConstants>(in TConstants k, ReadOnlySpan<double> times, bool delaysInRange, Span<double> factors, out double reference)
        where TConstants : struct, ISolverConstants
    {
        double gi = k.G / k.TauSyn;
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (int i = 0; i < times.Length; i++)
        {
            double x = times[i];
            if (double.IsFinite(x))
            {
                lo = Math.Min(lo, x);
                hi = Math.Max(hi, x);
            }
        }

        bool fast = delaysInRange && (hi - lo) * gi <= SynapticLanes.ProductLimit;
        reference = lo;
        if (fast)
        {
            for (int i = 0; i < times.Length; i++)
            {
                double x = times[i];
                factors[i] = double.IsFinite(x) ? Math.Exp((x - lo) * gi) : 0.0;
            }
        }

        return fast;
    }

    /// <summary>
    /// The spike-time search's factors exp(g (a_k - a_0) / tau_syn) of neuron <paramref name="neuron"/>'s sorted arrivals, as
    /// ratios of the per-synapse factors to the first arrival's.
    /// </summary>
    /// <param name="synapseFactors">exp(g (a_ij - tref) / tau_syn) per synapse, [input][neuron].</param>
    /// <param name="inputs">The input of each sorted arrival (at least one).</param>
    /// <param name="neurons">Neurons of the layer.</param>
    /// <param name="neuron">The neuron.</param>
    /// <param name="factors">Receives one factor per sorted arrival.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // once per neuron from the generated forward pass
    public static void RelativeToFirst(ReadOnlySpan<double> synapseFactors, ReadOnlySpan<int> inputs, int neurons, int neuron, Span<double> factors)
    {
        factors[0] = 1.0;
        double first = 1.0 / synapseFactors[(inputs[0] * neurons) + neuron];
        for (int k = 1; k < inputs.Length; k++)
        {
            factors[k] = synapseFactors[(inputs[k] * neurons) + neuron] * first;
        }
    }
}
