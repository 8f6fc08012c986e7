using System.Runtime.CompilerServices;

namespace DelGrad.Kernel;

/// <summary>
/// The backward pass of one neuron layer, written once for the runtime <see cref="Network"/> and the build-time generated
/// networks. Exact gradients from the implicit function theorem: at the spike time t the membrane sits at threshold, so
/// with V'(t) = sum_causal w_i psp'(t - a_i), dt/dw_i = -psp(t - a_i) / V'(t) and dt/da_i = w_i psp'(t - a_i) / V'(t).
/// Generic over where the arrivals live (<see cref="ILayerArrivals"/>), how the PSPs are computed
/// (<see cref="IBackwardPsp"/>) and where the delays' gradients go (<see cref="IDelayGradients"/>): the JIT compiles one
/// loop per combination, and a generated network's literal constants fold into it.
/// </summary>
public static class NeuronBackward
{
    /// <summary>
    /// Adds the layer's weight, input and delay gradients for the output gradients <paramref name="outputGradients"/>
    /// (dL/dt per neuron). An input is causal when it arrived no later than the neuron's boundary (the last causal arrival
    /// of the forward pass). A grazing crossing (V' &lt;= 1e-300) has no finite derivative and contributes nothing; a
    /// neuron whose largest weight step |dL/dt / V'| max psp exceeds <paramref name="maxDwNorm"/> keeps its weights (the
    /// reference's max_dw_norm) but still passes its gradient on.
    /// </summary>
    /// <typeparam name="TArrivals">Where the arrivals live.</typeparam>
    /// <typeparam name="TPsp">How the PSPs are computed.</typeparam>
    /// <typeparam name="TDelayGradients">Where the delays' gradients go.</typeparam>
    /// <param name="inputs">Inputs of the layer.</param>
    /// <param name="neurons">Neurons of the layer.</param>
    /// <param name="arrivals">The arrivals.</param>
    /// <param name="psp">The PSPs.</param>
    /// <param name="delayGradients">The delays' accumulators.</param>
    /// <param name="weights">The weights, [input][neuron].</param>
    /// <param name="weightGradients">The weights' accumulators, [input][neuron].</param>
    /// <param name="times">The neurons' spike times (non-finite: silent).</param>
    /// <param name="boundaries">Each neuron's last causal arrival.</param>
    /// <param name="outputGradients">dL/dt per neuron.</param>
    /// <param name="inputGradients">Receives dL/dt per input (added).</param>
    /// <param name="psps">Scratch, at least <paramref name="inputs"/> long.</param>
    /// <param name="slopes">Scratch, at least <paramref name="inputs"/> long.</param>
    /// <param name="causal">Scratch, at least <paramref name="inputs"/> long.</param>
    /// <param name="maxDwNorm">The max_dw_norm (+infinity: off).</param>
    // Inlined into each stage of its caller (a generated network's literal sizes fold in, no call with fifteen arguments per
    // stage: H30-WD's backward pass about a tenth faster than with a call), fully optimised from the first call wherever
    // the JIT does not inline it.
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Run<TArrivals, TPsp, TDelayGradients>(
        int inputs,
        int neurons,
        scoped in TArrivals arrivals,
        scoped in TPsp psp,
        TDelayGradients delayGradients,
        ReadOnlySpan<double> weights,
        Span<double> weightGradients,
        ReadOnlySpan<double> times,
        ReadOnlySpan<double> boundaries,
        ReadOnlySpan<double> outputGradients,
        Span<double> inputGradients,
        Span<double> psps,
        Span<double> slopes,
        Span<int> causal,
        double maxDwNorm)
        where TArrivals : ILayerArrivals, allows ref struct
        where TPsp : IBackwardPsp, allows ref struct
        where TDelayGradients : IDelayGradients, allows ref struct
    {
        for (int j = 0; j < neurons; j++)
        {
            double t = times[j], delta = outputGradients[j];
            if (delta == 0 || !double.IsFinite(t))
            {
                continue;
            }

            double boundary = boundaries[j], vSlope = 0, maxPsp = 0;
            var decay = psp.AtSpike(t);
            int m = 0;
            for (int i = 0; i < inputs; i++)
            {
                int ij = (i * neurons) + j;
                double a = arrivals.Time(i, j, ij);
                if (a <= boundary)
                {
                    psp.PspAndSlope(decay, t - a, TArrivals.PerSynapse ? ij : i, out psps[i], out double slope);
                    slopes[i] = slope;
                    maxPsp = Math.Max(maxPsp, Math.Abs(psps[i]));
                    causal[m++] = i;
                    vSlope += weights[ij] * slope;
                }
            }

            if (!(vSlope > 1e-300))
            {
                continue;
            }

            // The reference applies max_dw_norm to autograd's per-sample gradient of the batch-MEAN loss, so the
            // threshold compares with values that already carry the 1/batch factor (delta does).
            double scale = delta / vSlope;
            bool keepWeights = !(Math.Abs(scale) * maxPsp > maxDwNorm);
            for (int k = 0; k < m; k++)
            {
                int i = causal[k], ij = (i * neurons) + j;
                if (keepWeights)
                {
                    weightGradients[ij] -= scale * psps[i];
                }

                double gArrival = scale * weights[ij] * slopes[i];
                inputGradients[i] += gArrival;
                delayGradients.Add(i, j, ij, gArrival);
            }
        }
    }
}
