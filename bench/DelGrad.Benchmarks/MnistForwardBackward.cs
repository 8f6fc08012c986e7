using BenchmarkDotNet.Attributes;
using DelGrad.Kernel;

namespace DelGrad.Benchmarks;

/// <summary>
/// Forward + backward per sample of the MNIST networks on the runtime <see cref="Network"/> (the wide layers: 256 inputs,
/// about 150 of them silent, and 784 inputs that all spike). Setup and data: <see cref="MnistSetup"/>.
/// </summary>
[MemoryDiagnoser]
public class MnistForwardBackward
{
    private MnistSetup setup = null!;

    /// <summary>Which config.</summary>
    [Params("mnist16-fastanddeep", "mnist-fastanddeep", "mnist16-h128-ws")]
    public string Config { get; set; } = "mnist16-fastanddeep";

    /// <summary>Loads the data and trains the config briefly.</summary>
    [GlobalSetup]
    public void Setup() => setup = MnistSetup.For(Config);

    /// <summary>Forward and backward of the first <see cref="MnistSetup.Samples"/> test images.</summary>
    [Benchmark(OperationsPerInvoke = MnistSetup.Samples)]
    public double ForwardBackward()
    {
        var (network, prepared, ws, loss, test) = (setup.Network, setup.Prepared, setup.Workspace, setup.Loss, setup.Test);
        int width = network.Inputs;
        double sum = 0;
        for (int s = 0; s < MnistSetup.Samples; s++)
        {
            network.Forward(prepared, test.Inputs.AsSpan(s * width, width), ws);
            sum += network.Backward(prepared, loss, test.Labels[s], ws);
        }

        return sum;
    }
}
