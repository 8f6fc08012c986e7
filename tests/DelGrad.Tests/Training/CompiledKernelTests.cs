using DelGrad.Kernel;
using DelGrad.Model;
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
