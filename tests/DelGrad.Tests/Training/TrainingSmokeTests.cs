using DelGrad.Serialization;
using DelGrad.Tests.Data;
using DelGrad.Training;
using Xunit.Abstractions;

namespace DelGrad.Tests.Training;

public class TrainingSmokeTests(ITestOutputHelper output)
{
    internal static ExperimentConfig Load(string name) =>
        ConfigReader.Parse(File.ReadAllText(Path.Combine(ReferenceFiles.RepositoryRoot(), "configs", name + ".json")), name + ".json").ThrowIfFail();

    // Plumbing only: four short epochs on a small split must lower the loss and beat chance (1/3 on three classes) by a
    // margin. This guards the wiring of trainer, data and kernels, not accuracy: the real accuracy checks are the
    // scripts' full runs and the README's tables (docs/yinyang-accuracy-seeds.csv).
    internal const double PlumbingSmokeAccuracyFloor = 0.45;

    [Theory]
    [InlineData("yinyang-h30-ws")]
    [InlineData("yinyang-fastanddeep")]
    public void PlumbingSmokeShortRunLowersLossAndBeatsChance(string name)
    {
        var config = Load(name);
        config = config with { Data = config.Data with { TrainSize = 1500, ValidationSize = 300, TestSize = 300 } };
        var splits = Splits.YinYang(config.Data);
        var trainer = new Trainer(config, threads: 2);
        var state = trainer.Initial();
        double before = trainer.Evaluate(state.Parameters, splits.Validation).Loss;
        EpochMetrics? last = null;
        for (int e = 0; e < 4; e++)
        {
            (state, last) = trainer.Epoch(state, splits.Train, splits.Validation);
            output.WriteLine($"{last}");
        }

        Assert.True(last!.ValidationLoss < before, $"validation loss {before} -> {last.ValidationLoss}");
        Assert.True(last.ValidationAccuracy > PlumbingSmokeAccuracyFloor, $"validation accuracy {last.ValidationAccuracy} (plumbing smoke floor {PlumbingSmokeAccuracyFloor})");
    }
}
