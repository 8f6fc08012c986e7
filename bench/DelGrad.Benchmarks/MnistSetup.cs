using DelGrad.Data.Mnist;
using DelGrad.Effects.Data;
using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Serialization;
using DelGrad.Training;

namespace DelGrad.Benchmarks;

/// <summary>
/// One MNIST config ready to measure: real data from the MNIST cache (<c>$DELGRAD_DATA</c>, fill it with
/// <c>scripts/fetch-mnist.sh</c>), parameters after one epoch on the first 5,000 training images, the test split expanded
/// outside the measured loops.
/// </summary>
internal sealed record MnistSetup(NetworkSpec Spec, Network Network, PreparedParameters Prepared, Workspace Workspace, LossSpec Loss, DataSplit Test)
{
    /// <summary>Samples per benchmark invocation (results are per sample): the first 1000 test images.</summary>
    public const int Samples = 1000;

    /// <summary>Loads the data and trains <paramref name="configName"/> for one short epoch.</summary>
    public static MnistSetup For(string configName)
    {
        var config = ConfigReader.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, configName + ".json")), configName).ThrowIfFail();
        var data = DelGrad.Effects.Runtimes.LiveData.Original.Mnist(null).Load().ThrowIfFail();
        var encoding = MnistEncoding.Named(config.Data.Dataset)!;
        var splits = Splits.Mnist(data, encoding, config.Data);
        var times = encoding.TimeTable(config.Data.Early, config.Data.Late);
        var first = Enumerable.Range(0, 5000).ToArray();
        var codes = first.SelectMany(i => splits.Train.SampleCodes(i).ToArray()).ToArray();
        var subset = DataSplit.FromCodes(codes, times, encoding.Width, [.. first.Select(i => splits.Train.Labels[i])]);
        var trainer = new Trainer(config, threads: Environment.ProcessorCount);
        var state = trainer.Epoch(trainer.Initial(), subset, splits.Validation).State;
        var network = trainer.Network;
        _ = splits.Test.Inputs; // expanded outside the measured loop
        return new MnistSetup(config.Network, network, network.Prepare(state.Parameters), network.CreateWorkspace(), config.Loss, splits.Test);
    }
}
