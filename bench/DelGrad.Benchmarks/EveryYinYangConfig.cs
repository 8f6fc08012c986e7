using BenchmarkDotNet.Attributes;
using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Serialization;
using DelGrad.Training;

namespace DelGrad.Benchmarks;

/// <summary>
/// Forward + backward per sample of every built-in Yin-Yang network, on the class compiled into DelGrad.Pure at build time
/// and on the runtime <see cref="Network"/>: parameters after 5 epochs of the config, every invocation the 1000 test
/// samples. The before/after table of a change that touches the kernels or the generator comes from this benchmark run
/// on both builds in one sitting.
/// </summary>
[MemoryDiagnoser]
public class EveryYinYangConfig
{
    /// <summary>Samples per benchmark invocation (results are per sample).</summary>
    public const int Samples = 1000;

    private ICompiledNetwork compiled = null!;
    private Network network = null!;
    private PreparedParameters prepared = null!;
    private Workspace workspace = null!;
    private LossSpec loss = null!;
    private DataSplit test = null!;

    /// <summary>The built-in config.</summary>
    [Params("yinyang-fastanddeep", "yinyang-h30-w", "yinyang-h30-wa", "yinyang-h30-ws", "yinyang-h30-wd", "yinyang-h5-ws")]
    public string Config { get; set; } = "yinyang-h30-ws";

    /// <summary>Trains the config for 5 epochs and prepares both paths.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var config = ExperimentConfig.BuiltIn(Config);
        var trainer = new Trainer(config, threads: 2);
        var splits = Splits.YinYang(config.Data);
        var state = trainer.Initial();
        for (int e = 0; e < 5; e++)
        {
            state = trainer.Epoch(state, splits.Train, splits.Validation).State;
        }

        compiled = (CompiledNetworks.Find(config.Network) ?? throw new InvalidOperationException($"{Config}: no compiled network")).Invoke();
        compiled.Prepare(state.Parameters.Values);
        network = trainer.Network;
        prepared = network.Prepare(state.Parameters);
        workspace = network.CreateWorkspace();
        loss = config.Loss;
        test = splits.Test;
    }

    /// <summary>The compiled class.</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public double Generated()
    {
        double sum = 0;
        for (int s = 0; s < Samples; s++)
        {
            compiled.Forward(test.Inputs.AsSpan(s * 4, 4));
            sum += compiled.Backward(loss, test.Labels[s], 1.0 / Samples);
        }

        compiled.ClearGradient();
        return sum;
    }

    /// <summary>The runtime network.</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public double Runtime()
    {
        double sum = 0;
        for (int s = 0; s < Samples; s++)
        {
            network.Forward(prepared, test.Inputs.AsSpan(s * 4, 4), workspace);
            sum += network.Backward(prepared, loss, test.Labels[s], workspace, 1.0 / Samples);
        }

        workspace.ClearGradient();
        return sum;
    }
}
