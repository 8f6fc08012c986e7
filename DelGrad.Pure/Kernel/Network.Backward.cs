using System.Runtime.CompilerServices;
using DelGrad.Losses;
using DelGrad.Model;
using DelGrad.Solvers;

namespace DelGrad.Kernel;

/// <content>
/// The backward pass. Exact gradients from the implicit function theorem: at the spike time t the
/// membrane sits at threshold, so with V'(t) = sum_causal w_i psp'(t - a_i),
/// dt/dw_i = -psp(t - a_i) / V'(t) and dt/da_i = w_i psp'(t - a_i) / V'(t). A delay only shifts an
/// arrival a_i = t_i + d, so its gradient is the arrival's gradient (summed over the synapses that
/// share it). No membrane traces are needed.
/// </content>
public sealed partial class Network
{
    /// <summary>
    /// Backpropagates the loss of the last forward pass in <paramref name="workspace"/> for
    /// <paramref name="label"/>, adding <paramref name="scale"/> times the gradient to the workspace's
    /// accumulators. Returns the sample's loss (<see cref="LossSpec.SilentLoss"/> when the label neuron
    /// is silent or the loss is infinite; then nothing is added).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Backward(PreparedParameters parameters, LossSpec loss, int label, Workspace workspace, double scale = 1.0)
    {
        if ((uint)label >= (uint)Outputs)
        {
            throw new ArgumentOutOfRangeException(nameof(label), label, $"label must be in [0, {Outputs})");
        }

        if (!workspace.HasForward)
        {
            throw new InvalidOperationException("Backward needs the results of Forward: run Forward on this workspace first");
        }

        var grads = workspace.ActivationGrads;
        var outGrad = grads.AsSpan(activationOffsets[stages.Length], Outputs);
        double value = LossFunctions.Evaluate(loss, workspace.Output, label, neuronStages[^1].Constants.TauSyn, outGrad);
        if (value == LossSpec.SilentLoss && outGrad.IndexOfAnyExcept(0.0) < 0)
        {
            return value;
        }

        workspace.SampleScale = scale;
        if (scale != 1.0)
        {
            for (int j = 0; j < outGrad.Length; j++)
            {
                outGrad[j] *= scale;
            }
        }

        BackpropagateFromOutput(parameters, workspace);
        return value;
    }

    /// <summary>
    /// Backpropagates an arbitrary output gradient dL/dt_out (label layer), accumulating parameter
    /// gradients and writing dL/d(input times) into <paramref name="inputGradient"/>.
    /// </summary>
    public void BackwardFromOutputGradient(PreparedParameters parameters, ReadOnlySpan<double> outputGradient, Workspace workspace, Span<double> inputGradient)
    {
        outputGradient.CopyTo(workspace.ActivationGrads.AsSpan(activationOffsets[stages.Length], Outputs));
        BackpropagateFromOutput(parameters, workspace);
        workspace.ActivationGrads.AsSpan(0, Inputs).CopyTo(inputGradient);
    }

    private void BackpropagateFromOutput(PreparedParameters parameters, Workspace ws)
    {
        var act = ws.Activations;
        var grads = ws.ActivationGrads;
        var values = parameters.Parameters.Values;
        for (int s = stages.Length - 1; s >= 0; s--)
        {
            var gOut = grads.AsSpan(activationOffsets[s + 1], stages[s].OutSize);
            var gIn = grads.AsSpan(activationOffsets[s], stages[s].InSize);
            gIn.Clear();
            switch (stages[s])
            {
                case BiasStage:
                    gOut[..gIn.Length].CopyTo(gIn);
                    break;
                case MultiplexStage mux:
                    for (int i = 0; i < gIn.Length; i++)
                    {
                        double sum = 0;
                        for (int r = 0; r < mux.Factor; r++)
                        {
                            sum += gOut[(i * mux.Factor) + r];
                        }

                        gIn[i] = sum;
                    }

                    break;
                case NeuronStage n:
                    var times = act.AsSpan(activationOffsets[s + 1], n.OutSize);
                    var boundaries = ws.Boundaries.AsSpan(activationOffsets[s + 1], n.OutSize);
                    if (LaneBackward(n, parameters, act.AsSpan(activationOffsets[s], n.InSize), times, boundaries, gOut, gIn, ws))
                    {
                        break;
                    }

                    switch (n.Solver)
                    {
                        case SolverKind.DelGrad:
                            BackNeurons(default(DelGradNeuron), n, values, times, boundaries, gOut, gIn, ws);
                            break;
                        case SolverKind.FastAndDeep:
                            BackNeurons(default(FastAndDeepNeuron), n, values, times, boundaries, gOut, gIn, ws);
                            break;
                        case SolverKind.EqualTau:
                            BackNeurons(new EqualTauSolver(n.Constants), n, values, times, boundaries, gOut, gIn, ws);
                            break;
                        case SolverKind.DoubleTau:
                            BackNeurons(new DoubleTauSolver(n.Constants), n, values, times, boundaries, gOut, gIn, ws);
                            break;
                        default:
                            BackNeurons(new GeneralSolver(n.Constants), n, values, times, boundaries, gOut, gIn, ws);
                            break;
                    }

                    break;
            }
        }
    }

    // The lane kernels' backward pass when the forward pass ran on them; else fills the arrival matrix they skipped and
    // returns false (the scalar pass follows).
    private static bool LaneBackward(NeuronStage n, PreparedParameters prepared, ReadOnlySpan<double> inVec, ReadOnlySpan<double> times, ReadOnlySpan<double> boundaries, ReadOnlySpan<double> gOut, Span<double> gIn, Workspace ws)
    {
        switch (n.Lanes)
        {
            case LaneKind.Synaptic:
                var synaptic = ws.SynapticScratch[n.Ordinal]!;
                if (synaptic.Active)
                {
                    SynapticLanes.Backward(n.Constants, prepared.SynapticLanes[n.Ordinal]!, synaptic, gOut, gIn, ws.MaxDwNorm);
                    return true;
                }

                return false;
            case LaneKind.Shared:
                var shared = ws.SharedScratch[n.Ordinal]!;
                if (!shared.Active)
                {
                    return false;
                }

                bool axonal = n.Wiring == Wiring.Axonal;
                var delays = prepared.Delays.AsSpan(n.DelayOffset, n.DelayCount);
                var arrivals = ws.SortedArrivals.AsSpan(0, n.InSize);
                for (int i = 0; i < arrivals.Length; i++)
                {
                    arrivals[i] = inVec[i] + (axonal ? delays[i] : 0.0);
                }

                var delayGrads = axonal ? ws.DelayGrads.AsSpan(n.DelayOffset, n.DelayCount) : default;
                if (SharedLanes.Backward(n.Constants, arrivals, prepared.SharedLaneWeights[n.Ordinal]!, shared, times, boundaries, gOut, gIn, delayGrads, ws.MaxDwNorm))
                {
                    return true;
                }

                FillArrivals(n, prepared, inVec, ws);
                return false;
            default:
                return false;
        }
    }

    // The scalar pass (NeuronBackward) on the workspace's arrival matrix, specialized per solver and wiring.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackNeurons<TSolver>(in TSolver solver, NeuronStage n, ReadOnlySpan<double> values, ReadOnlySpan<double> times, ReadOnlySpan<double> boundaries, ReadOnlySpan<double> gOut, Span<double> gIn, Workspace ws)
        where TSolver : struct, ISpikeTimeSolver<TSolver>
    {
        int nIn = n.InSize, nOut = n.OutSize;
        var weights = values.Slice(n.WeightOffset, nIn * nOut);
        var wGrad = ws.Gradient.AsSpan(n.WeightOffset, nIn * nOut);
        var arrivals = new ArrivalMatrix(ws.Arrivals.AsSpan(n.ArrivalOffset, nIn * nOut));
        var psp = new SolverPsp<TSolver>(solver);
        var dGrad = ws.DelayGrads.AsSpan(n.DelayOffset, n.DelayCount);
        var psps = ws.Psps.AsSpan(0, nIn);
        var slopes = ws.Slopes.AsSpan(0, nIn);
        var causal = ws.SortIndex.AsSpan(0, nIn);
        double maxDw = ws.MaxDwNorm;
        switch (n.Wiring)
        {
            case Wiring.Synaptic:
                NeuronBackward.Run(nIn, nOut, arrivals, psp, new SynapticDelayGradients(dGrad), weights, wGrad, times, boundaries, gOut, gIn, psps, slopes, causal, maxDw);
                break;
            case Wiring.Axonal:
                NeuronBackward.Run(nIn, nOut, arrivals, psp, new AxonalDelayGradients(dGrad), weights, wGrad, times, boundaries, gOut, gIn, psps, slopes, causal, maxDw);
                break;
            case Wiring.Dendritic:
                NeuronBackward.Run(nIn, nOut, arrivals, psp, new DendriticDelayGradients(dGrad), weights, wGrad, times, boundaries, gOut, gIn, psps, slopes, causal, maxDw);
                break;
            default:
                NeuronBackward.Run(nIn, nOut, arrivals, psp, default(NoDelayGradients), weights, wGrad, times, boundaries, gOut, gIn, psps, slopes, causal, maxDw);
                break;
        }
    }

    /// <summary>
    /// Moves the accumulated effective-delay gradients into the raw delay parameters' gradient
    /// (through sharing and the positivity map) and returns the workspace's full gradient.
    /// Sharing and positivity do not depend on the sample, so this runs once per batch, not per sample.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<double> FlushDelayGradients(PreparedParameters parameters, Workspace workspace)
    {
        var gradient = workspace.Gradient;
        var delayGrads = workspace.DelayGrads;
        foreach (var n in neuronStages)
        {
            var weightGrads = gradient.AsSpan(n.WeightOffset, n.InSize * n.OutSize);
            if (workspace.SynapticScratch[n.Ordinal] is { } synaptic)
            {
                SynapticLanes.Flush(synaptic, weightGrads, delayGrads.AsSpan(n.DelayOffset, n.DelayCount));
            }
            else if (workspace.SharedScratch[n.Ordinal] is { } shared)
            {
                SharedLanes.Flush(shared, weightGrads);
            }
        }

        var slopes = parameters.DelaySlopes;
        for (int d = 0; d < delayRawIndex.Length; d++)
        {
            gradient[delayRawIndex[d]] += delayGrads[d] * slopes[d];
            delayGrads[d] = 0;
        }

        return gradient;
    }
}
