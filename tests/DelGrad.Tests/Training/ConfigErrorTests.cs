using DelGrad.Serialization;
using DelGrad.Training;

namespace DelGrad.Tests.Training;

public class ConfigErrorTests
{
    private static string Base => File.ReadAllText(Path.Combine(Data.ReferenceFiles.RepositoryRoot(), "configs", "yinyang-h30-ws.json"));

    private static string Error(string text) => ConfigReader.Parse(text, "cfg.json").Match(_ => "", e => e.Message);

    [Theory]
    [InlineData("\"batch_size\": 150", "\"batch_sise\": 150", "training.batch_sise: unknown key (did you mean \"batch_size\"?)")]
    [InlineData("\"batch_size\": 150", "\"batch_size\": \"150\"", "training.batch_size: must be an integer")]
    [InlineData("\"batch_size\": 150", "\"batch_size\": 150, \"kernel\": \"fast\"", "training.kernel: must be one of compiled, runtime")]
    [InlineData("\"batch_size\": 150", "\"batch_size\": 0", "training.batch_size: must be between 1")]
    [InlineData("\"gamma\": 0.95", "\"gamma\": -1", "training.lr_schedule.gamma: must be in")]
    [InlineData("\"tau_mem\": 2.0", "\"tau_mem\": -2.0", "tau_mem must be a positive finite time constant")]
    [InlineData("\"kind\": \"synaptic\"", "\"kind\": \"synaptik\"", "kind: must be one of synaptic, axonal, dendritic")]
    [InlineData("\"type\": \"neurons\"", "\"type\": \"neuron\"", "unknown layer type \"neuron\"")]
    [InlineData("\"max_num_missing_spikes\": [\n      0.3,\n      0.0\n    ]", "\"max_num_missing_spikes\": [1.3, 0.0]", "max_num_missing_spikes[0]: must be a fraction")]
    public void BadValuesNameTheKeyAndLine(string find, string replace, string expected)
    {
        Assert.Contains(find, Base);
        string message = Error(Base.Replace(find, replace, StringComparison.Ordinal));
        Assert.Contains(expected, message);
        Assert.Matches(@"^cfg\.json:\d+:\d+: ", message);
        Assert.DoesNotContain("   at ", message);
    }

    [Theory]
    [InlineData("runtime", KernelChoice.Runtime)]
    [InlineData("compiled", KernelChoice.Compiled)]
    public void TheKernelChoiceIsReadAndWrittenBack(string value, KernelChoice expected)
    {
        var config = ConfigReader.Parse(Base.Replace("\"batch_size\": 150", $"\"batch_size\": 150, \"kernel\": \"{value}\"", StringComparison.Ordinal), "cfg.json").ThrowIfFail();
        Assert.Equal(expected, config.Training.Kernel);
        Assert.Equal(config, ConfigReader.Parse(Serialization.ConfigWriter.Write(config), "again.json").ThrowIfFail());
        Assert.Equal(KernelChoice.Compiled, ConfigReader.Parse(Base, "cfg.json").ThrowIfFail().Training.Kernel);
    }

    [Fact]
    public void MalformedJsonGivesLineAndColumn()
    {
        string message = Error("{\n  \"name\": \"x\",\n  \"network\": {\n}");
        Assert.StartsWith("cfg.json:4:2: malformed JSON", message);
    }

    [Fact]
    public void MissingInitIsNamed()
    {
        const string text = """
            {
              "network": {"inputs": 4, "layers": [
                {"type": "broadcast"},
                {"type": "neurons", "size": 3, "tau_mem": 2.0, "tau_syn": 1.0, "threshold": 1.0}
              ]},
              "loss": {"type": "TTFS", "xi": 0.2},
              "training": {"epochs": 1, "batch_size": 10, "learning_rate": {"weights": 0.01}}
            }
            """;
        Assert.Equal("cfg.json:4:5: network.layers[1].init: missing (an object {\"mean\": m, \"std\": s} drawing this layer's initial parameters) [DG0010]", Error(text));
    }
}
