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
    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void CompiledAndRuntimeKernelsAgreeOnRealBatches(string config, string kernel)
    {
        var c = TrainingSmokeTests.Load(config);
        c = c with { Data = c.Data with { TrainSize = 450, ValidationSize = 150, TestSize = 150 } };
        var splits = Splits.YinYang(c.Data);
        var trainer = new Trainer(Runtime(c));
        var state = trainer.Initial();
        state = trainer.Epoch(state, splits.Train, splits.Validation).State;
        var network = Network.Compile(c.Network);
        var prepared = network.Prepare(state.Parameters);
        var runtime = new BatchEvaluator(network, 1) { MaxDwNorm = c.Training.MaxDwNorm };
        var compiled = new BatchEvaluator(network, 2, CompiledNetworks.Find(c.Network)) { MaxDwNorm = c.Training.MaxDwNorm };
        Assert.Equal(kernel, compiled.KernelName);
        var indices = Enumerable.Range(0, 150).ToArray();
        var outR = new double[150 * 3];
        var outC = new double[150 * 3];
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
