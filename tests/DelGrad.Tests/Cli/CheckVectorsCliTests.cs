using System.Text.Json;
using System.Text.RegularExpressions;
using DelGrad.Cli;
using DelGrad.Tests.Data;
using JNode = System.Text.Json.Nodes.JsonNode;
using JArray = System.Text.Json.Nodes.JsonArray;
using JObject = System.Text.Json.Nodes.JsonObject;

namespace DelGrad.Tests.Cli;

/// <summary><c>delgrad check-vectors</c> end to end through <see cref="Commands.Run"/>: exit codes and messages.</summary>
public sealed class CheckVectorsCliTests : IDisposable
{
    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("delgrad-cli-tests-");

    public void Dispose() => temp.Delete(recursive: true);

    private static string[] Names() =>
        [.. ReferenceFiles.NetworkVectorNames];

    public static TheoryData<string> Files() => [.. Names()];

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Commands.Run(args, stdout, stderr);
        string err = stderr.ToString();
        Assert.DoesNotContain("   at ", err); // never a stack trace
        Assert.DoesNotContain("Exception", err);
        return (code, stdout.ToString(), err);
    }

    private static string Reference(string name) => Path.Combine(ReferenceFiles.Directory, name);

    private static JObject Load(string name) => (JObject)JNode.Parse(File.ReadAllText(Reference(name)))!;

    private string Write(string name, string text)
    {
        string path = Path.Combine(temp.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string Write(string name, JObject doc) => Write(name, doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    private static int FirstNeuronsLayer(JObject doc)
    {
        var layers = doc["layers"]!.AsArray();
        for (int i = 0; i < layers.Count; i++)
        {
            if ((string?)layers[i]!["type"] == "neurons")
            {
                return i;
            }
        }

        throw new InvalidOperationException("no neurons layer");
    }

    private static void AssertOneLineNaming(string err, params string[] parts)
    {
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        foreach (var part in parts)
        {
            Assert.Contains(part, lines[0]);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ReferenceFilesPass(string name)
    {
        var (code, output, err) = Run("check-vectors", Reference(name));
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, err);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(name, line);
        Assert.EndsWith("-> OK", line.TrimEnd());
    }

    [Fact]
    public void AllReferenceFilesAtOnceWithThreadsPass()
    {
        var files = Names().Select(Reference).ToArray();
        Assert.Equal(7, files.Length);
        var (code, output, _) = Run(["check-vectors", "--threads", "3", .. files]);
        Assert.Equal(0, code);
        Assert.Equal(files.Length, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.TrimEnd().EndsWith("-> OK", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("double_tau_weights.json")]
    [InlineData("double_tau_axonal.json")]
    [InlineData("equal_tau_multiplex_axonal_shared.json")]
    public void GradientChangedByTenPercentFails(string name)
    {
        var doc = Load(name);
        // The largest expected gradient entry (weights or raw delay parameters), scaled by 1.1.
        JArray? bestRow = null;
        int bestIndex = -1;
        double best = 0;
        foreach (var layer in doc["expected"]!["gradients_per_layer"]!.AsArray())
        {
            if (layer is not JObject block)
            {
                continue;
            }

            foreach (var (_, matrix) in block)
            {
                foreach (var row in matrix!.AsArray())
                {
                    var r = row!.AsArray();
                    for (int k = 0; k < r.Count; k++)
                    {
                        double v = r[k]!.GetValue<double>();
                        if (Math.Abs(v) > best)
                        {
                            (best, bestRow, bestIndex) = (Math.Abs(v), r, k);
                        }
                    }
                }
            }
        }

        Assert.NotNull(bestRow);
        bestRow[bestIndex] = bestRow[bestIndex]!.GetValue<double>() * 1.1;
        string path = Write(name, doc);
        var (code, output, err) = Run("check-vectors", path);
        Assert.Equal(1, code);
        Assert.Equal(string.Empty, err);
        Assert.EndsWith("-> FAIL", output.TrimEnd());

        // Mixed with a good file the worst outcome wins; with an unreadable one, exit 2.
        Assert.Equal(1, Run("check-vectors", Reference(name), path).Code);
        Assert.Equal(2, Run("check-vectors", path, Path.Combine(temp.FullName, "missing.json")).Code);
    }

    [Fact]
    public void TruncatedJsonIsExit2WithFileLineAndColumn()
    {
        string text = File.ReadAllText(Reference("double_tau_weights.json"));
        string path = Write("truncated.json", text[..(text.Length / 2)]);
        var (code, output, err) = Run("check-vectors", path);
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        AssertOneLineNaming(err, path, "DG0004");
        Assert.Matches(new Regex(Regex.Escape(path) + @":\d+:\d+: "), err);
    }

    [Fact]
    public void MissingFileIsExit2()
    {
        string path = Path.Combine(temp.FullName, "does-not-exist.json");
        var (code, _, err) = Run("check-vectors", path);
        Assert.Equal(2, code);
        AssertOneLineNaming(err, path);
    }

    [Fact]
    public void NaNWeightIsExit2NamingTheField()
    {
        var doc = Load("double_tau_weights.json");
        int l = FirstNeuronsLayer(doc);
        doc["layers"]![l]!["weights"]![0]![0] = "NaN";
        string path = Write("nan.json", doc);
        var (code, _, err) = Run("check-vectors", path);
        Assert.Equal(2, code);
        AssertOneLineNaming(err, path, $"layers[{l}].weights[0][0]", "NaN");
    }

    [Fact]
    public void UnknownLayerTypeIsExit2NamingIt()
    {
        var doc = Load("double_tau_weights.json");
        doc["layers"]![0]!["type"] = "convolution";
        string path = Write("unknown.json", doc);
        var (code, _, err) = Run("check-vectors", path);
        Assert.Equal(2, code);
        Assert.Contains("\"convolution\"", err);
        Assert.Contains("layers[0].type", err);
        Assert.Contains("DG0005", err);
    }

    [Fact]
    public void NegativeTauMemIsExit2NamingIt()
    {
        var doc = Load("double_tau_weights.json");
        int l = FirstNeuronsLayer(doc);
        doc["layers"]![l]!["tau_mem"] = -2.0;
        string path = Write("tau.json", doc);
        var (code, _, err) = Run("check-vectors", path);
        Assert.Equal(2, code);
        AssertOneLineNaming(err, path, $"layers[{l}].tau_mem", "DG0002");
    }

    [Fact]
    public void ShortWeightRowIsExit2()
    {
        var doc = Load("double_tau_weights.json");
        int l = FirstNeuronsLayer(doc);
        var row = doc["layers"]![l]!["weights"]![1]!.AsArray();
        row.RemoveAt(row.Count - 1);
        string path = Write("shape.json", doc);
        var (code, _, err) = Run("check-vectors", path);
        Assert.Equal(2, code);
        AssertOneLineNaming(err, path, $"layers[{l}].weights[1]", "columns");
    }

    [Fact]
    public void NoFileIsExit2()
    {
        var (code, output, err) = Run("check-vectors");
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("error:", err);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("many")]
    public void BadThreadCountIsExit2(string threads)
    {
        var (code, output, err) = Run("check-vectors", "--threads", threads, Reference("double_tau_weights.json"));
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("--threads", err);
    }
}
