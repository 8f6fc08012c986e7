using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Tests.Data;
using DelGrad.Training;

namespace DelGrad.Tests.Training;

/// <summary>The trainer runs the reference configs on their networks compiled at build time.</summary>
public class CompiledKernelTests
{
    public static TheoryData<string, string> BuiltIns() => new()
    {
        { "yinyang-fastanddeep", "YinyangFastanddeepNetwork" },
        { "yinyang-h30-w", "YinyangH30WNetwork" },
        { "yinyang-h30-wa", "YinyangH30WaNetwork" },
        { "yinyang-h30-ws", "YinyangH30WsNetwork" },
        { "yinyang-h30-wd", "YinyangH30WdNetwork" },
        { "yinyang-h5-ws", "YinyangH5WsNetwork" },
        { "mnist16-fastanddeep", "Mnist16FastanddeepNetwork" },
    };

    private static ExperimentConfig Runtime(ExperimentConfig c) => c with { Training = c.Training with { Kernel = KernelChoice.Runtime } };

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void EveryReferenceConfigTrainsOnItsCompiledNetwork(string config, string kernel)
    {
        var c = TrainingSmokeTests.Load(config);
        Assert.Equal(kernel, new Trainer(c).KernelName);
        Assert.Equal("runtime", new Trainer(Runtime(c)).KernelName);
    }

    // The generator's registry replaces reading the embedded configs at run time: each compiled config's network, parsed
    // here from the config file, equals the spec its class was built with from literals, and Find returns that class.
    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void EveryCompiledConfigIsRegisteredWithTheSpecItsFileParsesTo(string config, string kernel)
    {
        string file = config + ".json";
        var parsed = SpecMapper.ReadNetwork(File.ReadAllText(Path.Combine(ReferenceFiles.RepositoryRoot(), "configs", file)), file).ThrowIfFail();
        var entry = Assert.Single(CompiledNetworkRegistry.All, e => e.File == file);
        Assert.Equal(parsed, entry.Spec);
        Assert.Equal(parsed.Layout, entry.Spec.Layout);
        var create = CompiledNetworks.Find(parsed);
        Assert.NotNull(create);
        var network = create();
        Assert.Equal(kernel, network.GetType().Name);
        Assert.Equal(parsed.Layout.Count, network.ParameterCount);
        Assert.NotSame(network, create());
    }

    [Fact]
    public void TheRegistryListsExactlyTheCompiledConfigs() =>
        Assert.Equal(
            BuiltIns().Select(row => (string)row[0] + ".json").Order(StringComparer.Ordinal),
            CompiledNetworkRegistry.All.Select(e => e.File).Order(StringComparer.Ordinal));

    // Literals round-trip: a threshold one ulp away is another network.
    [Fact]
    public void ASpecOneUlpAwayHasNoCompiledNetwork()
    {
        var c = TrainingSmokeTests.Load("yinyang-h30-ws");
        Assert.NotNull(CompiledNetworks.Find(c.Network));
        var layers = c.Network.Layers.Map(l => l is NeuronLayer { Size: 3 } n
            ? n with { Neuron = NeuronParameters.Create(n.Neuron.TauMem, n.Neuron.TauSyn, Math.BitIncrement(n.Neuron.Threshold), n.Neuron.Leak, n.Neuron.GLeak).SuccessToSeq().Head }
            : l);
        Assert.Null(CompiledNetworks.Find(NetworkSpec.Create(c.Network.Inputs, layers).ThrowIfFail()));
    }

    [Fact]
    public void AnyOtherNetworkRunsOnTheRuntime()
    {
        var c = TrainingSmokeTests.Load("yinyang-h30-ws");
        var layers = c.Network.Layers.Map(l => l is NeuronLayer { Size: 30 } n ? n with { Size = 31 } : l);
        var other = c with { Network = NetworkSpec.Create(c.Network.Inputs, layers).ThrowIfFail() };
        Assert.Equal("runtime", new Trainer(other).KernelName);
    }

    // The same batch on both kernels, with parameters after a short training (real spike patterns): loss and gradient
    // agree to rounding (the compiled kernels order some sums differently and use product-form exponentials).
    public static TheoryData<string, string> YinYangBuiltIns()
    {
        var rows = new TheoryData<string, string>();
        foreach (var row in BuiltIns().Where(row => ((string)row[0]).StartsWith("yinyang", StringComparison.Ordinal)))
        {
            rows.Add((string)row[0], (string)row[1]);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(YinYangBuiltIns))]
    public void CompiledAndRuntimeKernelsAgreeOnRealBatches(string config, string kernel) =>
        Agree(config, kernel, c =>
        {
            c = c with { Data = c.Data with { TrainSize = 450, ValidationSize = 150, TestSize = 150 } };
            return (c, Splits.YinYang(c.Data));
        });

    // The wide 16x16 MNIST network (256 inputs, many silent) on MNIST-shaped synthetic images.
    [Fact]
    public void CompiledAndRuntimeMnist16KernelsAgree() =>
        Agree("mnist16-fastanddeep", "Mnist16FastanddeepNetwork", c =>
        {
            var encoding = DelGrad.Data.Mnist.MnistEncoding.Named(c.Data.Dataset)!;
            var splits = Splits.Mnist(Data.Mnist.MnistFixture.Parse(Data.Mnist.MnistFixture.Synthetic(480, 160)), encoding, c.Data);
            return (c with { Training = c.Training with { BatchSize = 50 } }, new Splits(Expanded(splits.Train), Expanded(splits.Validation), Expanded(splits.Test)));
        });

    private static DataSplit Expanded(DataSplit coded) => new(coded.Inputs, coded.Labels);

    private static void Agree(string config, string kernel, Func<ExperimentConfig, (ExperimentConfig, Splits)> data)
    {
        var (c, splits) = data(TrainingSmokeTests.Load(config));
        var trainer = new Trainer(Runtime(c));
        var state = trainer.Initial();
        state = trainer.Epoch(state, splits.Train, splits.Validation).State;
        var network = Network.Compile(c.Network);
        var prepared = network.Prepare(state.Parameters);
        var runtime = new BatchEvaluator(network, 1) { MaxDwNorm = c.Training.MaxDwNorm };
        var compiled = new BatchEvaluator(network, 2, CompiledNetworks.Find(c.Network)) { MaxDwNorm = c.Training.MaxDwNorm };
        Assert.Equal(kernel, compiled.KernelName);
        var indices = Enumerable.Range(0, 150).ToArray();
        var outR = new double[150 * network.Outputs];
        var outC = new double[150 * network.Outputs];
        var r = runtime.Evaluate(prepared, c.Loss, splits.Train.Inputs, splits.Train.Labels, indices, outR);
        var rGradient = r.Gradient.ToArray();
        var rSilent = runtime.SilentCounts.ToArray();
        var k = compiled.Evaluate(prepared, c.Loss, splits.Train.Inputs, splits.Train.Labels, indices, outC);
        Assert.Equal(r.MeanLoss, k.MeanLoss, 1e-9);
        Assert.Equal(rSilent, compiled.SilentCounts.ToArray());
        for (int i = 0; i < outR.Length; i++)
        {
            Assert.True(outR[i].Equals(outC[i]) || Math.Abs(outR[i] - outC[i]) <= 1e-10, $"output {i}: {outR[i]:R} vs {outC[i]:R}");
        }

        double scale = rGradient.Max(Math.Abs);
        Assert.True(scale > 0, "the batch has a gradient");
        var g = k.Gradient.Span;
        for (int i = 0; i < rGradient.Length; i++)
        {
            Assert.True(Math.Abs(rGradient[i] - g[i]) <= 1e-9 * scale, $"gradient {i}: {rGradient[i]:R} vs {g[i]:R}");
        }
    }
}
