using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Specs.Format;

namespace DelGrad.Verification;

/// <summary>
/// Reference files carry each delay layer's <c>effective_delays</c> next to its raw parameters: derived data, which
/// must agree with what the raw parameters and the positivity give, or the file contradicts itself (one was edited).
/// </summary>
internal static class EffectiveDelayCheck
{
    /// <summary>How far (absolute + relative) a recorded effective delay may differ from the recomputed one.</summary>
    public const double Tolerance = 1e-9;

    /// <summary>Reports the first recorded effective delay of each delay layer that disagrees with the raw parameters.</summary>
    public static void Check(JsonNode layersNode, NetworkSpec spec, NetworkParameters parameters, List<SpecDiagnostic> sink)
    {
        var network = Network.Compile(spec);
        var prepared = network.Prepare(parameters);
        int neuronLayer = 0;
        for (int l = 0; l < layersNode.Items.Count && l < spec.Layers.Count; l++)
        {
            if (spec.Layers[l] is NeuronLayer)
            {
                neuronLayer++;
                continue;
            }

            if (spec.Layers[l] is not DelayLayer || layersNode.Items[l]["effective_delays"] is not { Kind: JsonKind.Array } recorded)
            {
                continue;
            }

            var expected = network.EffectiveDelays(prepared, neuronLayer);
            var values = recorded.Items.SelectMany(row => row.Kind == JsonKind.Array ? row.Items : [row]).ToList();
            string path = $"layers[{l}].effective_delays";
            if (values.Count != expected.Length)
            {
                sink.Add(new SpecDiagnostic(SpecCodes.BadValue, path, $"{path}: must hold {expected.Length} delays for this layer, got {values.Count}", recorded.Line, recorded.Column));
                continue;
            }

            for (int i = 0; i < values.Count; i++)
            {
                bool number = ObjectReader.TryNumber(values[i], out double v);
                if (!number || !(Math.Abs(v - expected[i]) <= Tolerance * (1.0 + Math.Abs(expected[i]))))
                {
                    sink.Add(new SpecDiagnostic(SpecCodes.BadValue, path, $"{path}: entry {i} is {(number ? NeuronRules.Show(v) : values[i].KindName)}, but the raw parameters and positivity give {NeuronRules.Show(expected[i])}", values[i].Line, values[i].Column));
                    break;
                }
            }
        }
    }
}
