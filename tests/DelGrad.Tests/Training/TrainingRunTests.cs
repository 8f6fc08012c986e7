using DelGrad.Effects.Runtimes;
using DelGrad.Effects.Training;
using DelGrad.Serialization;
using DelGrad.Training;

namespace DelGrad.Tests.Training;

public class TrainingRunTests
{
    private static ExperimentConfig Small(string name = "yinyang-h30-ws", int epochs = 3) =>
        TrainingSmokeTests.Load(name) switch
        {
            var c => c with
            {
                Training = c.Training with { Epochs = epochs },
                Data = c.Data with { TrainSize = 600, ValidationSize = 150, TestSize = 150 },
            },
        };

    private static byte[] File(TestRuntime rt, string path) => rt.Env.Files.All[path];

    // The run's last checkpoint with its metrics, as resume reads it.
    private static Serialization.Checkpoint Checkpoint(TestRuntime rt, string runDir) =>
        RunCheckpoint<TestRuntime>.Load(runDir, Small(), 420).Run(rt).ThrowIfFail().IfNone(() => throw new InvalidOperationException("no checkpoint"));

    [Fact]
    public void ResumeAfterInterruptionIsBitIdenticalToAnUninterruptedRun()
    {
        var straight = TestRuntime.New();
        var a = TrainingRun<TestRuntime>.Start(Small(epochs: 3), "run", threads: 1).Run(straight).ThrowIfFail();

        // The interrupted run: cancelled after 2 epochs (cancellation is checked between epochs).
        var interrupted = TestRuntime.New();
        var two = TrainingRun<TestRuntime>.Start(Small(epochs: 2), "run", threads: 2).Run(interrupted);
        Assert.True(two.IsSucc);
        interrupted.CancellationTokenSource.Cancel();
        var stopped = TrainingRun<TestRuntime>.Resume("run", threads: 2, epochs: 3).Run(interrupted);
        Assert.True(stopped.IsFail);
        Assert.Contains("interrupted after epoch 2", stopped.Match(_ => "", e => e.Message));

        var resumedRuntime = TestRuntime.New();
        foreach (var (path, bytes) in interrupted.Env.Files.All)
        {
            resumedRuntime.Env.Files.CreateDirectory(Path.GetDirectoryName(path)!);
            resumedRuntime.Env.Files.WriteAtomic(path, bytes);
        }

        var b = TrainingRun<TestRuntime>.Resume("run", threads: 2, epochs: 3).Run(resumedRuntime).ThrowIfFail();
        Assert.Equal(File(straight, "run/model.json"), File(resumedRuntime, "run/model.json"));
        Assert.Equal(a.TestAccuracy, b.TestAccuracy);
        Assert.Equal(a.TestLoss, b.TestLoss);
        var ca = Checkpoint(straight, "run");
        var cb = Checkpoint(resumedRuntime, "run");
        Assert.Equal(ca.Metrics, cb.Metrics);
        Assert.Equal(ca.State.Adam.M, cb.State.Adam.M);
    }

    [Theory]
    [InlineData("yinyang-h30-ws")]
    [InlineData("yinyang-fastanddeep")]
    [InlineData("yinyang-h30-wd")]
    public void ThreadCountNeverChangesTheResult(string name)
    {
        var config = Small(name, epochs: 2);
        var splits = Splits.YinYang(config.Data);
        var one = new Trainer(config, 1);
        var four = new Trainer(config, 4);
        var s1 = one.Initial();
        var s4 = four.Initial();
        for (int e = 0; e < 2; e++)
        {
            (s1, var m1) = one.Epoch(s1, splits.Train, splits.Validation);
            (s4, var m4) = four.Epoch(s4, splits.Train, splits.Validation);
            Assert.Equal(m1, m4);
        }

        Assert.Equal(s1.Parameters, s4.Parameters);
    }

    [Fact]
    public void ARunWritesEveryArtifactAndReportsProgress()
    {
        var rt = TestRuntime.New();
        var summary = TrainingRun<TestRuntime>.Start(Small(epochs: 2), "out", threads: 2).Run(rt).ThrowIfFail();
        foreach (var f in new[] { "config.json", "checkpoint.json", "model.json", "summary.json", "metrics.csv", "metrics.json", "loss.png", "accuracy.png", "yinyang-test.png", "spike-times.png", "confusion.png", "weights.png", "delays.png", "decision.png" })
        {
            Assert.True(rt.Env.Files.FileExists("out/" + f), f);
        }

        Assert.Equal(3, System.Text.Encoding.UTF8.GetString(File(rt, "out/metrics.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains(rt.Env.Progress.Lines, l => l.StartsWith("epoch    2/2", StringComparison.Ordinal));
        Assert.Equal(1.0, summary.SecondsPerEpoch, 6); // the test clock advances 1 s per reading
        Assert.InRange(summary.TestAccuracy, 0.0, 1.0);

        // The model file reads back to the same parameters and evaluates to the reported accuracy.
        var (config, parameters) = Serialization.CheckpointFormat.ReadModel(System.Text.Encoding.UTF8.GetString(File(rt, "out/model.json")), "model.json").ThrowIfFail();
        var test = new Trainer(config, 1).Evaluate(parameters, Splits.YinYang(config.Data).Test);
        Assert.Equal(summary.TestAccuracy, test.Accuracy);
    }

    [Fact]
    public void StartingOverAnExistingRunIsRefusedAndLeavesItUntouched()
    {
        var rt = TestRuntime.New();
        TrainingRun<TestRuntime>.Start(Small(epochs: 1), "out", threads: 1).Run(rt).ThrowIfFail();
        var before = File(rt, "out/model.json");
        var again = TrainingRun<TestRuntime>.Start(Small(epochs: 1), "out", threads: 1).Run(rt);
        Assert.True(again.IsFail);
        Assert.Contains("already holds a run", again.Match(_ => "", e => e.Message));
        Assert.Equal(before, File(rt, "out/model.json"));
    }

    [Fact]
    public void ACorruptCheckpointIsReportedNotThrown()
    {
        var rt = TestRuntime.New();
        TrainingRun<TestRuntime>.Start(Small(epochs: 1), "out", threads: 1).Run(rt).ThrowIfFail();
        rt.Env.Files.WriteAtomic("out/checkpoint.json", "{\"format\": \"delgrad-checkpoint-1\", \"epoch\": 1, \"parameters\": [1, 2"u8.ToArray());
        var resumed = TrainingRun<TestRuntime>.Resume("out", threads: 1, epochs: 2).Run(rt);
        Assert.True(resumed.IsFail);
        Assert.Contains("corrupt checkpoint", resumed.Match(_ => "", e => e.Message));
    }

    [Fact]
    public void ConfigRoundTripsThroughTheWriter()
    {
        foreach (var name in new[] { "yinyang-h30-ws", "yinyang-fastanddeep", "yinyang-h30-wa", "yinyang-h30-w", "yinyang-h30-wd", "yinyang-h5-ws" })
        {
            var config = TrainingSmokeTests.Load(name);
            var again = ConfigReader.Parse(Serialization.ConfigWriter.Write(config), "x.json").ThrowIfFail();
            Assert.Equal(config, again);
        }
    }

    [Fact]
    public void BestValidationSelectionSurvivesResumeAndIsTheReportedModel()
    {
        var config = Small(epochs: 4) with { };
        config = config with { Training = config.Training with { KeepBestValidation = true } };
        var straight = TestRuntime.New();
        TrainingRun<TestRuntime>.Start(config, "run", threads: 1).Run(straight).ThrowIfFail();

        var split = TestRuntime.New();
        var two = config with { Training = config.Training with { Epochs = 2 } };
        TrainingRun<TestRuntime>.Start(two, "run", threads: 2).Run(split).ThrowIfFail();
        TrainingRun<TestRuntime>.Resume("run", threads: 2, epochs: 4).Run(split).ThrowIfFail();
        Assert.Equal(File(straight, "run/model.json"), File(split, "run/model.json"));

        var checkpoint = Checkpoint(straight, "run");
        var (_, model) = Serialization.CheckpointFormat.ReadModel(System.Text.Encoding.UTF8.GetString(File(straight, "run/model.json")), "m").ThrowIfFail();
        Assert.Equal(checkpoint.State.BestParameters, model);
        Assert.Equal(checkpoint.Metrics.Max(m => m.ValidationAccuracy), checkpoint.State.BestValidationAccuracy);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheSummaryTestsBothTheLastAndTheBestValidationNetwork(bool keepBest)
    {
        var config = Small(epochs: 4);
        config = config with { Training = config.Training with { KeepBestValidation = keepBest } };
        var rt = TestRuntime.New();
        var summary = TrainingRun<TestRuntime>.Start(config, "run", threads: 1).Run(rt).ThrowIfFail();
        var selection = summary.Selection!;
        Assert.Equal(keepBest ? "best_validation" : "final", selection.Selected);
        Assert.Equal(keepBest ? selection.BestValidationTestAccuracy : selection.FinalTestAccuracy, summary.TestAccuracy);

        // Recomputed from the checkpoint: the last parameters and the kept best ones, each on the test split.
        var checkpoint = Checkpoint(rt, "run");
        var trainer = new Trainer(config, 1);
        var test = Splits.YinYang(config.Data).Test;
        Assert.Equal(trainer.Evaluate(checkpoint.State.Parameters, test).Accuracy, selection.FinalTestAccuracy);
        Assert.Equal(trainer.Evaluate(checkpoint.State.BestParameters!, test).Accuracy, selection.BestValidationTestAccuracy);
        Assert.Equal(checkpoint.State.BestValidationAccuracy, selection.BestValidationAccuracy);
        Assert.Equal(checkpoint.Metrics.First(m => m.ValidationAccuracy == selection.BestValidationAccuracy).Epoch, selection.BestValidationEpoch);

        // What 'delgrad report' reads back from the files.
        string Text(string path) => System.Text.Encoding.UTF8.GetString(File(rt, path));
        var record = RunRecordReader.Read("run", Text("run/summary.json"), "run/summary.json", Text("run/metrics.csv"), "run/metrics.csv").ThrowIfFail();
        Assert.Equal((summary.TestAccuracy, selection.BestValidationTestAccuracy, 4), (record.TestAccuracy, record.TestAccuracyBestValidation, record.Epochs));
        Assert.Equal(checkpoint.Metrics.Last.TrainAccuracy, record.TrainAccuracy);
        Assert.Equal(checkpoint.Metrics.Sum(m => m.Bumps), record.Bumps);
    }
}
