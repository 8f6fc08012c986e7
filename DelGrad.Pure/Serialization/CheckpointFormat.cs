using DelGrad.Model;
using DelGrad.Specs;
using DelGrad.Specs.Format;
using DelGrad.Training;
using LanguageExt;
using static LanguageExt.Prelude;

namespace DelGrad.Serialization;

/// <summary>A run's state after an epoch: the training state (checkpoint.json) and the metrics so far (metrics.csv).</summary>
/// <param name="State">The state.</param>
/// <param name="Metrics">Metrics of every completed epoch.</param>
/// <param name="WallSeconds">Host seconds spent per epoch.</param>
public sealed record Checkpoint(TrainingState State, Seq<EpochMetrics> Metrics, Seq<double> WallSeconds);

/// <summary>Reads and writes <see cref="Checkpoint"/>s (bit-exact doubles) and model files.</summary>
public static class CheckpointFormat
{
    /// <summary>
    /// Writes the training state after an epoch (format 2: a fixed size, whatever the epoch). The metrics of the
    /// epochs so far live in the run's append-only metrics.csv, which the run reads back next to it.
    /// </summary>
    public static string Write(TrainingState s) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("format", "delgrad-checkpoint-2");
        w.WriteNumber("epoch", s.Epoch);
        JsonText.Numbers(w, "parameters", s.Parameters.Values);
        w.WriteStartObject("adam");
        w.WriteNumber("t", s.Adam.T);
        JsonText.Numbers(w, "m", s.Adam.M);
        JsonText.Numbers(w, "v", s.Adam.V);
        w.WriteEndObject();
        w.WriteNumber("last_bumped_layer", s.LastBumpedLayer);
        w.WriteNumber("bump_value", s.BumpValue);
        w.WriteNumber("best_validation_accuracy", s.BestValidationAccuracy);
        if (s.BestParameters is { } best)
        {
            JsonText.Numbers(w, "best_parameters", best.Values);
        }

        w.WriteEndObject();
    });

    /// <summary>
    /// Reads a checkpoint for a network with <paramref name="parameterCount"/> parameters: format 2 (the state; its
    /// metrics and wall seconds are empty, they are in metrics.csv) or format 1 (which carried them inline). Only the
    /// file's form is checked here; <see cref="CheckpointValidation.Read"/> checks it against the config and reads the
    /// metrics of a format-2 checkpoint.
    /// </summary>
    public static Fin<Checkpoint> Read(string text, string fileName, int parameterCount) =>
        ReadWithFormat(text, fileName, parameterCount).Map(r => r.Checkpoint);

    /// <summary>As <see cref="Read"/>, and whether the file carried its metrics inline (format 1).</summary>
    public static Fin<(Checkpoint Checkpoint, bool InlineMetrics)> ReadWithFormat(string text, string fileName, int parameterCount)
    {
        var root = JsonParser.TryParse(text, out var syntax);
        var sink = new List<SpecDiagnostic>();
        if (root == null || root.Kind != JsonKind.Object)
        {
            return FinFail<(Checkpoint, bool)>(LanguageExt.Common.Error.New($"{fileName}:{syntax?.Line ?? 1}:{syntax?.Column ?? 1}: corrupt checkpoint: {syntax?.Message ?? "not a JSON object"}"));
        }

        var r = new ObjectReader(root, "", sink);
        bool inlineMetrics = r.Choice("format", null, "delgrad-checkpoint-2", "delgrad-checkpoint-1") == "delgrad-checkpoint-1";
        int epoch = r.Integer("epoch", null, 0, int.MaxValue);
        var parameters = r.Numbers("parameters", true, false);
        var adamNode = r.Require("adam", JsonKind.Object);
        double[]? m = null, v = null;
        long t = 0;
        if (adamNode != null)
        {
            var ar = new ObjectReader(adamNode, "adam", sink);
            t = ar.Integer("t", null, 0, int.MaxValue);
            m = ar.Numbers("m", true, false);
            v = ar.Numbers("v", true, false);
            ar.RejectUnknown();
        }

        int last = r.Integer("last_bumped_layer", null, -1, 1_000_000);
        double bump = r.Number("bump_value", null);
        double bestAccuracy = r.Number("best_validation_accuracy", -1.0);
        var best = r.Numbers("best_parameters", false, false);
        var metricsNode = inlineMetrics ? r.Require("metrics", JsonKind.Array) : null;
        var wall = inlineMetrics ? r.Numbers("wall_seconds", true, false) : [];
        r.RejectUnknown();
        var metrics = new List<EpochMetrics>();
        if (metricsNode != null)
        {
            for (int i = 0; i < metricsNode.Items.Count; i++)
            {
                var row = metricsNode.Items[i].Kind == JsonKind.Array ? r.ReadNumbers(metricsNode.Items[i], $"metrics[{i}]", true) : null;
                if (row == null || row.Length != 7)
                {
                    r.Report(SpecCodes.BadValue, $"metrics[{i}]", "must be an array of 7 numbers", metricsNode.Items[i]);
                    break;
                }

                metrics.Add(new EpochMetrics((int)row[0], row[1], row[2], row[3], row[4], row[5], (int)row[6]));
            }
        }

        foreach (var (name, values) in new[] { ("parameters", parameters), ("adam.m", m), ("adam.v", v), ("best_parameters", best) })
        {
            if (values != null && values.Length != parameterCount)
            {
                r.Report(SpecCodes.BadValue, name, $"must have {parameterCount} values for this network, got {values.Length}", root);
            }
        }

        if (sink.Count > 0 || parameters == null || m == null || v == null || wall == null)
        {
            return FinFail<(Checkpoint, bool)>(LanguageExt.Common.Error.New("corrupt checkpoint: " + SpecMapper.ToError(sink, fileName).Message));
        }

        var state = new TrainingState(epoch, NetworkParameters.Own(parameters), new AdamState(m, v, t), last, bump, bestAccuracy, best == null ? null : NetworkParameters.Own(best));
        return FinSucc((new Checkpoint(state, toSeq(metrics), toSeq(wall)), inlineMetrics));
    }

    /// <summary>Reads the parameters of a model file (a config whose layers carry their values).</summary>
    public static Fin<(ExperimentConfig Config, NetworkParameters Parameters)> ReadModel(string text, string fileName)
    {
        var config = ConfigReader.Parse(text, fileName);
        if (config.IsFail)
        {
            return config.Map(_ => default((ExperimentConfig, NetworkParameters)));
        }

        var root = JsonParser.TryParse(text, out _)!;
        var sink = new List<SpecDiagnostic>();
        var layers = root["network"]!["layers"]!;
        var doc = NetworkReader.Read(layers, "network.layers", (int)root["network"]!["inputs"]!.Number, requireParameters: true, sink);
        if (sink.Count > 0)
        {
            return FinFail<(ExperimentConfig, NetworkParameters)>(SpecMapper.ToError(sink, fileName));
        }

        var c = config.ThrowIfFail();
        return SpecMapper.ToParameters(doc, c.Network).Map(p => (c, p));
    }
}
