using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Specs;
using DelGrad.Specs.Format;
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
        var root = JsonParser.TryParse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, file)), out _)!;
        var doc = NetworkReader.Read(root["network"]!["layers"]!, "network.layers", (int)root["network"]!["inputs"]!.Number, false, []);
        return Network.Compile(SpecMapper.ToSpec(doc).ThrowIfFail());
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

    /// <summary>H30-WS, generated.</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public double H30WsGenerated()
    {
        double sum = 0;
        for (int s = 0; s < Samples; s++)
        {
            h30.Forward(Input(s));
            sum += h30.Backward(test.Labels[s]);
        }

        return sum;
    }

    /// <summary>H30-WS, runtime.</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public double H30WsRuntime()
    {
        double sum = 0;
        for (int s = 0; s < Samples; s++)
        {
            h30Runtime.Forward(h30Prepared, Input(s), h30Ws);
            sum += h30Runtime.Backward(h30Prepared, YinyangH30WsNetwork.Loss, test.Labels[s], h30Ws);
        }

        return sum;
    }

    /// <summary>Fast &amp; Deep, generated.</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public double FastAndDeepGenerated()
    {
        double sum = 0;
        for (int s = 0; s < Samples; s++)
        {
            fad.Forward(Input(s));
            sum += fad.Backward(test.Labels[s]);
        }

        return sum;
    }

    /// <summary>Fast &amp; Deep, runtime.</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public double FastAndDeepRuntime()
    {
        double sum = 0;
        for (int s = 0; s < Samples; s++)
        {
            fadRuntime.Forward(fadPrepared, Input(s), fadWs);
            sum += fadRuntime.Backward(fadPrepared, FastanddeepNetwork.Loss, test.Labels[s], fadWs);
        }

        return sum;
    }

    /// <summary>Forward only (for the quick split).</summary>
    public double H30WsGeneratedForward()
    {
        double sum = 0;
        for (int s = 0; s < Samples; s++)
        {
            sum += h30.Forward(Input(s))[0];
        }

        return sum;
    }

    /// <summary>Forward only (for the quick split).</summary>
    public double H30WsRuntimeForward()
    {
        double sum = 0;
        for (int s = 0; s < Samples; s++)
        {
            sum += h30Runtime.Forward(h30Prepared, Input(s), h30Ws)[0];
        }

        return sum;
    }

    /// <summary>Forward only (for the quick split).</summary>
    public double FastAndDeepGeneratedForward()
    {
        double sum = 0;
        for (int s = 0; s < Samples; s++)
        {
            sum += fad.Forward(Input(s))[0];
        }

        return sum;
    }

    /// <summary>Forward only (for the quick split).</summary>
    public double FastAndDeepRuntimeForward()
    {
        double sum = 0;
        for (int s = 0; s < Samples; s++)
        {
            sum += fadRuntime.Forward(fadPrepared, Input(s), fadWs)[0];
        }

        return sum;
    }
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

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
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
