using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Specs;
using DelGrad.Specs.Format;

namespace DelGrad.Benchmarks;

/// <summary>Forward + backward of one sample: generated (build-time spec) vs runtime <see cref="Network"/>.</summary>
[MemoryDiagnoser]
public class ForwardBackward
{
    private readonly double[] input = [0.12, 0.85, 0.88, 0.15];
    private double[] h30Params = [], fadParams = [];
    private YinyangH30WsNetwork h30 = null!;
    private FastanddeepNetwork fad = null!;
    private Network h30Runtime = null!, fadRuntime = null!;
    private PreparedParameters h30Prepared = null!, fadPrepared = null!;
    private Workspace h30Ws = null!, fadWs = null!;

    private static Network Runtime(string file)
    {
        var root = JsonParser.TryParse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, file)), out _)!;
        var doc = NetworkReader.Read(root["network"]!["layers"]!, "network.layers", (int)root["network"]!["inputs"]!.Number, false, []);
        return Network.Compile(SpecMapper.ToSpec(doc).ThrowIfFail());
    }

    // Uniform in [low, high): chosen so that hidden and label neurons spike (a silent network skips the backward pass).
    private static double[] Parameters(int count, int seed, double low, double high)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => low + ((high - low) * random.NextDouble())).ToArray();
    }

    [GlobalSetup]
    public void Setup()
    {
        h30 = new YinyangH30WsNetwork();
        fad = new FastanddeepNetwork();
        h30Params = Parameters(YinyangH30WsNetwork.ParameterCount, 1, -0.3, 1.5);
        fadParams = Parameters(FastanddeepNetwork.ParameterCount, 2, -0.2, 1.0);
        h30Runtime = Runtime("yinyang-h30-ws.delgrad.json");
        fadRuntime = Runtime("fastanddeep.delgrad.json");
        h30Prepared = h30Runtime.Prepare(new NetworkParameters(h30Params));
        fadPrepared = fadRuntime.Prepare(new NetworkParameters(fadParams));
        h30Ws = h30Runtime.CreateWorkspace();
        h30.Prepare(h30Params);
        fad.Prepare(fadParams);
        fadWs = fadRuntime.CreateWorkspace();
    }

    [Benchmark]
    public double H30WsGenerated()
    {
        h30.Forward(input);
        return h30.Backward(1);
    }

    [Benchmark]
    public double H30WsRuntime()
    {
        h30Runtime.Forward(h30Prepared, input, h30Ws);
        return h30Runtime.Backward(h30Prepared, YinyangH30WsNetwork.Loss, 1, h30Ws);
    }

    [Benchmark]
    public double FastAndDeepGenerated()
    {
        fad.Forward(input);
        return fad.Backward(1);
    }

    /// <summary>Forward only (for the quick split).</summary>
    public double H30WsGeneratedForward() => h30.Forward(input)[0];

    /// <summary>Forward only (for the quick split).</summary>
    public double H30WsRuntimeForward() => h30Runtime.Forward(h30Prepared, input, h30Ws)[0];

    /// <summary>Forward only (for the quick split).</summary>
    public double FastAndDeepGeneratedForward() => fad.Forward(input)[0];

    /// <summary>Forward only (for the quick split).</summary>
    public double FastAndDeepRuntimeForward() => fadRuntime.Forward(fadPrepared, input, fadWs)[0];

    [Benchmark]
    public double FastAndDeepRuntime()
    {
        fadRuntime.Forward(fadPrepared, input, fadWs);
        return fadRuntime.Backward(fadPrepared, FastanddeepNetwork.Loss, 1, fadWs);
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
                const int n = 200_000;
                double sink = 0;
                var sw = System.Diagnostics.Stopwatch.StartNew();
                for (int i = 0; i < n; i++)
                {
                    sink += run();
                }

                Console.WriteLine($"{name,-22} {sw.Elapsed.TotalMilliseconds * 1e6 / n,8:F0} ns  (loss {sink / n:G4})");
            }
        }
    }
}
