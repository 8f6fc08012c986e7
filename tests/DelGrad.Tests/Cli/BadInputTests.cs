using DelGrad.Cli;
using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Serialization;
using DelGrad.Training;
using static LanguageExt.Prelude;

namespace DelGrad.Tests.Cli;

/// <summary>Each finding of the bad-input campaign (issue 13), pinned: one line naming the field, exit 2, nothing escaping, nothing non-finite written.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("delgrad-bad-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    internal static string Base => File.ReadAllText(Path.Combine(Data.ReferenceFiles.RepositoryRoot(), "configs", "yinyang-h30-ws.json"));

    /// <summary>The default config shrunk to a few samples, so a run takes milliseconds.</summary>
    internal static string Tiny(int epochs = 1) => Base
        .Replace("\"epochs\": 300", $"\"epochs\": {epochs}", StringComparison.Ordinal)
        .Replace("\"batch_size\": 150", "\"batch_size\": 10", StringComparison.Ordinal)
        .Replace("\"size\": 5000", "\"size\": 30", StringComparison.Ordinal)
        .Replace("\"size\": 1000", "\"size\": 10", StringComparison.Ordinal);

    internal static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Commands.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string Error(string text) => ConfigReader.Parse(text, "cfg.json").Match(_ => "", e => e.Message);

    private static string Replace(string text, string find, string replace, int occurrence = 0)
    {
        int at = -1;
        for (int i = 0; i <= occurrence; i++)
        {
            at = text.IndexOf(find, at + 1, StringComparison.Ordinal);
            Assert.True(at >= 0, $"'{find}' (occurrence {occurrence}) not in the config");
        }

        return text[..at] + replace + text[(at + find.Length)..];
    }

    [Theory]
    [InlineData("\"inputs\": 4", "\"inputs\": 3", 0, "network.inputs: must be 4, the Yin-Yang data's features per sample, got 3")]
    [InlineData("\"inputs\": 4", "\"inputs\": 5", 0, "network.inputs: must be 4")]
    [InlineData("\"size\": 3,", "\"size\": 2,", 0, "network.layers[3].size: the label layer must have 3 neurons, one per Yin-Yang class, got 2")]
    [InlineData("\"name\": \"yinyang-h30-ws\"", "\"name\": \"../../evil\"", 0, "name: must be a plain name")]
    [InlineData("\"name\": \"yinyang-h30-ws\"", "\"name\": \"/tmp/evil\"", 0, "name: must be a plain name")]
    [InlineData("\"scale\": 1.0", "\"scale\": -1.0", 0, "network.layers[0].positivity.scale: must be in [0, 1000000] (delays are not negative), got -1")]
    [InlineData("\"early\": 0.15", "\"early\": -1", 0, "data.early: must be in [0, 1000000]")]
    [InlineData("\"threshold\": 1.0", "\"threshold\": 1e308", 0, "network.layers[1].threshold: must be in [-1000000, 1000000], got 1E+308")]
    [InlineData("\"tau_mem\": 2.0", "\"tau_mem\": 1e-300", 0, "network.layers[1].tau_mem: must be in [1E-06, 1000000]")]
    [InlineData("\"mean\": 1.0", "\"mean\": 1e308", 0, "network.layers[1].init.mean: must be in [-1000000, 1000000]")]
    [InlineData("\"weight_bump\": 0.0005", "\"weight_bump\": 0.0005, \"weight_clip\": 0", 0, "training.weight_clip: must be positive")]
    [InlineData("\"delta_t\": 0.2", "\"delta_t\": -1", 0, "loss.delta_t: must be positive")]
    public void ConfigValuesThatCannotTrainAreRejectedNamingTheField(string find, string replace, int occurrence, string expected)
    {
        string message = Error(Replace(Base, find, replace, occurrence));
        Assert.Contains(expected, message);
        Assert.Matches(@"^cfg\.json(:\d+:\d+)?: ", message);
        Assert.DoesNotContain("   at ", message);
    }

    [Fact]
    public void AnEvilNameNeverBecomesAPath()
    {
        Assert.Null(RunPaths.NameProblem("yinyang-h30-ws"));
        Assert.NotNull(RunPaths.NameProblem(".."));
        Assert.NotNull(RunPaths.NameProblem("a/b"));
        Assert.NotNull(RunPaths.NameProblem("a\\b"));
        Assert.Null(RunPaths.NameProblem(RunPaths.NameFromFile("/x/..evil name.json")));
        Assert.Throws<ArgumentException>(() => RunPaths.SeedRunDirectory("out", "../../evil", 0).Length);
        Assert.Throws<ArgumentException>(() => RunPaths.Child("out", "/etc"));
        Assert.Equal(Path.Combine("out", "x-seed3"), RunPaths.SeedRunDirectory("out", "x", 3));
    }

    [Fact]
    public void ASecondTrainIntoALockedRunFolderFailsWithExit2()
    {
        string dir = Path.Combine(root, "run");
        string config = Path.Combine(root, "tiny.json");
        File.WriteAllText(config, Tiny());
        using (Effects.Training.RunLock.Acquire(dir))
        {
            var second = Run("train", config, "--out", dir, "--threads", "1");
            Assert.Equal(2, second.Code);
            Assert.Contains("another delgrad process is using this run folder", second.Err);
            Assert.False(File.Exists(Path.Combine(dir, "config.json")));
        }

        var after = Run("train", config, "--out", dir, "--threads", "1");
        Assert.True(after.Code == 0, after.Err);
    }

    [Fact]
    public void ASecondSweepIntoALockedFolderFailsWithExit2AndWritesNothing()
    {
        string dir = Path.Combine(root, "sweep");
        using (Effects.Training.RunLock.Acquire(dir))
        {
            var second = Run("sweep", "yinyang-bss2-w", "--set", "spike_loss=0", "--epochs", "0", "--out", dir, "--threads", "1");
            Assert.Equal(2, second.Code);
            Assert.Contains("another delgrad process is using this run folder", second.Err);
            Assert.Equal([Path.Combine(dir, ".delgrad.lock")], Directory.GetFileSystemEntries(dir));
        }
    }

    [Fact]
    public void DivergenceStopsTheRunKeepsTheLastGoodCheckpointAndWritesNothingNonFinite()
    {
        string dir = Path.Combine(root, "diverged");
        string config = Path.Combine(root, "huge-rate.json");
        File.WriteAllText(config, Tiny(epochs: 3).Replace("\"weights\": 0.01", "\"weights\": 1e308", StringComparison.Ordinal));
        var run = Run("train", config, "--out", dir, "--threads", "1");
        Assert.Equal(2, run.Code);
        Assert.Contains("training diverged in epoch", run.Err);
        Assert.Single(run.Err.TrimEnd().Split('\n'));
        Assert.False(File.Exists(Path.Combine(dir, "model.json")));
        foreach (var file in Directory.GetFiles(dir))
        {
            string text = File.ReadAllText(file);
            Assert.DoesNotContain("NaN", text);
            Assert.DoesNotContain("Infinity", text);
        }
    }

    [Fact]
    public void ThreadsAndHugeFilesAreBounded()
    {
        var threads = Run("train", "--threads", "2147483647", "--out", Path.Combine(root, "t"));
        Assert.Equal(2, threads.Code);
        Assert.Contains("--threads: must be between 1 and 1024", threads.Err);
        Assert.False(Directory.Exists(Path.Combine(root, "t")));
        if (File.Exists("/dev/zero"))
        {
            var zero = Run("train", "/dev/zero", "--out", Path.Combine(root, "z"));
            Assert.Equal(2, zero.Code);
            Assert.Contains("/dev/zero: cannot read: larger than 64 MB; not a delgrad file", zero.Err);
        }
    }

    [Fact]
    public void PlotSweepRejectsAccuraciesOutsideZeroToOne()
    {
        foreach (string accuracy in new[] { "5", "NaN", "-0.1" })
        {
            string csv = Path.Combine(root, "sweep.csv");
            File.WriteAllText(csv, $"config,key,value,seed,test_accuracy\nx,noise,0.1,0,0.9\nx,noise,0.2,0,{accuracy}\n");
            var result = Run("plot-sweep", csv, "--out", Path.Combine(root, "sweep.png"));
            Assert.Equal(2, result.Code);
            Assert.Contains($"sweep.csv:3:15: test_accuracy: expected a fraction in [0, 1], got '{accuracy}' [DG0009]", result.Err);
            Assert.False(File.Exists(Path.Combine(root, "sweep.png")));
        }
    }

    [Fact]
    public void HugeWeightsSpikeAtOnceInsteadOfFallingSilent()
    {
        foreach (var neuron in new[] { NeuronParameters.DoubleTau(), NeuronParameters.EqualTau(), NeuronParameters.Create(1.5, 1.0, 1.0).Match(n => n, _ => throw new InvalidOperationException()) })
        {
            var spec = NetworkSpec.Create(2, Seq<LayerSpec>(new BroadcastLayer(), new NeuronLayer(1, neuron))).ThrowIfFail();
            var network = Network.Compile(spec);
            var workspace = network.CreateWorkspace();
            foreach (double w in new[] { 1e155, 1e200, 1e300, double.MaxValue })
            {
                var prepared = network.Prepare(new NetworkParameters([w, 0.5]));
                double t = network.Forward(prepared, [0.3, 1.0], workspace)[0];
                Assert.True(Math.Abs(t - 0.3) < 1e-9, $"{neuron.Model} w = {w}: spike at {t}, expected at the first input 0.3");
            }
        }
    }

    [Fact]
    public void LibraryMisuseFailsAtOnceWithAClearException()
    {
        Assert.Throws<ArgumentNullException>(() => new NeuronLayer(3, null!));
        Assert.Throws<ArgumentNullException>(() => new DelayLayer(DelayKind.Synaptic, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LossSpec.Ttfs(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LossSpec.ShiftInvariantMse(double.NaN));
        var spec = NetworkSpec.Create(2, Seq<LayerSpec>(new BroadcastLayer(), new NeuronLayer(3, NeuronParameters.EqualTau()))).ThrowIfFail();
        var network = Network.Compile(spec);
        var good = network.Prepare(new NetworkParameters([1, 1, 1, 1, 1, 1]));
        var e = Assert.Throws<InvalidOperationException>(() => network.Backward(good, new LossSpec.Ttfs(0.2), 0, network.CreateWorkspace()));
        Assert.Contains("Forward", e.Message);
        var nan = Assert.Throws<ArgumentException>(() => network.Prepare(new NetworkParameters([1, 1, double.NaN, 1, 1, 1])));
        Assert.Contains("parameters[2]: must be finite", nan.Message);
        Assert.Throws<ArgumentException>(() => network.Prepare(new NetworkParameters([1, 1, 1, double.PositiveInfinity, 1, 1])));
    }

    [Fact]
    public void SizesThatOverflowAreRefusedNotWrapped()
    {
        var huge = NetworkSpec.Create(100000, Seq<LayerSpec>(new BroadcastLayer(), new NeuronLayer(100000, NeuronParameters.EqualTau())));
        Assert.True(huge.IsFail);
        Assert.Contains("too large", huge.Match(_ => "", e => e.Message));
        var wide = NetworkSpec.Create(65536, Seq<LayerSpec>(new BroadcastLayer(), new NeuronLayer(65536, NeuronParameters.EqualTau()), new BroadcastLayer(), new NeuronLayer(65536, NeuronParameters.EqualTau())));
        Assert.Contains("exceed", wide.Match(_ => "", e => e.Message));
    }

    [Theory]
    [InlineData("null-gradient", "expected.gradients_per_layer[1]: must be an object: this layer has parameters")]
    [InlineData("time-unit", "time_unit: must be one of tau_syn, got \"ms\"")]
    [InlineData("minus-infinity", "inputs[0][1]: must be a spike time or \"Infinity\" (no spike), got -Infinity")]
    [InlineData("short-row", "inputs[0]: must have 4 entries, got 3")]
    [InlineData("effective-delays", "layers[0].effective_delays: entry 1 is 1.4749778471969")]
    public void VectorFilesThatContradictThemselvesAreRejected(string mutation, string expected)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Data.ReferenceFiles.RepositoryRoot(), "tests", "data", "reference", "double_tau_axonal.json")))!;
        switch (mutation)
        {
            case "null-gradient":
                json["expected"]!["gradients_per_layer"]![1] = null;
                break;
            case "time-unit":
                json["time_unit"] = "ms";
                break;
            case "minus-infinity":
                json["inputs"]![0]![1] = "-Infinity";
                break;
            case "short-row":
                json["inputs"]![0]!.AsArray().RemoveAt(3);
                break;
            default:
                json["layers"]![0]!["effective_delays"]![1]![0] = json["layers"]![0]!["effective_delays"]![1]![0]!.GetValue<double>() + 1.0;
                break;
        }

        string message = Verification.ReferenceVectorFile.Parse(json.ToJsonString(), "v.json").Match(_ => "", e => e.Message);
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.Matches(@"^v\.json:\d+:\d+: ", message);
    }
}
