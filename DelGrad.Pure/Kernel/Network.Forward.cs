using System.Runtime.CompilerServices;
using DelGrad.Model;
using DelGrad.Solvers;

namespace DelGrad.Kernel;

/// <content>The forward pass: first-spike times of every layer for one sample, allocation-free.</content>
public sealed partial class Network
{
    /// <summary>
    /// Runs one sample through the network. Results stay in <paramref name="workspace"/>
    /// (<see cref="Workspace.Output"/>, <see cref="Workspace.NeuronLayerOutput"/>) for the backward
    /// pass. Non-finite input times count as "no spike".
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<double> Forward(PreparedParameters parameters, ReadOnlySpan<double> input, Workspace workspace)
    {
        if (input.Length != Inputs)
        {
            throw new ArgumentException($"input: expected {Inputs} spike times, got {input.Length}", nameof(input));
        }

        workspace.HasForward = true;
        workspace.LastPrepared = parameters;
        var act = workspace.Activations;
        input.CopyTo(act);
        var values = parameters.Parameters.Values;
        for (int s = 0; s < stages.Length; s++)
        {
            var inVec = act.AsSpan(activationOffsets[s], stages[s].InSize);
            var outVec = act.AsSpan(activationOffsets[s + 1], stages[s].OutSize);
            switch (stages[s])
            {
                case BiasStage bias:
                    bias.Apply(inVec, outVec);
                    break;
                case MultiplexStage mux:
                    mux.Apply(inVec, outVec);
                    break;
                case NeuronStage n:
                    var boundaries = workspace.Boundaries.AsSpan(activationOffsets[s + 1], n.OutSize);
                    switch (n.Solver)
                    {
                        case SolverKind.DelGrad:
                            RunNeurons(default(DelGradNeuron), n, parameters, values, inVec, outVec, boundaries, workspace);
                            break;
                        case SolverKind.FastAndDeep:
                            RunNeurons(default(FastAndDeepNeuron), n, parameters, values, inVec, outVec, boundaries, workspace);
                            break;
                        case SolverKind.EqualTau:
                            RunNeurons(new EqualTauSolver(n.Constants), n, parameters, values, inVec, outVec, boundaries, workspace);
                            break;
                        case SolverKind.DoubleTau:
                            RunNeurons(new DoubleTauSolver(n.Constants), n, parameters, values, inVec, outVec, boundaries, workspace);
                            break;
                        default:
                            RunNeurons(new GeneralSolver(n.Constants), n, parameters, values, inVec, outVec, boundaries, workspace);
                            break;
                    }

                    break;
            }
        }

        return workspace.Output;
    }

    /// <summary>Test hook: the same network with every stage on the runtime solvers (no built-in generated neurons).</summary>
    internal static Network CompileWithRuntimeSolvers(NetworkSpec spec)
    {
        var network = Compile(spec);
        foreach (var n in network.neuronStages)
        {
            n.Solver = NeuronStage.Choose(n.Constants, builtIns: false);
            n.Lanes = LaneKind.None; // the solvers' own loops, without the lane kernels
        }

        return network;
    }

    /// <summary>
    /// Writes stage <paramref name="n"/>'s arrival matrix [in][out] (input time plus delay) into the workspace, which the lane
    /// kernels skip: for the scalar backward pass and membrane traces.
    /// </summary>
    internal static void FillArrivals(NeuronStage n, PreparedParameters prepared, ReadOnlySpan<double> inVec, Workspace ws)
    {
        int nIn = n.InSize, nOut = n.OutSize;
        var arrivals = ws.Arrivals.AsSpan(n.ArrivalOffset, nIn * nOut);
        var delays = prepared.Delays.AsSpan(n.DelayOffset, n.DelayCount);
        for (int i = 0; i < nIn; i++)
        {
            for (int j = 0; j < nOut; j++)
            {
                double d = n.Wiring switch
                {
                    Wiring.Synaptic => delays[(i * nOut) + j],
                    Wiring.Axonal => delays[i],
                    Wiring.Dendritic => delays[j],
                    _ => 0.0,
                };
                arrivals[(i * nOut) + j] = inVec[i] + d;
            }
        }
    }

    /// <summary>Test hook: the same network with the lane kernels off (every stage on its solver's scalar loop).</summary>
    internal static Network CompileWithoutLanes(NetworkSpec spec)
    {
        var network = Compile(spec);
        foreach (var n in network.neuronStages)
        {
            n.Lanes = LaneKind.None;
        }

        return network;
    }

    /// <summary>The arrival matrices [in][out] of every neuron stage for the last forward pass in <paramref name="ws"/> (filled where the lanes skipped them).</summary>
    internal double[] ArrivalMatrix(Workspace ws)
    {
        var prepared = ws.LastPrepared ?? throw new InvalidOperationException("run Forward first");
        for (int s = 0; s < stages.Length; s++)
        {
            if (stages[s] is NeuronStage n && n.Lanes != LaneKind.None)
            {
                FillArrivals(n, prepared, ws.Activations.AsSpan(activationOffsets[s], n.InSize), ws);
            }
        }

        return ws.Arrivals;
    }

    /// <summary>The solver struct type that <see cref="Forward"/> and the backward pass use for neuron layer <paramref name="neuronLayer"/>.</summary>
    internal Type NeuronLayerSolver(int neuronLayer) => NeuronStage.SolverType(neuronStages[neuronLayer].Solver);

    // One neuron layer, specialized by the JIT per solver struct.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunNeurons<TSolver>(in TSolver solver, NeuronStage n, PreparedParameters prepared, ReadOnlySpan<double> values, ReadOnlySpan<double> inVec, Span<double> outVec, Span<double> boundaries, Workspace ws)
        where TSolver : struct, ISpikeTimeSolver<TSolver>
    {
        int nIn = n.InSize, nOut = n.OutSize;
        var weights = values.Slice(n.WeightOffset, nIn * nOut);
        var arrivals = ws.Arrivals.AsSpan(n.ArrivalOffset, nIn * nOut);
        var delays = prepared.Delays.AsSpan(n.DelayOffset, n.DelayCount);
        var keys = ws.SortKeys.AsSpan(0, nIn);
        var index = ws.SortIndex.AsSpan(0, nIn);
        var sortedW = ws.SortedWeights.AsSpan(0, nIn);
        var sortedT = ws.SortedArrivals.AsSpan(0, nIn);

        // The lane kernels (shared with the generated networks) when the stage has them; they write no arrival matrix
        // (FillArrivals does when the scalar backward pass or a membrane trace needs it).
        if (n.Lanes == LaneKind.Synaptic
            && SynapticLanes.Forward(n.Constants, prepared.SynapticLanes[n.Ordinal]!, inVec, ws.SynapticScratch[n.Ordinal]!, outVec, boundaries))
        {
            return;
        }

        if (n.Wiring == Wiring.Synaptic)
        {
            // Every synapse has its own delay, so every neuron sees its own arrival order.
            for (int j = 0; j < nOut; j++)
            {
                int m = 0;
                for (int i = 0; i < nIn; i++)
                {
                    double a = inVec[i] + delays[(i * nOut) + j];
                    arrivals[(i * nOut) + j] = a;
                    if (double.IsFinite(a))
                    {
                        keys[m] = a;
                        index[m++] = i;
                    }
                }

                ArrivalSort.Sort(keys[..m], index[..m]);
                for (int k = 0; k < m; k++)
                {
                    sortedW[k] = weights[(index[k] * nOut) + j];
                }

                outVec[j] = TSolver.SpikeTime(solver, sortedW[..m], keys[..m], out int causal);
                boundaries[j] = causal > 0 ? keys[causal - 1] : double.NaN;
            }

            return;
        }

        // Broadcast, axonal or dendritic: one arrival order for the whole layer, sorted once.
        int count = 0;
        if (n.Lanes == LaneKind.Shared)
        {
            for (int i = 0; i < nIn; i++)
            {
                double a = inVec[i] + (n.Wiring == Wiring.Axonal ? delays[i] : 0.0);
                if (double.IsFinite(a))
                {
                    keys[count] = a;
                    index[count++] = i;
                }
            }

            ArrivalSort.Sort(keys[..count], index[..count]);
            var scratch = ws.SharedScratch[n.Ordinal]!;
            SharedLanes.LayerFactors(n.Constants, keys[..count], index[..count], scratch);
            SharedLanes.Forward(n.Constants, keys[..count], index[..count], prepared.SharedLaneWeights[n.Ordinal]!, weights, scratch, outVec, boundaries);
            return;
        }

        for (int i = 0; i < nIn; i++)
        {
            double a = inVec[i] + (n.Wiring == Wiring.Axonal ? delays[i] : 0.0);
            for (int j = 0; j < nOut; j++)
            {
                arrivals[(i * nOut) + j] = n.Wiring == Wiring.Dendritic ? a + delays[j] : a;
            }

            if (double.IsFinite(a))
            {
                keys[count] = a;
                index[count++] = i;
            }
        }

        ArrivalSort.Sort(keys[..count], index[..count]);

        // Broadcast and axonal: every neuron sees exactly these sorted times, so the solver's
        // per-arrival exponentials are computed once for the layer instead of once per neuron.
        // (Dendritic delays shift each neuron's times; like the generated code, it keeps its own.)
        bool dendritic = n.Wiring == Wiring.Dendritic;
        bool share = !dendritic && TSolver.UsesSharedFactors;
        var factors = ws.Factors.AsSpan(0, count);
        if (share)
        {
            TSolver.SharedFactors(solver, keys[..count], factors);
        }

        for (int j = 0; j < nOut; j++)
        {
            for (int k = 0; k < count; k++)
            {
                sortedW[k] = weights[(index[k] * nOut) + j];
            }

            if (dendritic)
            {
                for (int k = 0; k < count; k++)
                {
                    sortedT[k] = keys[k] + delays[j];
                }
            }

            var times = dendritic ? sortedT[..count] : keys[..count];
            int causal;
            outVec[j] = share
                ? TSolver.SpikeTimeShared(solver, sortedW[..count], times, factors, out causal)
                : TSolver.SpikeTime(solver, sortedW[..count], times, out causal);
            boundaries[j] = causal > 0 ? times[causal - 1] : double.NaN;
        }
    }
}
