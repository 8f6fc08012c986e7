using DelGrad.Model;
using DelGrad.Specs.Format;
using LanguageExt;
using static LanguageExt.Prelude;

namespace DelGrad.Verification;

/// <summary>Expected results recorded from the reference implementation for one network and batch.</summary>
/// <param name="NeuronLayerOutputs">Per neuron layer: [batch][neurons] first-spike times.</param>
/// <param name="LossBatchMean">Mean loss over the batch.</param>
/// <param name="Gradient">Gradient of the mean loss w.r.t. the flat parameter vector.</param>
/// <param name="GradientPresent">Which parameter blocks have an expected gradient (by layer index).</param>
public sealed record ReferenceExpectation(Seq<double[][]> NeuronLayerOutputs, double LossBatchMean, double[] Gradient, Seq<int> GradientPresent);

/// <summary>
/// A reference vector file (<c>tests/data/reference/*.json</c> format): a network with its parameters,
/// a batch of encoded inputs with labels, a loss, and the expected outputs, loss and gradients.
/// </summary>
/// <param name="Name">The file's name field.</param>
/// <param name="Spec">Network structure.</param>
/// <param name="Parameters">Network parameters.</param>
/// <param name="Loss">The loss.</param>
/// <param name="Inputs">[batch][inputs] encoded input spike times.</param>
/// <param name="Labels">[batch] classes.</param>
/// <param name="Expected">What the reference computed.</param>
public sealed record ReferenceVectorFile(string Name, NetworkSpec Spec, NetworkParameters Parameters, LossSpec Loss, double[][] Inputs, int[] Labels, ReferenceExpectation Expected)
{
    /// <summary>Parses the text of a reference vector file; errors name file, line and field.</summary>
    public static Fin<ReferenceVectorFile> Parse(string text, string fileName)
    {
        var root = JsonParser.TryParse(text, out var syntax);
        if (root == null)
        {
            return Fail(new SpecDiagnostic(SpecCodes.MalformedJson, "", "malformed JSON: " + syntax!.Message, syntax.Line, syntax.Column), fileName);
        }

        var sink = new List<SpecDiagnostic>();
        if (root.Kind != JsonKind.Object)
        {
            return Fail(new SpecDiagnostic(SpecCodes.BadValue, "", "the file must hold a JSON object", root.Line, root.Column), fileName);
        }

        var r = new ObjectReader(root, "", sink);
        var name = r.Optional("name", JsonKind.String)?.Text ?? Path.GetFileNameWithoutExtension(fileName);
        r.Get("note");
        r.Choice("time_unit", "tau_syn", "tau_syn");
        var inputsNode = r.Require("inputs", JsonKind.Array);
        var labelsNode = r.Require("labels", JsonKind.Array);
        var layersNode = r.Require("layers", JsonKind.Array);
        var lossNode = r.Require("loss", JsonKind.Object);
        var expectedNode = r.Require("expected", JsonKind.Object);
        r.RejectUnknown();
        if (sink.Count > 0 || inputsNode == null || labelsNode == null || layersNode == null || lossNode == null || expectedNode == null)
        {
            return Fail(sink, fileName);
        }

        var inputs = ReadRows(r, inputsNode, "inputs", -1, allowInfinity: true);
        if (inputs == null)
        {
            return Fail(sink, fileName);
        }

        // +Infinity is "no spike"; -Infinity and NaN are no time at all.
        for (int b = 0; b < inputs.Length; b++)
        {
            int bad = System.Array.FindIndex(inputs[b], t => double.IsNaN(t) || double.IsNegativeInfinity(t));
            if (bad >= 0)
            {
                r.Report(SpecCodes.BadValue, $"inputs[{b}][{bad}]", "must be a spike time or \"Infinity\" (no spike), got " + NeuronRules.Show(inputs[b][bad]), inputsNode.Items[b].Items[bad]);
                return Fail(sink, fileName);
            }
        }

        int batch = inputs.Length;
        int width = batch > 0 ? inputs[0].Length : 0;
        var labels = new int[labelsNode.Items.Count];
        for (int b = 0; b < labels.Length; b++)
        {
            var item = labelsNode.Items[b];
            if (item.Kind != JsonKind.Number || item.Number != Math.Floor(item.Number) || item.Number < 0)
            {
                r.Report(SpecCodes.BadValue, $"labels[{b}]", "must be a non-negative integer, got " + (item.Kind == JsonKind.Number ? item.Text : item.KindName), item);
            }
            else
            {
                labels[b] = (int)item.Number;
            }
        }

        if (labels.Length != batch)
        {
            r.Report(SpecCodes.BadValue, "labels", $"has {labels.Length} entries but inputs has {batch}", labelsNode);
        }

        var doc = NetworkReader.Read(layersNode, "layers", width, requireParameters: true, sink);
        var loss = NetworkReader.ReadLoss(lossNode, "loss", sink);
        if (sink.Count > 0)
        {
            return Fail(sink, fileName);
        }

        var specResult = SpecMapper.ToSpec(doc);
        if (specResult.IsFail)
        {
            return FinFail<ReferenceVectorFile>(LanguageExt.Common.Error.New(fileName + ": " + specResult.Match(_ => "", e => e.Message)));
        }

        var spec = specResult.ThrowIfFail();
        var parameters = SpecMapper.ToParameters(doc, spec).ThrowIfFail();
        EffectiveDelayCheck.Check(layersNode, spec, parameters, sink);
        int outputs = spec.Outputs;
        for (int b = 0; b < labels.Length; b++)
        {
            if (labels[b] >= outputs)
            {
                r.Report(SpecCodes.BadValue, $"labels[{b}]", $"must be below the label layer size {outputs}, got {labels[b]}", labelsNode.Items[b]);
            }
        }

        var expected = ReadExpected(expectedNode, doc, spec, batch, sink);
        if (sink.Count > 0 || expected == null)
        {
            return Fail(sink, fileName);
        }

        return FinSucc(new ReferenceVectorFile(name, spec, parameters, SpecMapper.ToLoss(loss), inputs, labels, expected));
    }

    /// <summary>Maps a loss document to its record.</summary>
    private static ReferenceExpectation? ReadExpected(JsonNode node, NetworkDoc doc, NetworkSpec spec, int batch, List<SpecDiagnostic> sink)
    {
        var r = new ObjectReader(node, "expected", sink);
        var outputsNode = r.Require("neuron_layer_outputs", JsonKind.Array);
        double loss = r.Number("loss_batch_mean", null);
        var gradsNode = r.Require("gradients_per_layer", JsonKind.Array);
        r.RejectUnknown();
        if (outputsNode == null || gradsNode == null)
        {
            return null;
        }

        var sizes = doc.Layers.OfType<NeuronsDoc>().Select(n => n.Size).ToArray();
        if (outputsNode.Items.Count != sizes.Length)
        {
            r.Report(SpecCodes.BadValue, "expected.neuron_layer_outputs", $"must have one entry per neuron layer ({sizes.Length}), got {outputsNode.Items.Count}", outputsNode);
            return null;
        }

        var outputs = new List<double[][]>();
        for (int l = 0; l < sizes.Length; l++)
        {
            var item = outputsNode.Items[l];
            string p = $"expected.neuron_layer_outputs[{l}]";
            if (item.Kind != JsonKind.Array || item.Items.Count != batch)
            {
                r.Report(SpecCodes.BadValue, p, $"must be a [{batch}][{sizes[l]}] array", item);
                return null;
            }

            var rows = ReadRows(r, item, p, sizes[l], allowInfinity: true);
            if (rows == null)
            {
                return null;
            }

            outputs.Add(rows);
        }

        if (gradsNode.Items.Count != doc.Layers.Count)
        {
            r.Report(SpecCodes.BadValue, "expected.gradients_per_layer", $"must have one entry per layer ({doc.Layers.Count}), got {gradsNode.Items.Count}", gradsNode);
            return null;
        }

        var gradient = new double[spec.Layout.Count];
        var present = new List<int>();
        for (int l = 0; l < doc.Layers.Count; l++)
        {
            var item = gradsNode.Items[l];
            string p = $"expected.gradients_per_layer[{l}]";
            var block = spec.Layout.ForLayer(l);
            if (item.Kind == JsonKind.Null && block.IsNone)
            {
                continue;
            }

            if (item.Kind == JsonKind.Null)
            {
                r.Report(SpecCodes.BadValue, p, "must be an object: this layer has parameters, so its expected gradient is needed", item);
                return null;
            }

            if (item.Kind != JsonKind.Object || block.IsNone)
            {
                r.Report(SpecCodes.BadValue, p, block.IsNone ? "must be null: this layer has no parameters" : "must be an object or null", item);
                return null;
            }

            var b = block.IfNone(() => throw new InvalidOperationException());
            var gr = new ObjectReader(item, p, sink);
            var values = gr.Matrix(b.Kind == ParameterKind.Weights ? "weights" : "raw_parameters", b.Rows, b.Columns, true);
            gr.RejectUnknown();
            if (values == null)
            {
                return null;
            }

            values.CopyTo(gradient, b.Offset);
            present.Add(l);
        }

        return double.IsNaN(loss) ? null : new ReferenceExpectation(toSeq(outputs), loss, gradient, toSeq(present));
    }

    private static double[][]? ReadRows(ObjectReader r, JsonNode array, string path, int width, bool allowInfinity)
    {
        var rows = new double[array.Items.Count][];
        int expectedWidth = width >= 0 ? width : CommonWidth(array);
        for (int b = 0; b < rows.Length; b++)
        {
            var row = array.Items[b];
            string p = $"{path}[{b}]";
            if (row.Kind != JsonKind.Array)
            {
                r.Report(SpecCodes.BadValue, p, "must be an array, got " + row.KindName, row);
                return null;
            }

            if (row.Items.Count != expectedWidth)
            {
                r.Report(SpecCodes.BadValue, p, $"must have {expectedWidth} entries, got {row.Items.Count}", row);
                return null;
            }

            var values = r.ReadNumbers(row, p, allowInfinity);
            if (values == null)
            {
                return null;
            }

            rows[b] = values;
        }

        return rows;
    }

    // The width most rows have: a short or long row is then blamed itself, whichever row it is.
    private static int CommonWidth(JsonNode array) =>
        array.Items.Where(row => row.Kind == JsonKind.Array).GroupBy(row => row.Items.Count).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstOrDefault();

    private static Fin<ReferenceVectorFile> Fail(SpecDiagnostic d, string file) => Fail([d], file);

    private static Fin<ReferenceVectorFile> Fail(IEnumerable<SpecDiagnostic> ds, string file) => FinFail<ReferenceVectorFile>(SpecMapper.ToError(ds, file));
}
