using System.Text;
using System.Text.Json.Nodes;
using DelGrad.Effects.Runtimes;
using DelGrad.Effects.Training;
using DelGrad.Serialization;
using DelGrad.Training;

namespace DelGrad.Tests.Training;

/// <summary>
/// Resume validates what it continues from, in both checkpoint formats: the training state in checkpoint.json, and
/// the metrics (one row per epoch up to the checkpoint's, accuracies in [0, 1], no truncated rows) in metrics.csv for
/// format 2 or inline for format 1; every problem one line naming file, line, column and field.
/// </summary>
public class CheckpointValidationTests
{
    private static ExperimentConfig Small(int epochs) => RunCheckpointTests.Small(epochs);

    private static string Text(TestRuntime rt, string path) => RunCheckpointTests.Text(rt, path);

    private static void Put(TestRuntime rt, string path, string text) => rt.Env.Files.WriteAtomic(path, Encoding.UTF8.GetBytes(text));

    // A run stopped after 2 of 3 epochs (format 2: state in checkpoint.json, rows in metrics.csv).
    private static TestRuntime Stopped()
    {
        var rt = TestRuntime.New();
        TrainingRun<TestRuntime>.Start(Small(epochs: 2), "run", threads: 1).Run(rt).ThrowIfFail();
        return rt;
    }

    private static string Resume(TestRuntime rt) =>
        TrainingRun<TestRuntime>.Resume("run", threads: 1, epochs: 3).Run(rt).Match(_ => "(resumed)", e => e.Message);

    // metrics.csv with one field of one row replaced.
    private static string WithField(string csv, int row, int column, string value)
    {
        var lines = csv.Split('\n');
        var fields = lines[row].Split(',');
        fields[column] = value;
        lines[row] = string.Join(',', fields);
        return string.Join('\n', lines);
    }

    [Fact]
    public void AValidFormatTwoRunResumes()
    {
        var rt = Stopped();
        Assert.Equal("(resumed)", Resume(rt));
        Assert.Equal(4, Text(rt, "run/metrics.csv").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData(2, 2, "1.5", "run/metrics.csv:3:", "train_accuracy: must be an accuracy in [0, 1], got 1.5 [DG0009]")]
    [InlineData(1, 4, "-0.25", "run/metrics.csv:2:", "validation_accuracy: must be an accuracy in [0, 1], got -0.25 [DG0009]")]
    [InlineData(2, 0, "1", "run/metrics.csv:3:1:", "epoch: expected 2 (rows are epochs 1, 2, ...), got 1 [DG0009]")]
    [InlineData(1, 5, "-1", "run/metrics.csv:2:", "learning_rate_factor: must be finite and >= 0, got -1 [DG0009]")]
    public void ABadMetricsRowOfAFormatTwoCheckpointIsNamedByLineAndColumn(int row, int column, string value, string at, string problem)
    {
        var rt = Stopped();
        Put(rt, "run/metrics.csv", WithField(Text(rt, "run/metrics.csv"), row, column, value));
        string message = Resume(rt);
        Assert.StartsWith(at, message, StringComparison.Ordinal);
        Assert.EndsWith(problem, message, StringComparison.Ordinal);
        Assert.Matches(@"^run/metrics\.csv:\d+:\d+: ", message);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void ATruncatedRowOrAMissingFileIsRefused()
    {
        var rt = Stopped();
        string csv = Text(rt, "run/metrics.csv");
        Put(rt, "run/metrics.csv", csv[..^5]);
        Assert.Equal("run/metrics.csv:3:1: epoch: the checkpoint is at epoch 2, but only 1 whole rows follow the header (truncated?) [DG0009]", Resume(rt));
        Assert.Equal(csv[..^5], Text(rt, "run/metrics.csv")); // refused before anything was rewritten

        var missing = Stopped();
        ((System.Collections.Generic.IDictionary<string, byte[]>)missing.Env.Files.All).Remove("run/metrics.csv");
        Assert.StartsWith("run/metrics.csv: missing: the checkpoint (run/checkpoint.json, epoch 2) keeps its metrics there", Resume(missing), StringComparison.Ordinal);
    }

    [Fact]
    public void TheStateOfAFormatTwoCheckpointIsValidatedInCheckpointJson()
    {
        var rt = Stopped();
        var c = JsonNode.Parse(Text(rt, "run/checkpoint.json"))!.AsObject();
        c["adam"]!["v"]![3] = -1.0;
        c["last_bumped_layer"] = 7;
        Put(rt, "run/checkpoint.json", c.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        var lines = Resume(rt).Split(Environment.NewLine);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^run/checkpoint\.json:\d+:\d+: adam\.v\[3\]: must be a finite second moment >= 0, got -1 \[DG0009\]$", lines[0]);
        Assert.Matches(@"^run/checkpoint\.json:\d+:\d+: last_bumped_layer: must be -1 \(none\) or a neuron layer index 0\.\.1, got 7 \[DG0009\]$", lines[1]);
    }

    [Fact]
    public void TheBestValidationAccuracyMustBeOneTheMetricsCsvReached()
    {
        var rt = Stopped();
        string csv = Text(rt, "run/metrics.csv");
        var c = JsonNode.Parse(Text(rt, "run/checkpoint.json"))!.AsObject();
        if ((double)c["best_validation_accuracy"]! == -1)
        {
            return; // the config does not track it
        }

        // Both rows' validation accuracy lowered below the recorded best: the files no longer belong together.
        Put(rt, "run/metrics.csv", WithField(WithField(csv, 1, 4, "0.001"), 2, 4, "0.002"));
        Assert.Matches(@"^run/checkpoint\.json:\d+:\d+: best_validation_accuracy: must be -1 \(not tracked\) or the best validation accuracy of the metrics \(0\.002\)", Resume(rt));
    }

    [Fact]
    public void AFormatOneCheckpointsInlineRowsMeetTheSameRules()
    {
        var rt = Stopped();
        var rows = MetricsLog.Read(Text(rt, "run/metrics.csv"), "run/metrics.csv", 2).ThrowIfFail();
        var old = JsonNode.Parse(Text(rt, "run/checkpoint.json"))!.AsObject();
        old["format"] = "delgrad-checkpoint-1";
        old["metrics"] = new JsonArray([.. rows.Metrics.Map(m => (JsonNode)new JsonArray(m.Epoch, m.TrainLoss, m.TrainAccuracy, m.ValidationLoss, m.ValidationAccuracy, m.LearningRateFactor, m.Bumps))]);
        old["wall_seconds"] = new JsonArray([.. rows.WallSeconds.Map(w => (JsonNode)w)]);
        old["metrics"]![1]![2] = 1.5;
        Put(rt, "run/checkpoint.json", old.ToJsonString());
        Put(rt, "run/metrics.csv", "not read");
        Assert.Matches(@"^run/checkpoint\.json:1:\d+: metrics\[1\]\[2\]: train_accuracy must be an accuracy in \[0, 1\], got 1\.5 \[DG0009\]$", Resume(rt));
    }
}
