using DelGrad.Plots;
using DelGrad.Tests.Training;
using DelGrad.Training;
using LanguageExt;

namespace DelGrad.Tests.Plots;

/// <summary>A short training run of the H30 synaptic-delay network on a small Yin-Yang set, shared by the plot tests.</summary>
public sealed class SmallRun
{
    public SmallRun()
    {
        var config = TrainingSmokeTests.Load("yinyang-h30-ws");
        config = config with { Training = config.Training with { Epochs = 3 }, Data = config.Data with { TrainSize = 600, ValidationSize = 150, TestSize = 150 } };
        var trainer = new Trainer(config, threads: 1);
        var splits = Splits.YinYang(config.Data);
        var state = trainer.Initial();
        var metrics = Seq<EpochMetrics>.Empty;
        for (int e = 0; e < 3; e++)
        {
            var r = trainer.Epoch(state, splits.Train, splits.Validation);
            (state, metrics) = (r.State, metrics.Add(r.Metrics));
        }

        Results = new RunResults(config, metrics, trainer.Evaluate(state.Parameters, splits.Test), splits.Test, state.Parameters, trainer.Network);
    }

    public RunResults Results { get; }

    /// <summary>Input spike times of test sample <paramref name="k"/>.</summary>
    public double[] Input(int k) => Results.TestSplit.Inputs.AsSpan(k * Results.Network.Inputs, Results.Network.Inputs).ToArray();
}
