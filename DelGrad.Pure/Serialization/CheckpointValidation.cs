using DelGrad.Model;
using DelGrad.Specs;
using DelGrad.Specs.Format;
using DelGrad.Training;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace DelGrad.Serialization;

/// <summary>
/// The one check of a checkpoint against the config it continues: what <see cref="CheckpointFormat.Read"/>
/// cannot see from the file alone (non-negative Adam second moments, a bumped layer that exists, a finite
/// non-negative bump value, a best validation accuracy that the metrics reached, or -1) and its metrics: one row and
/// wall time per epoch numbered 1..epoch meeting <see cref="MetricsLog.RowProblems"/> (accuracies in [0, 1], ...),
/// inline in a format-1 checkpoint, in metrics.csv beside a format-2 one (<see cref="MetricsLog.Read"/>: whole rows
/// up to the checkpoint's epoch). A checkpoint that fails it would resume into NaN, duplicate metrics rows or an
/// index error; it is refused with one line per problem naming the file, line, column and field.
/// </summary>
public static class CheckpointValidation
{
    /// <summary>
    /// Reads a checkpoint for <paramref name="config"/>'s network (<paramref name="parameterCount"/> parameters) and its
    /// metrics, and validates both. <paramref name="metricsText"/> is the run's metrics.csv (null when there is none),
    /// read for a format-2 checkpoint only; a format-1 checkpoint carries its rows inline.
    /// </summary>
    public static Fin<Checkpoint> Read(string text, string fileName, string? metricsText, string metricsFile, ExperimentConfig config, int parameterCount) =>
        from read in CheckpointFormat.ReadWithFormat(text, fileName, parameterCount)
        from withMetrics in read.InlineMetrics
            ? FinSucc(read.Checkpoint)
            : metricsText is null
                ? FinFail<Checkpoint>(Error.New($"{metricsFile}: missing: the checkpoint ({fileName}, epoch {read.Checkpoint.State.Epoch}) keeps its metrics there [{SpecCodes.MissingKey}]"))
                : MetricsLog.Read(metricsText, metricsFile, read.Checkpoint.State.Epoch).Map(rows => read.Checkpoint with { Metrics = rows.Metrics, WallSeconds = rows.WallSeconds })
        from valid in Validate(text, fileName, withMetrics, config)
        select valid;

    private static Fin<Checkpoint> Validate(string text, string fileName, Checkpoint c, ExperimentConfig config)
    {
        var problems = Problems(c, config);
        if (problems.IsEmpty)
        {
            return FinSucc(c);
        }

        var root = JsonParser.TryParse(text, out _);
        var diagnostics = problems.Map(p =>
        {
            var at = root == null ? null : Locate(root, p.Key);
            return new SpecDiagnostic(SpecCodes.BadValue, p.Key, p.Key + ": " + p.Problem, at?.Line ?? 0, at?.Column ?? 0);
        });
        return FinFail<Checkpoint>(SpecMapper.ToError(diagnostics, fileName));
    }

    /// <summary>
    /// Every problem of <paramref name="c"/> as a continuation of <paramref name="config"/>: (field path in a
    /// checkpoint file, what is wrong). Metrics rows are named as a format-1 checkpoint holds them
    /// (<c>metrics[row][column]</c>, <c>wall_seconds[row]</c>).
    /// </summary>
    public static Seq<(string Key, string Problem)> Problems(Checkpoint c, ExperimentConfig config)
    {
        var problems = new List<(string, string)>();
        var s = c.State;
        int neuronLayers = config.Network.Layers.Count(l => l is NeuronLayer);
        void Each(string key, ReadOnlySpan<double> values, Func<double, bool> ok, string rule)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (!ok(values[i]))
                {
                    problems.Add(($"{key}[{i}]", $"{rule}, got {NeuronRules.Show(values[i])}"));
                    return;
                }
            }
        }

        Each("parameters", s.Parameters.Values, double.IsFinite, "must be finite");
        Each("adam.m", s.Adam.M, double.IsFinite, "must be finite");
        Each("adam.v", s.Adam.V, v => v >= 0 && double.IsFinite(v), "must be a finite second moment >= 0");
        if (s.BestParameters is { } best)
        {
            Each("best_parameters", best.Values, double.IsFinite, "must be finite");
        }

        if (s.LastBumpedLayer < -1 || s.LastBumpedLayer >= neuronLayers)
        {
            problems.Add(("last_bumped_layer", $"must be -1 (none) or a neuron layer index 0..{neuronLayers - 1}, got {s.LastBumpedLayer}"));
        }

        if (!(s.BumpValue >= 0) || !double.IsFinite(s.BumpValue))
        {
            problems.Add(("bump_value", $"must be finite and >= 0, got {NeuronRules.Show(s.BumpValue)}"));
        }

        if (c.Metrics.Count != s.Epoch)
        {
            problems.Add(("metrics", $"must have one row per epoch trained ({s.Epoch}), got {c.Metrics.Count}"));
        }

        if (c.WallSeconds.Count != s.Epoch)
        {
            problems.Add(("wall_seconds", $"must have one entry per epoch trained ({s.Epoch}), got {c.WallSeconds.Count}"));
        }

        int row = 0;
        foreach (var m in c.Metrics)
        {
            double wall = row < c.WallSeconds.Count ? c.WallSeconds[row] : 0;
            foreach (var (column, problem) in MetricsLog.RowProblems(m, wall, row + 1))
            {
                string key = column switch
                {
                    MetricsLog.WallColumn => $"wall_seconds[{row}]",
                    MetricsLog.BumpsColumn => $"metrics[{row}][6]",
                    _ => $"metrics[{row}][{column}]",
                };
                problems.Add((key, $"{MetricsLog.Columns[column]} {problem}"));
            }

            row++;
        }

        // -1 = not tracked (before the first epoch, and in chip runs); otherwise what the metrics reached.
        double reached = c.Metrics.IsEmpty ? -1 : c.Metrics.Max(m => m.ValidationAccuracy);
        if (s.BestValidationAccuracy != -1 && s.BestValidationAccuracy != reached)
        {
            problems.Add(("best_validation_accuracy", $"must be -1 (not tracked) or the best validation accuracy of the metrics ({NeuronRules.Show(reached)}), got {NeuronRules.Show(s.BestValidationAccuracy)}"));
        }

        return toSeq(problems);
    }

    /// <summary>The node a field path such as <c>adam.v[3]</c> or <c>metrics[2][4]</c> names (null when absent).</summary>
    private static JsonNode? Locate(JsonNode root, string key)
    {
        JsonNode? node = root;
        foreach (var part in key.Split('.'))
        {
            int bracket = part.IndexOf('[', StringComparison.Ordinal);
            node = node?[bracket < 0 ? part : part[..bracket]];
            for (int i = bracket; node != null && i >= 0 && i < part.Length; i = part.IndexOf('[', i + 1))
            {
                int end = part.IndexOf(']', i);
                int index = int.Parse(part.AsSpan(i + 1, end - i - 1), System.Globalization.CultureInfo.InvariantCulture);
                node = node.Kind == JsonKind.Array && index < node.Items.Count ? node.Items[index] : null;
            }
        }

        return node;
    }
}
