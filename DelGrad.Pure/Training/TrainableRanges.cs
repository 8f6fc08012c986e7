using DelGrad.Specs.Format;

namespace DelGrad.Training;

/// <summary>
/// The ranges a config's network must keep to be trainable at all, beyond what makes a valid network: values the
/// network model accepts but that train to 0 % without a word (a threshold of 1e308 is never reached, tau_mem of
/// 1e-300 forgets every input, an initial mean of 1e308 or a negative sigmoid scale, which gives negative delays).
/// Times are in units of tau_syn and inputs spike within a few of them, so 1e6 is far beyond any useful value.
/// </summary>
internal static class TrainableRanges
{
    /// <summary>Largest magnitude of a threshold, leak, time constant or initial mean/std.</summary>
    public const double Limit = 1e6;

    /// <summary>Smallest time constant.</summary>
    public const double MinTimeConstant = 1e-6;

    /// <summary>Reports every out-of-range value of <paramref name="doc"/>'s layers, at the layer, naming the field.</summary>
    public static void Check(NetworkDoc doc, List<SpecDiagnostic> sink)
    {
        foreach (var layer in doc.Layers)
        {
            void Require(string key, double value, bool ok, string rule)
            {
                if (!ok)
                {
                    string path = layer.Path + "." + key;
                    sink.Add(new SpecDiagnostic(SpecCodes.BadValue, path, $"{path}: {rule}, got {NeuronRules.Show(value)}", layer.Line, layer.Column));
                }
            }

            void Init(InitDoc? init)
            {
                if (init != null)
                {
                    Require("init.mean", init.Mean, Math.Abs(init.Mean) <= Limit, $"must be in [-{NeuronRules.Show(Limit)}, {NeuronRules.Show(Limit)}]");
                    Require("init.std", init.Std, init.Std <= Limit, $"must be at most {NeuronRules.Show(Limit)}");
                }
            }

            switch (layer)
            {
                case NeuronsDoc n:
                    Require("tau_mem", n.TauMem, n.TauMem >= MinTimeConstant && n.TauMem <= Limit, $"must be in [{NeuronRules.Show(MinTimeConstant)}, {NeuronRules.Show(Limit)}]");
                    Require("tau_syn", n.TauSyn, n.TauSyn >= MinTimeConstant && n.TauSyn <= Limit, $"must be in [{NeuronRules.Show(MinTimeConstant)}, {NeuronRules.Show(Limit)}]");
                    Require("threshold", n.Threshold, Math.Abs(n.Threshold) <= Limit, $"must be in [-{NeuronRules.Show(Limit)}, {NeuronRules.Show(Limit)}]");
                    Require("leak", n.Leak, Math.Abs(n.Leak) <= Limit, $"must be in [-{NeuronRules.Show(Limit)}, {NeuronRules.Show(Limit)}]");
                    Init(n.Init);
                    break;
                case DelaysDoc d:
                    Require("positivity.shift", d.Shift, d.Shift >= 0 && d.Shift <= Limit, $"must be in [0, {NeuronRules.Show(Limit)}] (delays are not negative)");
                    Require("positivity.scale", d.Scale, d.Scale >= 0 && d.Scale <= Limit, $"must be in [0, {NeuronRules.Show(Limit)}] (delays are not negative)");
                    Init(d.Init);
                    break;
                case BiasSpikesDoc b:
                    foreach (double t in b.Times)
                    {
                        Require("times", t, t >= 0 && t <= Limit, $"must be in [0, {NeuronRules.Show(Limit)}]");
                    }

                    break;
            }
        }
    }
}
