using CsCheck;
using DelGrad.Specs.Format;

namespace DelGrad.Tests.Properties;

/// <summary>The shared spec reader: JSON syntax positions and the network diagnostics DG0002-DG0008.</summary>
public class SpecReaderTests
{
    [Theory]
    [InlineData("{\n  \"a\": 1,\n  \"b\": ]\n}", 3, 8)]          // a value expected, ']' found
    [InlineData("[1, 2,]", 1, 7)]                              // trailing comma
    [InlineData("{\"a\" 1}", 1, 6)]                            // missing colon
    [InlineData("{}\n\n   x", 3, 4)]                           // text after the value
    [InlineData("[\n  \"open", 2, 8)]                         // unterminated string (at the end of the text)
    [InlineData("{\"a\": 01}", 1, 8)]                          // leading zero: strict RFC 8259
    [InlineData("{\"a\": NaN}", 1, 7)]                         // NaN is not JSON (the format writes "NaN")
    public void SyntaxErrorsReportLineAndColumn(string text, int line, int column)
    {
        var node = JsonParser.TryParse(text, out var error);
        Assert.Null(node);
        Assert.NotNull(error);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    [Fact]
    public void ValuesRememberTheirPositions()
    {
        var node = JsonParser.TryParse("{\n  \"layers\": [\n    {\"type\": \"neurons\"},\n    7.5e-1\n  ]\n}", out var error);
        Assert.Null(error);
        Assert.NotNull(node);
        var layers = node["layers"]!;
        Assert.Equal((2, 13), (layers.Line, layers.Column));
        Assert.Equal((3, 5), (layers.Items[0].Line, layers.Items[0].Column));
        Assert.Equal((4, 5), (layers.Items[1].Line, layers.Items[1].Column));
        Assert.Equal(0.75, layers.Items[1].Number);
        Assert.Equal("neurons", layers.Items[0]["type"]!.Text);
    }

    [Fact]
    public void NeverThrowsAndPositionsAreInsideTheText()
    {
        const string alphabet = "{}[]:,\"\\ \n\t0123456789.eE+-truefalsnul\u00e9";
        Gen.Char[alphabet].Array[0, 40].Select(cs => new string(cs)).Sample(text =>
        {
            var node = JsonParser.TryParse(text, out var error);
            Assert.True((node == null) != (error == null));
            if (error != null)
            {
                int lines = text.Count(c => c == '\n') + 1;
                Assert.InRange(error.Line, 1, lines);
                Assert.InRange(error.Column, 1, text.Length + 1);
            }
        }, iter: 20_000);
    }

    private static List<SpecDiagnostic> Read(string layersJson, int inputs = 3)
    {
        var node = JsonParser.TryParse(layersJson, out var error);
        Assert.True(node != null, error?.Message);
        var sink = new List<SpecDiagnostic>();
        NetworkReader.Read(node, "layers", inputs, requireParameters: false, sink);
        return sink;
    }

    private const string Neurons = "\"type\": \"neurons\", \"size\": 4, \"tau_mem\": 2.0, \"tau_syn\": 1.0, \"threshold\": 1.0";

    [Fact]
    public void ValidNetworkHasNoDiagnostics()
    {
        var sink = Read("[{\"type\": \"delays\", \"kind\": \"axonal\", \"presyn_sharing_factor\": 3}, {" + Neurons + ", \"g_leak\": 0.5}, {\"type\": \"broadcast\"}, {" + Neurons + "}]");
        Assert.Empty(sink);
    }

    [Fact]
    public void UnknownKeyIsReportedWithASuggestionAndPosition()
    {
        var sink = Read("[\n  {" + Neurons + ",\n   \"lek\": 0.1}\n]");
        var d = Assert.Single(sink);
        Assert.Equal(SpecCodes.UnknownKey, d.Code);
        Assert.Equal("layers[0].lek", d.Path);
        Assert.Contains("did you mean \"leak\"", d.Message);
        Assert.Equal((3, 11), (d.Line, d.Column));
        Assert.StartsWith("net.json:3:11: layers[0].lek", d.Format("net.json"));
        Assert.EndsWith("[DG0005]", d.Format("net.json"));
    }

    [Fact]
    public void UnknownLayerTypeIsReported()
    {
        var d = Assert.Single(Read("[{\"type\": \"dense\"}, {" + Neurons + "}]"));
        Assert.Equal(SpecCodes.UnknownKey, d.Code);
        Assert.Contains("\"dense\"", d.Message);
        Assert.Contains("neurons", d.Message); // lists what is expected
    }

    [Theory]
    [InlineData("[{\"type\": \"delays\", \"kind\": \"synaptic\"}, {\"type\": \"broadcast\"}, {NEURONS}]")]
    [InlineData("[{NEURONS}, {\"type\": \"delays\", \"kind\": \"dendritic\"}]")]
    [InlineData("[{\"type\": \"delays\", \"kind\": \"axonal\"}, {\"type\": \"bias_spikes\", \"times\": [0.5]}, {NEURONS}]")]
    public void MisplacedDelaysAreDG0008(string layers)
    {
        var d = Assert.Single(Read(layers.Replace("NEURONS", Neurons)));
        Assert.Equal(SpecCodes.MisplacedDelays, d.Code);
        Assert.Matches(@"^layers\[\d\]$", d.Path);
    }

    [Theory]
    [InlineData("\"presyn_sharing_factor\": 2", "presyn_sharing_factor", "3")]  // 3 inputs
    [InlineData("\"postsyn_sharing_factor\": 3", "postsyn_sharing_factor", "4")] // 4 neurons
    public void SharingThatDoesNotDivideIsDG0007(string sharing, string field, string size)
    {
        var d = Assert.Single(Read("[{\"type\": \"delays\", \"kind\": \"synaptic\", " + sharing + "}, {" + Neurons + "}]"));
        Assert.Equal(SpecCodes.BadSharing, d.Code);
        Assert.Equal("layers[0]." + field, d.Path);
        Assert.Contains("does not divide", d.Message);
        Assert.EndsWith(size, d.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    public void EmptyLayerIsDG0006(string size)
    {
        var sink = Read("[{" + Neurons.Replace("\"size\": 4", "\"size\": " + size) + "}]");
        Assert.Contains(sink, d => d.Code == SpecCodes.EmptyLayer && d.Path == "layers[0].size");
    }

    [Fact]
    public void NoNeuronLayerIsDG0006()
    {
        var d = Assert.Single(Read("[{\"type\": \"broadcast\"}]"));
        Assert.Equal(SpecCodes.EmptyLayer, d.Code);
    }

    [Fact]
    public void InconsistentGLeakIsDG0003()
    {
        var d = Assert.Single(Read("[{" + Neurons + ", \"g_leak\": 0.7}]"));
        Assert.Equal(SpecCodes.InconsistentLeak, d.Code);
        Assert.Equal("layers[0].g_leak", d.Path);
        Assert.Contains("0.5", d.Message); // the value it must equal
        Assert.Contains("0.7", d.Message);
    }

    [Theory]
    [InlineData("tau_mem", "-2.0")]
    [InlineData("tau_syn", "-1.0")]
    [InlineData("tau_mem", "0")]
    public void NonPositiveTimeConstantIsDG0002(string field, string value)
    {
        string neurons = Neurons.Replace("\"" + field + "\": " + (field == "tau_mem" ? "2.0" : "1.0"), "\"" + field + "\": " + value);
        var sink = Read("[{" + neurons + "}]");
        var d = Assert.Single(sink, x => x.Code == SpecCodes.BadTimeConstant);
        Assert.Equal("layers[0]." + field, d.Path);
        Assert.Contains(field, d.Message);
        Assert.DoesNotContain(sink, x => x.Code == SpecCodes.InconsistentLeak); // no follow-up noise from the bad tau
    }
}
