using DelGrad.Kernel;
using DelGrad.Model;
using LanguageExt;

namespace DelGrad.Tests.Properties;

/// <summary>A delay configuration for the random test networks (null kind: no delays).</summary>
/// <param name="Name">Short name for test output.</param>
/// <param name="Kind">Delay kind, or null for plain broadcast.</param>
/// <param name="Sigmoid">Sigmoid positivity (else clip).</param>
/// <param name="Presyn">Presynaptic sharing factor.</param>
/// <param name="Postsyn">Postsynaptic sharing factor (hidden layer only).</param>
public sealed record DelayConfig(string Name, DelayKind? Kind, bool Sigmoid, int Presyn, int Postsyn)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>Small random networks (inputs -> [delays] hidden -> [delays] labels) and probes of their state.</summary>
internal static class RandomNetworks
{
    public static readonly DelayConfig[] DelayConfigs =
    [
        new("none", null, false, 1, 1),
        new("synaptic-sigmoid", DelayKind.Synaptic, true, 1, 1),
        new("synaptic-clip-presyn2-postsyn2", DelayKind.Synaptic, false, 2, 2),
        new("axonal-sigmoid-presyn2", DelayKind.Axonal, true, 2, 1),
        new("axonal-clip", DelayKind.Axonal, false, 1, 1),
        new("dendritic-clip", DelayKind.Dendritic, false, 1, 1),
        new("dendritic-sigmoid-postsyn2", DelayKind.Dendritic, true, 1, 2),
    ];

    /// <summary>tau_mem / tau_syn and tau_syn of each solver kind under test.</summary>
    public static (double TauMem, double TauSyn) TimeConstants(string solver) => solver switch
    {
        "equal" => (1.0, 1.0),
        "double" => (2.0, 1.0),
        "general1.5" => (1.5 * 1.3, 1.3),
        "general3" => (3.0 * 0.8, 0.8),
        _ => throw new ArgumentException(solver),
    };

    public static NeuronParameters Neuron(string solver)
    {
        var (tauMem, tauSyn) = TimeConstants(solver);
        return NeuronParameters.Create(tauMem, tauSyn, threshold: 1.2, leak: 0.2).Match(p => p, e => throw new InvalidOperationException(e.Head.Message));
    }

    /// <summary>Builds inputs -> [delays] -> hidden -> [delays] -> labels.</summary>
    public static NetworkSpec Spec(string solver, DelayConfig delays, int inputs, int hidden, int labels)
    {
        var neuron = Neuron(solver);
        var layers = new List<LayerSpec>();
        void AddDelays(int postsyn)
        {
            if (delays.Kind is { } kind)
            {
                Positivity positivity = delays.Sigmoid ? new Positivity.Sigmoid(0.1, 1.5) : new Positivity.Clip();
                layers.Add(new DelayLayer(kind, positivity, delays.Presyn, postsyn));
            }
            else
            {
                layers.Add(new BroadcastLayer());
            }
        }

        AddDelays(delays.Postsyn);
        layers.Add(new NeuronLayer(hidden, neuron));
        AddDelays(1);
        layers.Add(new NeuronLayer(labels, neuron));
        return NetworkSpec.Create(inputs, Prelude.toSeq(layers)).ThrowIfFail();
    }

    /// <summary>Random sizes compatible with the sharing factors.</summary>
    public static (int Inputs, int Hidden, int Labels) Sizes(DelayConfig delays, Random rng) =>
        (delays.Presyn == 2 ? 4 : rng.Next(3, 6), delays.Presyn == 2 || delays.Postsyn == 2 ? 2 * rng.Next(2, 4) : rng.Next(4, 7), rng.Next(2, 4));

    /// <summary>Random parameters: weights scaled to the PSP peak (mostly excitatory), raw delays by positivity.</summary>
    public static double[] Parameters(NetworkSpec spec, Random rng, double weightLo = -0.8, double weightHi = 2.4, double? delaySpread = null)
    {
        var values = new double[spec.Layout.Count];
        foreach (var block in spec.Layout.Blocks)
        {
            var layer = spec.Layers[block.LayerIndex];
            for (int k = 0; k < block.Count; k++)
            {
                double r = rng.NextDouble();
                values[block.Offset + k] = block.Kind == ParameterKind.Weights
                    ? WeightUnit(((NeuronLayer)layer).Neuron) * (weightLo + ((weightHi - weightLo) * r))
                    : ((DelayLayer)layer).Positivity is Positivity.Sigmoid ? -2.0 + (4.0 * r) : 0.05 + ((delaySpread ?? 1.5) * r);
            }
        }

        return values;
    }

    // The weight whose PSP peak equals threshold - leak.
    public static double WeightUnit(NeuronParameters n)
    {
        double g = n.Constants.G;
        double s = Math.Abs(g - 1.0) < 1e-9 ? 1.0 : Math.Log(g) / (g - 1.0);
        return n.Constants.C / SolverProperties.Psp(g, 1.0, s);
    }

    /// <summary>Per neuron of every layer: -1 when silent, else the bit mask of its causal inputs.</summary>
    public static long[] Pattern(Network network, Workspace ws)
    {
        var arrivals = network.ArrivalMatrix(ws);
        var result = new List<long>();
        for (int l = 0; l < network.NeuronLayerCount; l++)
        {
            var n = network.NeuronStages[l];
            var times = ws.NeuronLayerOutput(l);
            int offset = network.ActivationOffset(network.NeuronOutputVector(l));
            for (int j = 0; j < n.OutSize; j++)
            {
                if (!double.IsFinite(times[j]))
                {
                    result.Add(-1);
                    continue;
                }

                double boundary = ws.Boundaries[offset + j];
                long mask = 0;
                for (int i = 0; i < n.InSize; i++)
                {
                    if (arrivals[n.ArrivalOffset + (i * n.OutSize) + j] <= boundary)
                    {
                        mask |= 1L << i;
                    }
                }

                result.Add(mask);
            }
        }

        return [.. result];
    }

    /// <summary>
    /// The smallest membrane slope at a spike, V'(t) tau_syn / (threshold - leak), over every spiking
    /// neuron, computed from the arrivals and weights with an independent PSP (+inf if none spikes).
    /// </summary>
    public static double MinSlope(Network network, PreparedParameters prepared, Workspace ws)
    {
        var arrivals = network.ArrivalMatrix(ws);
        double min = double.PositiveInfinity;
        var values = prepared.Parameters.Values;
        for (int l = 0; l < network.NeuronLayerCount; l++)
        {
            var n = network.NeuronStages[l];
            var times = ws.NeuronLayerOutput(l);
            for (int j = 0; j < n.OutSize; j++)
            {
                double t = times[j];
                if (!double.IsFinite(t))
                {
                    continue;
                }

                double slope = 0;
                for (int i = 0; i < n.InSize; i++)
                {
                    double a = arrivals[n.ArrivalOffset + (i * n.OutSize) + j];
                    if (a <= t)
                    {
                        slope += values[n.WeightOffset + (i * n.OutSize) + j] * SolverProperties.PspSlope(n.Constants.G, n.Constants.TauSyn, t - a);
                    }
                }

                min = Math.Min(min, slope * n.Constants.TauSyn / n.Constants.C);
            }
        }

        return min;
    }
}
