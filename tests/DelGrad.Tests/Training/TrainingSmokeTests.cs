using DelGrad.Tests.Data;
using DelGrad.Training;
using Xunit.Abstractions;

namespace DelGrad.Tests.Training;

public class TrainingSmokeTests(ITestOutputHelper output)
{
    internal static ExperimentConfig Load(string name) =>
        ConfigReader.Parse(File.ReadAllText(Path.Combine(ReferenceFiles.RepositoryRoot(), "configs", name + ".json")), name + ".json").ThrowIfFail();

    [Theory]
    [InlineData("yinyang-h30-ws")]
    [InlineData("yinyang-fastanddeep")]
    public void ShortRunLowersLossAndBeatsChance(string name)
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
        Assert.True(last.ValidationAccuracy > 0.45, $"validation accuracy {last.ValidationAccuracy}");
    }
}
