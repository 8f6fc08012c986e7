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

    private static double[] Parameters(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => 0.1 + (0.4 * random.NextDouble())).ToArray();
    }

    [GlobalSetup]
    public void Setup()
    {
        h30 = new YinyangH30WsNetwork();
        fad = new FastanddeepNetwork();
        h30Params = Parameters(YinyangH30WsNetwork.ParameterCount, 1);
        fadParams = Parameters(FastanddeepNetwork.ParameterCount, 2);
        h30Runtime = Runtime("yinyang-h30-ws.delgrad.json");
        fadRuntime = Runtime("fastanddeep.delgrad.json");
        h30Prepared = h30Runtime.Prepare(new NetworkParameters(h30Params));
        fadPrepared = fadRuntime.Prepare(new NetworkParameters(fadParams));
        h30Ws = h30Runtime.CreateWorkspace();
        fadWs = fadRuntime.CreateWorkspace();
    }

    [Benchmark]
    public double H30WsGenerated()
    {
        h30.Forward(h30Params, input);
        return h30.Backward(h30Params, 1);
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
        fad.Forward(fadParams, input);
        return fad.Backward(fadParams, 1);
    }

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
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
