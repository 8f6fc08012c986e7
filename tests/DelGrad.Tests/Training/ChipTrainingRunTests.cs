using System.Text;
using DelGrad.Effects.Runtimes;
using DelGrad.Effects.Training;
using DelGrad.Serialization;
using DelGrad.Training;

namespace DelGrad.Tests.Training;

public class ChipTrainingRunTests
{
    private static ExperimentConfig Small(int epochs) =>
        TrainingSmokeTests.Load("yinyang-bss2-wa") switch
        {
            var c => c with
            {
                Training = c.Training with { Epochs = epochs },
                Data = c.Data with { TrainSize = 200, ValidationSize = 80, TestSize = 80 },
            },
        };

    private static string Text(TestRuntime rt, string path) => Encoding.UTF8.GetString(rt.Env.Files.All[path]);

    [Fact]
    public void ChipInTheLoopOnTheOneTrainerGivesTheBitsOfTheFormerChipTrainer()
    {
        // model.json of `delgrad train yinyang-bss2-wa --epochs 2 --threads 2`, recorded with the separate ChipTrainer
        // (commit 404488b) before chip-in-the-loop became the Trainer's ChipForward source.
        const string Recorded = "3d325e47ac5533f473aac11d7e34c5228d9bad65bcbbc043409bdcab29a4881c";
        var config = TrainingSmokeTests.Load("yinyang-bss2-wa");
        var fit = Trainer.Fit(config with { Training = config.Training with { Epochs = 2 } }, threads: 2);
        string json = fit.Model.ToJson();
        Assert.Equal(Recorded, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(json))));
    }

    [Fact]
    public void AConfigWithASubstrateTrainsChipInTheLoopAndReportsChipTime()
    {
        var rt = TestRuntime.New();
        var summary = TrainingRun<TestRuntime>.Start(Small(2), "run", threads: 1).Run(rt).ThrowIfFail();
        Assert.Equal(2, summary.Epochs);
        string json = Text(rt, "run/summary.json");
        Assert.Contains("\"substrate\": \"bss2\"", json, StringComparison.Ordinal);

        // Two epochs of (200 train + 80 validation) samples plus 80 test samples, 180 us each.
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(((2 * 280) + 80) * 180e-6, doc.RootElement.GetProperty("chip_seconds").GetDouble(), 1e-12);
        Assert.Equal(1.0 / 180e-6, doc.RootElement.GetProperty("chip_samples_per_second").GetDouble(), 1e-6);
        Assert.Contains("\"host_samples_per_second\"", json, StringComparison.Ordinal);
        Assert.Contains(rt.Env.Progress.Lines, l => l.Contains("chip-in-the-loop", StringComparison.Ordinal));
        Assert.Contains("\"substrate\"", Text(rt, "run/config.json"), StringComparison.Ordinal);
    }

    [Fact]
    public void AResumedChipRunIsBitIdenticalToAnUninterruptedOne()
    {
        var straight = TestRuntime.New();
        TrainingRun<TestRuntime>.Start(Small(2), "run", threads: 1).Run(straight).ThrowIfFail();
        var split = TestRuntime.New();
        TrainingRun<TestRuntime>.Start(Small(1), "run", threads: 3).Run(split).ThrowIfFail();
        TrainingRun<TestRuntime>.Resume("run", threads: 2, epochs: 2).Run(split).ThrowIfFail();
        Assert.Equal(Text(straight, "run/model.json"), Text(split, "run/model.json"));
    }
}
