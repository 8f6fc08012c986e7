using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Serialization;
using DelGrad.Specs;
using DelGrad.Training;

namespace DelGrad.Benchmarks;

/// <summary>
/// Forward + backward per sample: generated (build-time spec) vs runtime <see cref="Network"/>. Realistic work:
/// the parameters come from a short training run of the reference config, and every invocation runs the
/// 1000 Yin-Yang test samples (a single repeated input would let the branch predictor learn one sample).
/// </summary>
[MemoryDiagnoser]
public class ForwardBackward
{
    /// <summary>Samples per benchmark invocation (results are per sample).</summary>
    public const int Samples = 1000;

    private YinyangH30WsNetwork h30 = null!;
    private FastanddeepNetwork fad = null!;
    private Network h30Runtime = null!, fadRuntime = null!;
    private PreparedParameters h30Prepared = null!, fadPrepared = null!;
    private Workspace h30Ws = null!, fadWs = null!;
    private DataSplit test = null!;

    private static Network Runtime(string file)
    {
        return Network.Compile(SpecMapper.ReadNetwork(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, file)), file).ThrowIfFail());
    }

    // The reference config trained for a few epochs: spike patterns as in a real run (which neurons fire, how many
    // arrivals precede a spike), not those of arbitrary parameters.
    private static double[] Trained(string config, int epochs, int parameterCount)
    {
        var parsed = ConfigReader.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, config)), config).ThrowIfFail();
        var trainer = new Trainer(parsed, threads: 2);
        if (trainer.Network.ParameterCount != parameterCount)
        {
            throw new InvalidOperationException($"{config}: its network does not match the compiled spec");
        }

        var splits = Splits.YinYang(parsed.Data);
        var state = trainer.Initial();
        for (int e = 0; e < epochs; e++)
        {
            state = trainer.Epoch(state, splits.Train, splits.Validation).State;
        }

        return state.Parameters.Values.ToArray();
    }

    /// <summary>Trains both configs briefly and prepares both paths.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var h30Params = Trained("yinyang-h30-ws.json", 20, YinyangH30WsNetwork.ParameterCount);
        var fadParams = Trained("yinyang-fastanddeep.json", 5, FastanddeepNetwork.ParameterCount);
        test = Splits.YinYang(new DataOptions()).Test;
        h30 = new YinyangH30WsNetwork();
        fad = new FastanddeepNetwork();
        h30Runtime = Runtime("yinyang-h30-ws.delgrad.json");
        fadRuntime = Runtime("fastanddeep.delgrad.json");
        h30Prepared = h30Runtime.Prepare(new NetworkParameters(h30Params));
        fadPrepared = fadRuntime.Prepare(new NetworkParameters(fadParams));
        h30Ws = h30Runtime.CreateWorkspace();
        fadWs = fadRuntime.CreateWorkspace();
        h30.Prepare(h30Params);
        fad.Prepare(fadParams);
    }

    private ReadOnlySpan<double> Input(int sample) => test.Inputs.AsSpan(sample * 4, 4);

    // Forward (+ backward) of every test sample on a compiled network; the sum keeps the work observable.
    private double Compiled(ICompiledNetwork net, LossSpec loss, bool backward)
    {
        double sum = 0;
        for (int s = 0; s < Samples; s++)
        {
            var output = net.Forward(Input(s));
            sum += backward ? net.Backward(loss, test.Labels[s], 1.0) : output[0];
        }

        return sum;
    }

    // The same on the runtime network.
    private double Runtime(Network network, PreparedParameters prepared, Workspace ws, LossSpec loss, bool backward)
    {
        double sum = 0;
        for (int s = 0; s < Samples; s++)
        {
            var output = network.Forward(prepared, Input(s), ws);
            sum += backward ? network.Backward(prepared, loss, test.Labels[s], ws) : output[0];
        }

        return sum;
    }

    /// <summary>H30-WS, generated.</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public double H30WsGenerated() => Compiled(h30, YinyangH30WsNetwork.Loss, backward: true);

    /// <summary>H30-WS, runtime.</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public double H30WsRuntime() => Runtime(h30Runtime, h30Prepared, h30Ws, YinyangH30WsNetwork.Loss, backward: true);

    /// <summary>Fast &amp; Deep, generated.</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public double FastAndDeepGenerated() => Compiled(fad, FastanddeepNetwork.Loss, backward: true);

    /// <summary>Fast &amp; Deep, runtime.</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public double FastAndDeepRuntime() => Runtime(fadRuntime, fadPrepared, fadWs, FastanddeepNetwork.Loss, backward: true);

    /// <summary>Forward only (for the quick split).</summary>
    public double H30WsGeneratedForward() => Compiled(h30, YinyangH30WsNetwork.Loss, backward: false);

    /// <summary>Forward only (for the quick split).</summary>
    public double H30WsRuntimeForward() => Runtime(h30Runtime, h30Prepared, h30Ws, YinyangH30WsNetwork.Loss, backward: false);

    /// <summary>Forward only (for the quick split).</summary>
    public double FastAndDeepGeneratedForward() => Compiled(fad, FastanddeepNetwork.Loss, backward: false);

    /// <summary>Forward only (for the quick split).</summary>
    public double FastAndDeepRuntimeForward() => Runtime(fadRuntime, fadPrepared, fadWs, FastanddeepNetwork.Loss, backward: false);
}

/// <summary>Entry point.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks.</summary>
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--quick")
        {
            Quick();
            return;
        }

        if (args.Length > 0 && args[0] == "--quick-epoch")
        {
            QuickEpoch();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    // A rough Stopwatch check of the epoch loop (median of 30 epochs each), for iterating on the trainer.
    private static void QuickEpoch()
    {
        var b = new EpochLoop();
        b.Setup();
        foreach (var (name, run) in new (string, Func<double>)[] { ("KernelOnlyOneCore", b.KernelOnlyOneCore), ("TrainerEpochTwoThreads", b.TrainerEpochTwoThreads) })
        {
            var times = new double[30];
            for (int i = 0; i < times.Length; i++)
            {
                var sw = System.Diagnostics.Stopwatch.StartNew();
                run();
                times[i] = sw.Elapsed.TotalMilliseconds;
            }

            Array.Sort(times);
            Console.WriteLine($"{name,-24} {times[times.Length / 2],8:F2} ms per epoch (median of {times.Length})");
        }
    }

    // A rough Stopwatch check for iterating on the generator (BenchmarkDotNet numbers go in BENCHMARKS.md).
    private static void Quick()
    {
        var b = new ForwardBackward();
        b.Setup();
        var cases = new (string Name, Func<double> Run)[]
        {
            ("H30WsGenerated", b.H30WsGenerated),
            ("H30WsRuntime", b.H30WsRuntime),
            ("FastAndDeepGenerated", b.FastAndDeepGenerated),
            ("FastAndDeepRuntime", b.FastAndDeepRuntime),
            ("H30WsGeneratedForward", b.H30WsGeneratedForward),
            ("H30WsRuntimeForward", b.H30WsRuntimeForward),
            ("FastAndDeepGenForward", b.FastAndDeepGeneratedForward),
            ("FastAndDeepRtForward", b.FastAndDeepRuntimeForward),
        };
        for (int round = 0; round < 3; round++)
        {
            foreach (var (name, run) in cases)
            {
                const int n = 300;
                double sink = 0;
                var sw = System.Diagnostics.Stopwatch.StartNew();
                for (int i = 0; i < n; i++)
                {
                    sink += run();
                }

                Console.WriteLine($"{name,-22} {sw.Elapsed.TotalMilliseconds * 1e6 / n / ForwardBackward.Samples,8:F0} ns per sample  (sum {sink / n:G4})");
            }
        }
    }
}
