using DelGrad.Model;
using DelGrad.Solvers;

namespace DelGrad.Kernel;

/// <content>Exact membrane traces for plots and checks (allocates; not a hot path).</content>
public sealed partial class Network
{
    /// <summary>
    /// The exact membrane potential of neuron <paramref name="neuron"/> of neuron layer <paramref name="neuronLayer"/>
    /// at <paramref name="times"/> for one input: a forward pass gives every input's arrival at the neuron, then
    /// V(t) = leak + sum of w_i PSP(t - a_i) over a_i &lt; t with the PSP of the layer's own solver, so the trace
    /// crosses the threshold exactly at the spike time the forward pass reports.
    /// </summary>
    /// <param name="parameters">The network's parameters.</param>
    /// <param name="input">One sample's input spike times.</param>
    /// <param name="neuronLayer">Index among the neuron layers.</param>
    /// <param name="neuron">Index of the neuron in its layer.</param>
    /// <param name="times">Where to evaluate the potential.</param>
    /// <returns>The trace with the neuron's arrivals, weights and spike time.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No such layer or neuron.</exception>
    public MembraneTrace Membrane(NetworkParameters parameters, ReadOnlySpan<double> input, int neuronLayer, int neuron, ReadOnlySpan<double> times)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(neuronLayer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(neuronLayer, NeuronLayerCount);
        var n = neuronStages[neuronLayer];
        ArgumentOutOfRangeException.ThrowIfNegative(neuron);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(neuron, n.OutSize);

        var workspace = CreateWorkspace();
        var prepared = Prepare(parameters);
        Forward(prepared, input, workspace);
        int stage = Array.IndexOf(stages, n);
        FillArrivals(n, prepared, workspace.Activations.AsSpan(activationOffsets[stage], n.InSize), workspace);
        int nIn = n.InSize, nOut = n.OutSize;
        var arrivals = new double[nIn];
        var weights = new double[nIn];
        for (int i = 0; i < nIn; i++)
        {
            arrivals[i] = workspace.Arrivals[n.ArrivalOffset + (i * nOut) + neuron];
            weights[i] = parameters.Values[n.WeightOffset + (i * nOut) + neuron];
        }

        double leak = ((NeuronLayer)Spec.Layers[n.LayerIndex]).Neuron.Leak;
        var potential = new double[times.Length];
        for (int k = 0; k < times.Length; k++)
        {
            potential[k] = leak + n.Solver switch
            {
                SolverKind.DelGrad => Sum(default(DelGradNeuron), weights, arrivals, times[k]),
                SolverKind.FastAndDeep => Sum(default(FastAndDeepNeuron), weights, arrivals, times[k]),
                SolverKind.EqualTau => Sum(new EqualTauSolver(n.Constants), weights, arrivals, times[k]),
                SolverKind.DoubleTau => Sum(new DoubleTauSolver(n.Constants), weights, arrivals, times[k]),
                _ => Sum(new GeneralSolver(n.Constants), weights, arrivals, times[k]),
            };
        }

        double spike = workspace.NeuronLayerOutput(neuronLayer)[neuron];
        return new MembraneTrace(times.ToArray(), potential, leak, leak + n.Constants.C, spike, arrivals, weights);
    }

    // Sum of w_i PSP(t - a_i) over the inputs that arrived before t (silent inputs never arrive).
    private static double Sum<TSolver>(in TSolver solver, double[] weights, double[] arrivals, double t)
        where TSolver : struct, ISpikeTimeSolver<TSolver>
    {
        double v = 0;
        for (int i = 0; i < arrivals.Length; i++)
        {
            if (arrivals[i] < t)
            {
                v += weights[i] * TSolver.Psp(solver, t - arrivals[i]);
            }
        }

        return v;
    }
}
