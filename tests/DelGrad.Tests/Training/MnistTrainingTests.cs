using DelGrad.Data.Mnist;
using DelGrad.Serialization;
using DelGrad.Tests.Data.Mnist;
using DelGrad.Training;

namespace DelGrad.Tests.Training;

/// Training on MNIST-shaped data (tiny synthetic files): the coded splits' batch path and the configs.
public sealed class MnistTrainingTests
{
    public static TheoryData<string> Configs() => ["mnist16-fastanddeep", "mnist-fastanddeep", "mnist16-h128-ws", "mnist16-h256-w", "mnist16-bss2"];

    private static (ExperimentConfig Config, Splits Splits) Tiny(string name, int train = 60)
    {
        var config = TrainingSmokeTests.Load(name);
        config = config with { Training = config.Training with { BatchSize = 8 } };
        var encoding = MnistEncoding.Named(config.Data.Dataset)!;
        return (config, Splits.Mnist(MnistFixture.Parse(MnistFixture.Synthetic(train, 12)), encoding, config.Data));
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void TheConfigsParseAsTheIssueStatesAndRoundTrip(string name)
    {
        var config = TrainingSmokeTests.Load(name);
        Assert.Equal(name.StartsWith("mnist16", StringComparison.Ordinal) ? "mnist16" : "mnist", config.Data.Dataset);
        Assert.Equal(MnistEncoding.Named(config.Data.Dataset)!.Width, config.Network.Inputs);
        Assert.Equal(10, config.Network.Outputs);
        var again = ConfigReader.Parse(ConfigWriter.Write(config), name + ".json").ThrowIfFail();
        Assert.Equal(config.Data, again.Data);
        Assert.Equal(config.Training.InputNoiseStd, again.Training.InputNoiseStd);
    }

    [Fact]
    public void TheDelayFreeTwinHasTheDelayVariantsParameterBudget()
    {
        var delays = LoadConfig("mnist16-h128-ws");
        var twin = LoadConfig("mnist16-h256-w");
        Assert.Equal(delays.Network.Layout.Count, twin.Network.Layout.Count);
        Assert.Equal(delays.Training with { DelayLearningRates = twin.Training.DelayLearningRates }, twin.Training);
        Assert.Equal(delays.Loss, twin.Loss);
        Assert.Equal(delays.Data, twin.Data);
    }

    private static ExperimentConfig LoadConfig(string name) => TrainingSmokeTests.Load(name);

    [Fact]
    public void AnMnistDataSectionTakesNoSplitSizes()
    {
        string text = File.ReadAllText(Path.Combine(Data.ReferenceFiles.RepositoryRoot(), "configs", "mnist16-fastanddeep.json"))
            .Replace("\"dataset\": \"mnist16\",", "\"dataset\": \"mnist16\", \"train\": {\"size\": 10},", StringComparison.Ordinal);
        string error = ConfigReader.Parse(text, "c.json").Match(_ => "", e => e.Message);
        Assert.Contains("data.train", error);
    }

    [Fact]
    public void ACodedSplitTrainsBitIdenticallyToItsExpandedTimes()
    {
        var (config, splits) = Tiny("mnist16-fastanddeep");
        config = config with { Training = config.Training with { InputNoiseStd = 0 } };
        var trainer = new Trainer(config, threads: 1);
        var expanded = new DataSplit(splits.Train.Inputs, splits.Train.Labels);
        var expandedValidation = new DataSplit(splits.Validation.Inputs, splits.Validation.Labels);
        var (coded, codedMetrics) = trainer.Epoch(trainer.Initial(), splits.Train, splits.Validation);
        var (plain, plainMetrics) = trainer.Epoch(trainer.Initial(), expanded, expandedValidation);
        Assert.Equal(plain.Parameters.Values.ToArray(), coded.Parameters.Values.ToArray());
        Assert.Equal(plainMetrics, codedMetrics);
    }

    [Fact]
    public void TrainingNoiseChangesTheRunAndIsTheSameForAnyThreadCount()
    {
        var (config, splits) = Tiny("mnist16-fastanddeep");
        var one = new Trainer(config, threads: 1).Epoch(new Trainer(config, 1).Initial(), splits.Train, splits.Validation).State;
        var two = new Trainer(config, threads: 2).Epoch(new Trainer(config, 2).Initial(), splits.Train, splits.Validation).State;
        Assert.Equal(one.Parameters.Values.ToArray(), two.Parameters.Values.ToArray());

        var quiet = config with { Training = config.Training with { InputNoiseStd = 0 } };
        var noNoise = new Trainer(quiet, threads: 1).Epoch(new Trainer(quiet, 1).Initial(), splits.Train, splits.Validation).State;
        Assert.NotEqual(noNoise.Parameters.Values.ToArray(), one.Parameters.Values.ToArray());
    }

    [Fact]
    public void AFewEpochsOnSyntheticDigitsBeatChance()
    {
        var (config, splits) = Tiny("mnist16-fastanddeep", train: 120);
        var trainer = new Trainer(config, threads: 2);
        var state = trainer.Initial();
        for (int e = 0; e < 5; e++)
        {
            state = trainer.Epoch(state, splits.Train, splits.Train).State;
        }

        var result = trainer.Evaluate(state.Parameters, splits.Train);
        Assert.True(result.Accuracy > 0.3, $"train accuracy {result.Accuracy}");
        Assert.Equal(10, result.Confusion.GetLength(0));
    }
}
