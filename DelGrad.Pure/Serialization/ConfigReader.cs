using DelGrad.Model;
using DelGrad.Specs;
using DelGrad.Specs.Format;
using DelGrad.Training;
using LanguageExt;
using static LanguageExt.Prelude;

namespace DelGrad.Serialization;

/// <summary>
/// Reads experiment configs (JSON). Network and loss go through the shared <see cref="NetworkReader"/>
/// (the one the build-time generator uses); every problem is reported as file:line:col with the key.
/// </summary>
public static class ConfigReader
{
    /// <summary>Parses config text; <paramref name="fileName"/> is used in messages.</summary>
    public static Fin<ExperimentConfig> Parse(string text, string fileName)
    {
        var root = JsonParser.TryParse(text, out var syntax);
        if (root == null)
        {
            return Fail([new SpecDiagnostic(SpecCodes.MalformedJson, "", "malformed JSON: " + syntax!.Message, syntax.Line, syntax.Column)], fileName);
        }

        var sink = new List<SpecDiagnostic>();
        if (root.Kind != JsonKind.Object)
        {
            return Fail([new SpecDiagnostic(SpecCodes.BadValue, "", "a config must be a JSON object", root.Line, root.Column)], fileName);
        }

        var r = new ObjectReader(root, "", sink);
        var nameNode = r.Optional("name", JsonKind.String);
        string name = nameNode?.Text ?? RunPaths.NameFromFile(fileName);
        if (nameNode != null && RunPaths.NameProblem(name) is string nameProblem)
        {
            r.Report(SpecCodes.BadValue, "name", nameProblem, nameNode);
        }
        r.Optional("description", JsonKind.String);
        var networkNode = r.Require("network", JsonKind.Object);
        var lossNode = r.Require("loss", JsonKind.Object);
        var trainingNode = r.Require("training", JsonKind.Object);
        var dataNode = r.Optional("data", JsonKind.Object);
        var substrateNode = r.Optional("substrate", JsonKind.Object);
        r.RejectUnknown();
        if (networkNode == null || lossNode == null || trainingNode == null)
        {
            return Fail(sink, fileName);
        }

        var nr = new ObjectReader(networkNode, "network", sink);
        int inputs = nr.Integer("inputs", null, 1, 1_000_000, SpecCodes.EmptyLayer);
        var layersNode = nr.Require("layers", JsonKind.Array);
        nr.RejectUnknown();
        if (layersNode == null || sink.Count > 0)
        {
            return Fail(sink, fileName);
        }

        var doc = NetworkReader.Read(layersNode, "network.layers", inputs, requireParameters: false, sink);
        var loss = NetworkReader.ReadLoss(lossNode, "loss", sink);
        TrainableRanges.Check(doc, sink);
        var inits = new List<InitSpec>();
        foreach (var layer in doc.Layers)
        {
            InitDoc? init = layer switch { NeuronsDoc n => n.Init, DelaysDoc d => d.Init, _ => null };
            if (layer is NeuronsDoc or DelaysDoc)
            {
                if (init == null)
                {
                    sink.Add(new SpecDiagnostic(SpecCodes.MissingKey, layer.Path + ".init", layer.Path + ".init: missing (an object {\"mean\": m, \"std\": s} drawing this layer's initial parameters)", layer.Line, layer.Column));
                }
                else
                {
                    inits.Add(new InitSpec(init.Mean, init.Std));
                }
            }
        }

        int weightLayers = doc.Layers.OfType<NeuronsDoc>().Count(), delayLayers = doc.Layers.OfType<DelaysDoc>().Count();
        var training = ReadTraining(new ObjectReader(trainingNode, "training", sink), weightLayers, delayLayers);
        var data = dataNode == null ? new DataOptions() : ReadData(new ObjectReader(dataNode, "data", sink));
        var labelLayer = doc.Layers.OfType<NeuronsDoc>().LastOrDefault();
        foreach (var (field, problem) in DatasetCompatibility.Problems(inputs, labelLayer?.Size ?? 0, data))
        {
            if (field == DatasetMismatch.Inputs)
            {
                nr.Report(SpecCodes.BadValue, "network.inputs", problem, networkNode["inputs"]);
            }
            else if (labelLayer != null)
            {
                sink.Add(new SpecDiagnostic(SpecCodes.BadValue, labelLayer.Path + ".size", labelLayer.Path + ".size: " + problem, labelLayer.Line, labelLayer.Column));
            }
        }

        var substrate = substrateNode == null ? null : SubstrateSection.Read(new ObjectReader(substrateNode, "substrate", sink));
        if (sink.Count > 0)
        {
            return Fail(sink, fileName);
        }

        var spec = SpecMapper.ToSpec(doc);
        return spec.Match(
            s => FinSucc(new ExperimentConfig(name, s, toSeq(inits), SpecMapper.ToLoss(loss), training, data) { Substrate = substrate }),
            e => FinFail<ExperimentConfig>(LanguageExt.Common.Error.New(fileName + ": " + e.Message)));
    }

    private static TrainingOptions ReadTraining(ObjectReader r, int weightLayers, int delayLayers)
    {
        int epochs = r.Integer("epochs", null, 0, 1_000_000);
        int batch = r.Integer("batch_size", null, 1, 10_000_000);
        int seed = r.Integer("seed", 0, 0, int.MaxValue);
        Seq<double> weightRates = Empty, delayRates = Empty;
        var lr = r.Require("learning_rate", JsonKind.Object);
        if (lr != null)
        {
            var lrr = new ObjectReader(lr, r.At("learning_rate"), r.Sink);
            weightRates = Rates(lrr, "weights", weightLayers, required: true);
            delayRates = Rates(lrr, "delays", delayLayers, required: delayLayers > 0);
            lrr.RejectUnknown();
        }

        double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        var adam = r.Optional("adam", JsonKind.Object);
        if (adam != null)
        {
            var ar = new ObjectReader(adam, r.At("adam"), r.Sink);
            beta1 = InRange(ar, "beta1", 0.9, 0, 1, exclusiveMax: true);
            beta2 = InRange(ar, "beta2", 0.999, 0, 1, exclusiveMax: true);
            eps = InRange(ar, "eps", 1e-8, 0, double.MaxValue, exclusiveMax: false);
            ar.RejectUnknown();
        }

        double gamma = 1.0;
        int step = 1;
        var schedule = r.Optional("lr_schedule", JsonKind.Object);
        if (schedule != null)
        {
            var sr = new ObjectReader(schedule, r.At("lr_schedule"), r.Sink);
            gamma = InRange(sr, "gamma", 1.0, 0, double.MaxValue, exclusiveMax: false);
            step = sr.Integer("step_epochs", 1, 1, 1_000_000);
            sr.RejectUnknown();
        }

        var missing = r.Numbers("max_num_missing_spikes", required: false, allowInfinity: false);
        if (missing != null)
        {
            for (int i = 0; i < missing.Length; i++)
            {
                if (missing[i] < 0 || missing[i] > 1)
                {
                    r.Report(SpecCodes.BadValue, r.At("max_num_missing_spikes") + $"[{i}]", $"must be a fraction in [0, 1], got {NeuronRules.Show(missing[i])}", r.Node["max_num_missing_spikes"]);
                }
            }

            if (missing.Length != weightLayers && missing.Length != 1)
            {
                r.Report(SpecCodes.BadValue, r.At("max_num_missing_spikes"), (weightLayers == 1 ? "must have 1 entry (one per neuron layer)" : $"must have 1 or {weightLayers} entries (one per neuron layer)") + $", got {missing.Length}", r.Node["max_num_missing_spikes"]);
            }
        }

        double bump = InRange(r, "weight_bump", 0.0005, 0, double.MaxValue, exclusiveMax: false);
        double maxDw = r.Node["max_dw_norm"]?.Kind == JsonKind.Null ? double.PositiveInfinity : InRange(r, "max_dw_norm", double.PositiveInfinity, 0, double.PositiveInfinity, exclusiveMax: false, allowInfinity: true);
        double clip = r.Node["weight_clip"]?.Kind == JsonKind.Null ? double.PositiveInfinity : InRange(r, "weight_clip", double.PositiveInfinity, 0, double.PositiveInfinity, exclusiveMax: false, allowInfinity: true);
        if (clip == 0)
        {
            r.Report(SpecCodes.BadValue, r.At("weight_clip"), "must be positive (0 would clip every weight to 0; null = off), got 0", r.Node["weight_clip"]);
        }

        double noise = InRange(r, "input_noise_std", 0.0, 0, double.MaxValue, exclusiveMax: false);
        string select = r.Choice("select", "final", "final", "best_validation");
        string kernel = r.Choice("kernel", "compiled", "compiled", "runtime");
        r.RejectUnknown();
        // A config file states what it uses: no max_num_missing_spikes = no bumping, no max_dw_norm = off.
        return new TrainingOptions(epochs, batch, seed, weightRates, delayRates, beta1, beta2, eps, gamma, step, bump, maxDw, clip, noise, select == "best_validation", kernel == "runtime" ? KernelChoice.Runtime : KernelChoice.Compiled)
        {
            MaxMissingSpikes = missing == null ? Empty : toSeq(missing),
        };
    }

    private static Seq<double> Rates(ObjectReader r, string key, int layers, bool required)
    {
        var node = r.Get(key);
        if (node == null)
        {
            if (required)
            {
                r.Report(SpecCodes.MissingKey, r.At(key), "missing (a number, or one number per layer)", null);
            }

            return Empty;
        }

        double[]? values = node.Kind == JsonKind.Number ? [node.Number] : node.Kind == JsonKind.Array ? r.ReadNumbers(node, r.At(key), false) : null;
        if (values == null)
        {
            r.Report(SpecCodes.BadValue, r.At(key), "must be a number or an array of numbers, got " + node.KindName, node);
            return Empty;
        }

        if (values.Length != 1 && values.Length != layers)
        {
            r.Report(SpecCodes.BadValue, r.At(key), (layers <= 1 ? "must have 1 entry" : $"must have 1 or {layers} entries") + $", got {values.Length}", node);
        }

        foreach (var v in values)
        {
            if (!(v >= 0) || !double.IsFinite(v))
            {
                r.Report(SpecCodes.BadValue, r.At(key), $"learning rates must be finite and non-negative, got {NeuronRules.Show(v)}", node);
            }
        }

        return toSeq(values);
    }

    private static DataOptions ReadData(ObjectReader r)
    {
        string dataset = r.Choice("dataset", DataOptions.YinYang, DataOptions.YinYang, "mnist", "mnist16");
        var d = new DataOptions();
        if (dataset != DataOptions.YinYang)
        {
            // MNIST's splits are fixed (train 50,000, validation 10,000, test 10,000): no sizes or seeds to set.
            double mEarly = r.Number("early", d.Early), mLate = r.Number("late", d.Late);
            r.RejectUnknown();
            return LaterThanEarly(r, mEarly, mLate) ? d with { Dataset = dataset, Early = mEarly, Late = mLate } : d;
        }

        (int, int) Split(string key, int size, int seed)
        {
            var node = r.Optional(key, JsonKind.Object);
            if (node == null)
            {
                return (size, seed);
            }

            var sr = new ObjectReader(node, r.At(key), r.Sink);
            var result = (sr.Integer("size", size, 1, 100_000_000), sr.Integer("seed", seed, 0, int.MaxValue));
            sr.RejectUnknown();
            return result;
        }

        var (trainSize, trainSeed) = Split("train", d.TrainSize, d.TrainSeed);
        var (valSize, valSeed) = Split("validation", d.ValidationSize, d.ValidationSeed);
        var (testSize, testSeed) = Split("test", d.TestSize, d.TestSeed);
        double early = r.Number("early", d.Early), late = r.Number("late", d.Late);
        LaterThanEarly(r, early, late);
        r.RejectUnknown();
        return new DataOptions(trainSize, trainSeed, valSize, valSeed, testSize, testSeed, early, late);
    }

    // The encoding's time window: spike times are not negative, and an absurd late time trains to nothing.
    private static bool LaterThanEarly(ObjectReader r, double early, double late)
    {
        if (!(early >= 0 && early <= TrainableRanges.Limit))
        {
            r.Report(SpecCodes.BadValue, r.At("early"), $"must be in [0, {NeuronRules.Show(TrainableRanges.Limit)}] (spike times are not negative), got {NeuronRules.Show(early)}", r.Node["early"]);
            return false;
        }

        if (!(late > early && late <= TrainableRanges.Limit))
        {
            r.Report(SpecCodes.BadValue, r.At("late"), $"must be later than early ({NeuronRules.Show(early)}) and at most {NeuronRules.Show(TrainableRanges.Limit)}, got {NeuronRules.Show(late)}", r.Node["late"]);
            return false;
        }

        return true;
    }

    private static double InRange(ObjectReader r, string key, double fallback, double min, double max, bool exclusiveMax, bool allowInfinity = false)
    {
        double v = r.Number(key, fallback, allowInfinity);
        if (!double.IsNaN(v) && (v < min || v > max || (exclusiveMax && v == max)))
        {
            r.Report(SpecCodes.BadValue, r.At(key), $"must be in [{NeuronRules.Show(min)}, {NeuronRules.Show(max)}{(exclusiveMax ? ")" : "]")}, got {NeuronRules.Show(v)}", r.Node[key]);
        }

        return v;
    }

    private static Fin<ExperimentConfig> Fail(IEnumerable<SpecDiagnostic> ds, string file) => FinFail<ExperimentConfig>(SpecMapper.ToError(ds, file));
}
