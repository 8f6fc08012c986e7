using BenchmarkDotNet.Attributes;
using DelGrad.Kernel;

namespace DelGrad.Benchmarks;

/// <summary>
/// The same per-sample forward + backward as <see cref="MnistForwardBackward"/> on the network compiled at build time, for
/// the MNIST configs that have one (the others run on the runtime network; README "MNIST" says why).
/// </summary>
[MemoryDiagnoser]
public class MnistCompiledForwardBackward
{
    private MnistSetup setup = null!;
    private ICompiledNetwork kernel = null!;

    /// <summary>Which config (only those with a compiled class).</summary>
    [Params("mnist16-fastanddeep")]
    public string Config { get; set; } = "mnist16-fastanddeep";

    /// <summary>Loads the data, trains the config briefly and prepares its compiled class.</summary>
    [GlobalSetup]
    public void Setup()
    {
        setup = MnistSetup.For(Config);
        kernel = CompiledNetworks.Find(setup.Spec)?.Invoke()
            ?? throw new InvalidOperationException($"{Config} has no compiled class: list it in DelGrad.Pure.csproj's AdditionalFiles");
        kernel.Prepare(setup.Prepared.Parameters.Values);
    }

    /// <summary>Forward and backward of the first <see cref="MnistSetup.Samples"/> test images.</summary>
    [Benchmark(OperationsPerInvoke = MnistSetup.Samples)]
    public double CompiledForwardBackward()
    {
        var (loss, test) = (setup.Loss, setup.Test);
        int width = kernel.Inputs;
        double sum = 0;
        for (int s = 0; s < MnistSetup.Samples; s++)
        {
            kernel.Forward(test.Inputs.AsSpan(s * width, width));
            sum += kernel.Backward(loss, test.Labels[s], 1.0);
        }

        return sum;
    }
}
