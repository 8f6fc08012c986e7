namespace DelGrad.Kernel;

/// <content>
/// Chip-in-the-loop support: load spike times observed on a substrate into a workspace so the
/// ordinary <see cref="Backward"/> evaluates the exact analytic gradients at the OBSERVED times and
/// the NOMINAL parameters.
/// </content>
public sealed partial class Network
{
    /// <summary>
    /// Fills <paramref name="workspace"/> as <see cref="Forward"/> would, but with every neuron
    /// layer's first-spike times taken from <paramref name="layerOutputs"/> (one array per neuron
    /// layer, +infinity = silent) instead of being computed. Arrivals are the observed presynaptic
    /// times plus the nominal effective delays of <paramref name="parameters"/> (delays are
    /// straight-through: the gradient flows as for t + d whatever the substrate did to d); the causal
    /// set of a neuron is every input arriving strictly before its observed spike. Afterwards
    /// <see cref="Backward"/> works as after a forward pass. Returns the label-layer times.
    /// </summary>
    public ReadOnlySpan<double> LoadObserved(PreparedParameters parameters, ReadOnlySpan<double> input, IReadOnlyList<double[]> layerOutputs, Workspace workspace)
    {
        if (input.Length != Inputs)
        {
            throw new ArgumentException($"input: expected {Inputs} spike times, got {input.Length}", nameof(input));
        }

        if (layerOutputs.Count != NeuronLayerCount)
        {
            throw new ArgumentException($"layerOutputs: expected {NeuronLayerCount} neuron layers, got {layerOutputs.Count}", nameof(layerOutputs));
        }

        workspace.HasForward = true;
        workspace.ResetLanes();
        var act = workspace.Activations;
        input.CopyTo(act);
        int layer = 0;
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
                    var observed = layerOutputs[layer];
                    if (observed.Length != n.OutSize)
                    {
                        throw new ArgumentException($"layerOutputs[{layer}]: expected {n.OutSize} spike times, got {observed.Length}", nameof(layerOutputs));
                    }

                    observed.CopyTo(outVec);
                    LoadArrivals(n, parameters, inVec, outVec, workspace.Boundaries.AsSpan(activationOffsets[s + 1], n.OutSize), workspace);
                    layer++;
                    break;
            }
        }

        return workspace.Output;
    }

    private static void LoadArrivals(NeuronStage n, PreparedParameters prepared, ReadOnlySpan<double> inVec, ReadOnlySpan<double> outVec, Span<double> boundaries, Workspace ws)
    {
        // The arrivals as the forward pass computes them; then each neuron's last causal arrival at its observed time.
        FillArrivals(n, prepared, inVec, ws);
        int nIn = n.InSize, nOut = n.OutSize;
        var arrivals = ws.Arrivals.AsSpan(n.ArrivalOffset, nIn * nOut);
        for (int j = 0; j < nOut; j++)
        {
            double t = outVec[j], last = double.NaN;
            if (double.IsFinite(t))
            {
                for (int i = 0; i < nIn; i++)
                {
                    double a = arrivals[(i * nOut) + j];
                    if (a < t && !(a <= last))
                    {
                        last = a;
                    }
                }
            }

            boundaries[j] = last;
        }
    }
}
