using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using DelGrad.Effects.Runtimes;
using DelGrad.Effects.Training;
using DelGrad.Serialization;
using DelGrad.Training;
using LanguageExt;

namespace DelGrad.Tests.Training;

public class RunCheckpointTests
{
    private static readonly string[] Finished = ["run/model.json", "run/summary.json", "run/metrics.csv", "run/metrics.json", "run/checkpoint.json"];

    // A short H30-WS run on small Yin-Yang splits (shared with CheckpointValidationTests).
    internal static ExperimentConfig Small(int epochs) =>
        TrainingSmokeTests.Load("yinyang-h30-ws") switch
        {
            var c => c with
            {
                Training = c.Training with { Epochs = epochs },
                Data = c.Data with { TrainSize = 300, ValidationSize = 100, TestSize = 100 },
            },
        };

    internal static string Text(TestRuntime rt, string path) => Encoding.UTF8.GetString(rt.Env.Files.All[path]);

    // What 'train --seeds' does with a folder: resume a started run, start one that has no checkpoint yet.
    private static Fin<RunSummary> TrainOrResume(TestRuntime rt, ExperimentConfig config) =>
        rt.Env.Files.FileExists("run/checkpoint.json")
            ? TrainingRun<TestRuntime>.Resume("run", threads: 2).Run(rt)
            : TrainingRun<TestRuntime>.Start(config, "run", threads: 2).Run(rt);

    [Fact]
    public void AStopAtAnyWriteLeavesARunThatResumesToTheSameFiles()
    {
        var config = Small(epochs: 3);
        var straight = TestRuntime.New();
        straight.Env.Files.WritesBeforeCrash = int.MaxValue;
        TrainingRun<TestRuntime>.Start(config, "run", threads: 2).Run(straight).ThrowIfFail();
        int writes = int.MaxValue - straight.Env.Files.WritesBeforeCrash!.Value;
        Assert.True(writes >= 10, $"{writes} writes");

        // Stop at every write of the run (an append stops half-written), then resume on what is left.
        for (int stopAt = 0; stopAt < writes; stopAt++)
        {
            var rt = TestRuntime.New();
            rt.Env.Files.WritesBeforeCrash = stopAt;
            Assert.True(TrainingRun<TestRuntime>.Start(config, "run", threads: 2).Run(rt).IsFail);
            rt.Env.Files.WritesBeforeCrash = null;
            TrainOrResume(rt, config).ThrowIfFail();
            foreach (var file in Finished)
            {
                Assert.True(Text(straight, file) == Text(rt, file), $"stopped at write {stopAt}: {file} differs");
            }
        }
    }

    // Epochs of 0.2 s (two clock readings of 0.1 s each): the state is written after epoch 1, then at most once a second,
    // and after the last epoch; every epoch still appends its row. A run stopped at any write, with rows on disk beyond its
    // state, resumes to the state and model of the run that was never stopped.
    [Fact]
    public void TheStateIsWrittenAtMostOnceASecondAndAStopAnywhereResumesToTheSameState()
    {
        var config = Small(epochs: 12);
        var everyEpoch = TestRuntime.New(); // one second per clock reading: a state after every epoch
        TrainingRun<TestRuntime>.Start(config, "run", threads: 1).Run(everyEpoch).ThrowIfFail();
        Assert.Equal(12, everyEpoch.Env.Files.Writes.Count(p => p == "run/checkpoint.json"));

        var fast = TestRuntime.New();
        fast.Env.Clock.Step = 0.1;
        fast.Env.Files.WritesBeforeCrash = int.MaxValue;
        TrainingRun<TestRuntime>.Start(config, "run", threads: 1).Run(fast).ThrowIfFail();
        int writes = int.MaxValue - fast.Env.Files.WritesBeforeCrash!.Value;
        int states = fast.Env.Files.Writes.Count(p => p == "run/checkpoint.json");
        Assert.InRange(states, 3, 5);
        Assert.Equal(1 + 12, fast.Env.Files.Writes.Count(p => p == "run/metrics.csv")); // the header, then a row per epoch
        foreach (var file in new[] { "run/checkpoint.json", "run/model.json" })
        {
            Assert.Equal(Text(everyEpoch, file), Text(fast, file));
        }

        for (int stopAt = 0; stopAt < writes; stopAt++)
        {
            var rt = TestRuntime.New();
            rt.Env.Clock.Step = 0.1;
            rt.Env.Files.WritesBeforeCrash = stopAt;
            Assert.True(TrainingRun<TestRuntime>.Start(config, "run", threads: 1).Run(rt).IsFail);
            rt.Env.Files.WritesBeforeCrash = null;
            TrainOrResume(rt, config).ThrowIfFail();
            foreach (var file in new[] { "run/checkpoint.json", "run/model.json" })
            {
                Assert.True(Text(everyEpoch, file) == Text(rt, file), $"stopped at write {stopAt}: {file} differs");
            }
        }
    }

    // Interrupted after epoch 3 with the last state written after epoch 1 (epochs of 0.2 s): the run writes epoch 3's
    // state before it stops, so the message is true and resume continues from epoch 3 to the uninterrupted run's state.
    [Fact]
    public void AnInterruptedRunWritesTheStateItStopsAt()
    {
        var config = Small(epochs: 5);
        var straight = TestRuntime.New();
        TrainingRun<TestRuntime>.Start(config, "run", threads: 1).Run(straight).ThrowIfFail();

        var rt = TestRuntime.New();
        rt.Env.Clock.Step = 0.1;
        rt.Env.Progress.OnLine = line =>
        {
            if (line.StartsWith("epoch    3/", StringComparison.Ordinal))
            {
                rt.CancellationTokenSource.Cancel();
            }
        };
        var stopped = TrainingRun<TestRuntime>.Start(config, "run", threads: 1).Run(rt);
        Assert.Contains("interrupted after epoch 3", stopped.Match(_ => "", e => e.Message));
        Assert.Equal(2, rt.Env.Files.Writes.Count(p => p == "run/checkpoint.json")); // after epoch 1 (the first) and at the stop
        var loaded = RunCheckpoint<TestRuntime>.Load("run", config, 420).Run(rt).ThrowIfFail();
        Assert.Equal(3, loaded.Map(c => c.State.Epoch).IfNone(0));

        var resumed = TestRuntime.New();
        foreach (var (path, bytes) in rt.Env.Files.All)
        {
            resumed.Env.Files.CreateDirectory(Path.GetDirectoryName(path)!);
            resumed.Env.Files.WriteAtomic(path, bytes);
        }

        TrainingRun<TestRuntime>.Resume("run", threads: 1).Run(resumed).ThrowIfFail();
        Assert.Equal(Text(straight, "run/checkpoint.json"), Text(resumed, "run/checkpoint.json"));
    }

    [Fact]
    public void ARowAppendedAfterTheLastCheckpointIsDroppedOnResume()
    {
        var straight = TestRuntime.New();
        TrainingRun<TestRuntime>.Start(Small(epochs: 3), "run", threads: 1).Run(straight).ThrowIfFail();

        var rt = TestRuntime.New();
        TrainingRun<TestRuntime>.Start(Small(epochs: 2), "run", threads: 1).Run(rt).ThrowIfFail();
        rt.Env.Files.Append("run/metrics.csv", "3,0.5,0.5,0.5,0.5,1,0.01,0,1\n4,0.1,0."u8.ToArray());
        TrainingRun<TestRuntime>.Resume("run", threads: 1, epochs: 3).Run(rt).ThrowIfFail();
        Assert.Equal(Text(straight, "run/metrics.csv"), Text(rt, "run/metrics.csv"));
        Assert.Equal(Text(straight, "run/model.json"), Text(rt, "run/model.json"));
    }

    [Fact]
    public void ACheckpointWithItsMetricsInsideFormatOneStillResumes()
    {
        var straight = TestRuntime.New();
        TrainingRun<TestRuntime>.Start(Small(epochs: 3), "run", threads: 1).Run(straight).ThrowIfFail();

        // A run written before metrics.csv was append-only: format 1 carries the metrics; its metrics.csv is not read.
        var rt = TestRuntime.New();
        TrainingRun<TestRuntime>.Start(Small(epochs: 2), "run", threads: 1).Run(rt).ThrowIfFail();
        var two = RunCheckpoint<TestRuntime>.Load("run", Small(epochs: 2), 420).Run(rt).ThrowIfFail().IfNone(() => throw new InvalidOperationException());
        var old = JsonNode.Parse(Text(rt, "run/checkpoint.json"))!.AsObject();
        old["format"] = "delgrad-checkpoint-1";
        old["metrics"] = new JsonArray([.. two.Metrics.Map(m => (JsonNode)new JsonArray(m.Epoch, m.TrainLoss, m.TrainAccuracy, m.ValidationLoss, m.ValidationAccuracy, m.LearningRateFactor, m.Bumps))]);
        old["wall_seconds"] = new JsonArray([.. two.WallSeconds.Map(w => (JsonNode)w)]);
        rt.Env.Files.WriteAtomic("run/checkpoint.json", Encoding.UTF8.GetBytes(old.ToJsonString()));
        rt.Env.Files.WriteAtomic("run/metrics.csv", "not read"u8.ToArray());

        TrainingRun<TestRuntime>.Resume("run", threads: 1, epochs: 3).Run(rt).ThrowIfFail();
        foreach (var file in Finished.Where(f => f != "run/checkpoint.json"))
        {
            Assert.Equal(Text(straight, file), Text(rt, file));
        }
    }

    [Fact]
    public void FewerRowsThanTheCheckpointIsOneLineNamingTheFile()
    {
        var rt = TestRuntime.New();
        TrainingRun<TestRuntime>.Start(Small(epochs: 2), "run", threads: 1).Run(rt).ThrowIfFail();
        string metrics = Text(rt, "run/metrics.csv");
        rt.Env.Files.WriteAtomic("run/metrics.csv", Encoding.UTF8.GetBytes(metrics[..(metrics.IndexOf("\n2,", StringComparison.Ordinal) + 1)]));
        var resumed = TrainingRun<TestRuntime>.Resume("run", threads: 1, epochs: 3).Run(rt);
        Assert.Equal("run/metrics.csv:3:1: epoch: the checkpoint is at epoch 2, but only 1 whole rows follow the header (truncated?) [DG0009]", resumed.Match(_ => "", e => e.Message));
    }

    [Theory]
    [InlineData("epoch,train_loss\n", "run/metrics.csv:1:1: header: expected")]
    [InlineData("2,0.1,0.9,0.1,0.9,1,0.01,0,1\n", "run/metrics.csv:2:1: epoch: expected 1 (rows are epochs 1, 2, ...), got 2 [DG0009]")]
    [InlineData("1,0.1,0.9,0.1,0.9,1,0.01,0\n", "run/metrics.csv:2:1: row: expected 9 fields, got 8 [DG0009]")]
    [InlineData("1,0.1,x,0.1,0.9,1,0.01,0,1\n", "run/metrics.csv:2:7: train_accuracy: 'x' is not a number [DG0009]")]
    [InlineData("1,0.1,1.5,0.1,0.9,1,0.01,0,1\n", "run/metrics.csv:2:7: train_accuracy: must be an accuracy in [0, 1], got 1.5 [DG0009]")]
    [InlineData("1,0.1,0.9,0.1,-0.1,1,0.01,0,1\n", "run/metrics.csv:2:15: validation_accuracy: must be an accuracy in [0, 1], got -0.1 [DG0009]")]
    [InlineData("1,NaN,0.9,0.1,0.9,1,0.01,0,1\n", "run/metrics.csv:2:3: train_loss: must be a number, got NaN [DG0009]")]
    [InlineData("1,0.1,0.9,0.1,0.9,1,0.01,1.5,1\n", "run/metrics.csv:2:26: bumps: expected a whole number >= 0, got '1.5' [DG0009]")]
    [InlineData("1,0.1,0.9,0.1,0.9,1,0.01,0,-1\n", "run/metrics.csv:2:28: wall_seconds: must be finite seconds >= 0, got -1 [DG0009]")]
    [InlineData("1,0.1,0.9,0.1,0.9,1,0.01,0,1", "run/metrics.csv:2:1: epoch: the checkpoint is at epoch 1, but only 0 whole rows follow the header (truncated?) [DG0009]")]
    [InlineData("1,0.1,0.9,0.1,0.9,1,0.01,0,1\n1,0.1,0.9,0.1,0.9,1,0.01,0,1\n", "run/metrics.csv:3:1: epoch: expected 2 (rows are epochs 1, 2, ...), got 1 [DG0009]")]
    public void ABadRowIsOneLineNamingItsLineAndColumn(string rows, string expected)
    {
        string text = rows.StartsWith("epoch", StringComparison.Ordinal) ? rows : MetricsLog.Header + rows;
        var read = MetricsLog.Read(text, "run/metrics.csv", 1);
        Assert.StartsWith(expected, read.Match(_ => "", e => e.Message), StringComparison.Ordinal);
    }

    [Fact]
    public void RowsReadBackBitForBit()
    {
        // Any numbers the rows accept: losses any finite double, accuracies in [0, 1], factor and seconds >= 0.
        var value = Gen.Double.Where(double.IsFinite);
        var fraction = Gen.Double[0, 1];
        var positive = value.Select(Math.Abs);
        Gen.Select(Gen.Select(value, fraction, value, fraction, positive), Gen.Int[0, 1000], positive, Gen.Int[1, 5]).Sample((m, bumps, wall, epochs) =>
        {
            var metrics = LanguageExt.Prelude.toSeq(Enumerable.Range(1, epochs).Select(e => new EpochMetrics(e, m.Item1, m.Item2, m.Item3, m.Item4, m.Item5, bumps)));
            var walls = LanguageExt.Prelude.toSeq(Enumerable.Repeat(wall, epochs));
            var (readMetrics, readWalls) = MetricsLog.Read(MetricsLog.Text(metrics, walls, 0.01), "m.csv", epochs).ThrowIfFail();
            Assert.Equal(metrics, readMetrics);
            Assert.Equal(walls.Map(BitConverter.DoubleToInt64Bits), readWalls.Map(BitConverter.DoubleToInt64Bits));
        });
    }
}
