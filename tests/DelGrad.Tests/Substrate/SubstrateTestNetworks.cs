using DelGrad.Model;
using LanguageExt;
using static LanguageExt.Prelude;

namespace DelGrad.Tests.Substrate;

internal static class SubstrateTestNetworks
{
    public static NeuronParameters Neuron(Random rng) => rng.Next(3) switch
    {
        0 => NeuronParameters.EqualTau(1.0 + rng.NextDouble()),
        1 => NeuronParameters.DoubleTau(1.0 + rng.NextDouble()),
        _ => NeuronParameters.Create(1.7, 1.0, 1.2).Match(Succ: p => p, Fail: e => throw new InvalidOperationException(e.Head.Message)),
    };

    /// <summary>A random valid network with every layer kind, its parameters and some inputs.</summary>
    public static (NetworkSpec Spec, NetworkParameters Parameters, double[][] Inputs) Random(int seed, int samples = 6)
    {
        var rng = new Random(seed);
        int inputs = rng.Next(2, 5);
        var layers = new List<LayerSpec>();
        if (rng.Next(2) == 0)
        {
            layers.Add(new BiasSpikesLayer(Seq(0.3, 0.9)));
        }

        if (rng.Next(2) == 0)
        {
            layers.Add(new MultiplexLayer(2));
        }

        int hiddenLayers = rng.Next(1, 3);
        var clipLayers = new System.Collections.Generic.HashSet<int>();
        for (int h = 0; h <= hiddenLayers; h++)
        {
            if (rng.Next(3) != 0)
            {
                var kind = (DelayKind)rng.Next(3);
                bool clip = rng.Next(2) == 0;
                if (clip)
                {
                    clipLayers.Add(layers.Count);
                }

                layers.Add(new DelayLayer(kind, clip ? new Positivity.Clip() : new Positivity.Sigmoid(0.1, 2.0)));
            }
            else if (h > 0 && rng.Next(2) == 0)
            {
                layers.Add(new BroadcastLayer());
            }

            layers.Add(new NeuronLayer(h == hiddenLayers ? 3 : rng.Next(3, 7), Neuron(rng)));
        }

        var spec = NetworkSpec.Create(inputs, toSeq(layers)).ThrowIfFail();
        var values = new double[spec.Layout.Count];
        foreach (var block in spec.Layout.Blocks)
        {
            for (int k = 0; k < block.Count; k++)
            {
                values[block.Offset + k] = block.Kind == ParameterKind.Weights
                    ? -0.6 + (2.6 * rng.NextDouble())
                    : clipLayers.Contains(block.LayerIndex) ? 1.5 * rng.NextDouble() : (2 * rng.NextDouble()) - 1;
            }
        }

        var data = new double[samples][];
        for (int s = 0; s < samples; s++)
        {
            data[s] = Enumerable.Range(0, inputs).Select(_ => rng.Next(8) == 0 ? double.PositiveInfinity : 2.0 * rng.NextDouble()).ToArray();
        }

        return (spec, new NetworkParameters(values), data);
    }
}
