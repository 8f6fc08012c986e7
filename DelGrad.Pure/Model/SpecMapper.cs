using DelGrad.Model;
using DelGrad.Specs.Format;
using DelGrad.Specs.Plan;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace DelGrad.Model;

/// <summary>Maps the shared reader's documents to the immutable records.</summary>
internal static class SpecMapper
{
    /// <summary>The network of a spec or config file's text (its <c>network</c> section; other sections are ignored).</summary>
    public static Fin<NetworkSpec> ReadNetwork(string text, string fileName)
    {
        var root = JsonParser.TryParse(text, out var syntax);
        if (root?["network"] is not { } network || network["layers"] is not { } layers || network["inputs"] is not { } inputs)
        {
            return Error.New($"{fileName}: no network section{(syntax == null ? "" : ": " + syntax.Message)}");
        }

        var sink = new List<SpecDiagnostic>();
        var doc = NetworkReader.Read(layers, "network.layers", (int)inputs.Number, requireParameters: false, sink);
        return sink.Count > 0 ? FinFail<NetworkSpec>(ToError(sink, fileName)) : ToSpec(doc);
    }

    /// <summary>The structure of a network document.</summary>
    public static Fin<NetworkSpec> ToSpec(NetworkDoc doc)
    {
        var layers = new List<LayerSpec>();
        foreach (var layer in doc.Layers)
        {
            switch (layer)
            {
                case BiasSpikesDoc b:
                    layers.Add(new BiasSpikesLayer(toSeq(b.Times)));
                    break;
                case MultiplexDoc m:
                    layers.Add(new MultiplexLayer(m.Factor));
                    break;
                case BroadcastDoc:
                    layers.Add(new BroadcastLayer());
                    break;
                case DelaysDoc d:
                    layers.Add(new DelayLayer(
                        d.Kind switch { DelayPlacement.Axonal => DelayKind.Axonal, DelayPlacement.Dendritic => DelayKind.Dendritic, _ => DelayKind.Synaptic },
                        d.Sigmoid ? new Positivity.Sigmoid(d.Shift, d.Scale) : new Positivity.Clip(),
                        d.PresynSharing,
                        d.PostsynSharing,
                        d.PresynInterleaved));
                    break;
                case NeuronsDoc n:
                    var neuron = NeuronParameters.Create(n.TauMem, n.TauSyn, n.Threshold, n.Leak, n.GLeak);
                    if (neuron.IsFail)
                    {
                        return FinFail<NetworkSpec>(Error.New(n.Path + ": " + string.Join("; ", neuron.FailToSeq().Map(e => e.Message))));
                    }

                    layers.Add(new NeuronLayer(n.Size, neuron.SuccessToSeq().Head));
                    break;
            }
        }

        return NetworkSpec.Create(doc.Inputs, toSeq(layers));
    }

    /// <summary>The parameters a document gives inline (every block must be present).</summary>
    public static Fin<NetworkParameters> ToParameters(NetworkDoc doc, NetworkSpec spec)
    {
        var values = new double[spec.Layout.Count];
        int index = 0;
        foreach (var layer in doc.Layers)
        {
            double[]? block = layer switch
            {
                NeuronsDoc n => n.Weights,
                DelaysDoc d => d.Raw,
                _ => null,
            };
            if (layer is NeuronsDoc or DelaysDoc)
            {
                var target = spec.Layout.ForLayer(index);
                if (block == null || target.IsNone)
                {
                    return FinFail<NetworkParameters>(Error.New(layer.Path + ": parameters missing"));
                }

                var b = target.IfNone(() => throw new InvalidOperationException());
                block.AsSpan().CopyTo(values.AsSpan(b.Offset, b.Count));
            }

            index++;
        }

        return FinSucc(NetworkParameters.Own(values));
    }

    /// <summary>Formats diagnostics as one line each (file:line:col: message [code]).</summary>
    public static Error ToError(IEnumerable<SpecDiagnostic> diagnostics, string? file) =>
        Error.New(string.Join(Environment.NewLine, diagnostics.Select(d => d.Format(file))));

    /// <summary>The loss of a loss document (configs, spec files and reference vectors alike).</summary>
    internal static LossSpec ToLoss(LossDoc loss) => loss.Type switch
    {
        "TTFS" => new LossSpec.Ttfs(loss.Xi, loss.Alpha, loss.Beta),
        "shift_invariant_MSE" => new LossSpec.ShiftInvariantMse(loss.DeltaT),
        _ => new LossSpec.Mse(loss.TargetCorrect, loss.TargetWrong),
    };
}
