using BenchmarkDotNet.Attributes;
using DelGrad.Data.Mnist;
using DelGrad.Effects.Data;
using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Serialization;
using DelGrad.Training;

namespace DelGrad.Benchmarks;

/// <summary>
/// Forward + backward per sample of the MNIST networks on the runtime <see cref="Network"/> (the wide layers: 256 inputs,
/// about 150 of them silent, and 784 inputs that all spike). Real data from the MNIST cache (<c>$DELGRAD_DATA</c>, fill it with
/// <c>scripts/fetch-mnist.sh</c>); parameters after one epoch on the first 5,000 training images; every invocation runs the first
/// 1000 test images.
/// </summary>
[MemoryDiagnoser]
public class MnistForwardBackward
{
    /// <summary>Samples per benchmark invocation (results are per sample).</summary>
    public const int Samples = 1000;

    private readonly Dictionary<string, (Network Network, PreparedParameters Prepared, Workspace Ws, LossSpec Loss, DataSplit Test)> nets = [];
    private readonly Dictionary<string, ICompiledNetwork?> compiled = [];

    /// <summary>Which config.</summary>
    [Params("mnist16-fastanddeep", "mnist-fastanddeep", "mnist16-h128-ws")]
    public string Config { get; set; } = "mnist16-fastanddeep";

    /// <summary>Loads the data and trains the config briefly.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var config = ConfigReader.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, Config + ".json")), Config).ThrowIfFail();
        var data = MnistStore.In(MnistStore.DataFolder(null)).Load().ThrowIfFail();
        var encoding = MnistEncoding.Named(config.Data.Dataset)!;
        var splits = Splits.Mnist(data, encoding, config.Data);
        var times = encoding.TimeTable(config.Data.Early, config.Data.Late);
        var first = Enumerable.Range(0, 5000).ToArray();
        var codes = first.SelectMany(i => splits.Train.SampleCodes(i).ToArray()).ToArray();
        var subset = DataSplit.FromCodes(codes, times, encoding.Width, [.. first.Select(i => splits.Train.Labels[i])]);
        var trainer = new Trainer(config, threads: Environment.ProcessorCount);
        var state = trainer.Epoch(trainer.Initial(), subset, splits.Validation).State;
        var network = trainer.Network;
        nets[Config] = (network, network.Prepare(state.Parameters), network.CreateWorkspace(), config.Loss, splits.Test);
        var kernel = CompiledNetworks.Find(config.Network)?.Invoke();
        kernel?.Prepare(state.Parameters.Values);
        compiled[Config] = kernel;
        _ = splits.Test.Inputs; // expanded outside the measured loop
    }

    /// <summary>Forward and backward of the first 1000 test images.</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public double ForwardBackward()
    {
        var (network, prepared, ws, loss, test) = nets[Config];
        int width = network.Inputs;
        double sum = 0;
        for (int s = 0; s < Samples; s++)
        {
            network.Forward(prepared, test.Inputs.AsSpan(s * width, width), ws);
            sum += network.Backward(prepared, loss, test.Labels[s], ws);
        }

        return sum;
    }

    /// <summary>The same on the network compiled at build time from the config, where there is one (NaN otherwise).</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public double CompiledForwardBackward()
    {
        var (network, _, _, loss, test) = nets[Config];
        if (compiled[Config] is not { } kernel)
        {
            return double.NaN;
        }

        int width = network.Inputs;
        double sum = 0;
        for (int s = 0; s < Samples; s++)
        {
            kernel.Forward(test.Inputs.AsSpan(s * width, width));
            sum += kernel.Backward(loss, test.Labels[s], 1.0);
        }

        return sum;
    }
}
