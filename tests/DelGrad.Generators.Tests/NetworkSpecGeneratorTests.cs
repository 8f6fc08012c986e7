extern alias gen;

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DelGrad.Generators.Tests;

public sealed class NetworkSpecGeneratorTests
{
    private const string Good = """
        {
          "name": "tiny",
          "network": {
            "inputs": 2,
            "layers": [
              { "type": "delays", "kind": "synaptic" },
              { "type": "neurons", "size": 3, "tau_mem": 2.0, "tau_syn": 1.0, "threshold": 1.0 }
            ]
          },
          "loss": { "type": "TTFS", "xi": 0.2 },
          "training": { "anything": [1, 2, 3] }
        }
        """;

    private const string Registry = gen::DelGrad.Generators.NetworkSpecGenerator.RegistryClass;

    private static string SpecsDirectory => Path.Combine(AppContext.BaseDirectory, "Specs");

    private static MemoryText Spec(string name, string text) => new($"/specs/{name}", text);

    private static (string Text, List<Diagnostic> Diagnostics, GeneratorDriverRunResult Run) RunOne(string text)
    {
        var (run, _, diagnostics) = Harness.Run(Harness.Compilation("namespace X { }"), [Spec("bad.delgrad.json", text)]);
        return (text, diagnostics.Where(d => d.Id.StartsWith("DG", StringComparison.Ordinal)).ToList(), run);
    }

    private static void Expect(string text, string code, int line, int column)
    {
        var (_, diagnostics, run) = RunOne(text);
        Assert.True(diagnostics.Count >= 1, "no diagnostic");
        var d = diagnostics.First();
        Assert.Equal(code, d.Id);
        var span = d.Location.GetLineSpan();
        Assert.Equal("/specs/bad.delgrad.json", span.Path);
        Assert.Equal(line - 1, span.StartLinePosition.Line);
        Assert.Equal(column - 1, span.StartLinePosition.Character);
        Assert.Empty(run.GeneratedTrees);
    }

    [Fact]
    public void GoodSpecCompilesWithoutWarningsInRootNamespace()
    {
        var (run, output, diagnostics) = Harness.Run(Harness.Compilation("namespace X { }"), [Spec("tiny-net.delgrad.json", Good)], rootNamespace: "My.Root");
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.NotNull(output.GetTypeByMetadataName("My.Root.TinyNetNetwork"));
        Assert.NotNull(output.GetTypeByMetadataName("My.Root." + Registry));
        Assert.Equal(2, run.GeneratedTrees.Length);
    }

    [Fact]
    public void AnExperimentConfigMarkedDelGradNetworkCompilesUnderItsOwnName()
    {
        // The one copy of a config (configs/*.json, with description, training and data sections) compiles without a *.delgrad.json copy.
        string config = Good.TrimEnd().TrimEnd('}') + ", \"description\": \"an experiment\", \"data\": { \"dataset\": \"yinyang\" } }";
        var marked = new MemoryText("/configs/my-experiment.json", config, new Dictionary<string, string> { [gen::DelGrad.Generators.NetworkSpecGenerator.NetworkMetadata] = "true" });
        var unmarked = new MemoryText("/configs/other.json", config);
        var (run, output, diagnostics) = Harness.Run(Harness.Compilation("namespace X { }"), [marked, unmarked], rootNamespace: "My.Root");
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.NotNull(output.GetTypeByMetadataName("My.Root.MyExperimentNetwork"));
        Assert.Null(output.GetTypeByMetadataName("My.Root.OtherNetwork"));
        Assert.Equal(2, run.GeneratedTrees.Length);
    }

    [Fact]
    public void DefaultNamespace()
    {
        var (_, output, _) = Harness.Run(Harness.Compilation("namespace X { }"), [Spec("tiny.delgrad.json", Good)]);
        Assert.NotNull(output.GetTypeByMetadataName("DelGrad.Compiled.TinyNetwork"));
    }

    [Fact]
    public void GoldenNetworkSources()
    {
        var texts = Directory.GetFiles(SpecsDirectory, "*.delgrad.json").Order(StringComparer.Ordinal).Select(f => (AdditionalText)new MemoryText(f, File.ReadAllText(f))).ToList();
        var (run, _, diagnostics) = Harness.Run(Harness.Compilation("namespace X { }"), texts, rootNamespace: "DelGrad.Generators.Tests");
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var sources = run.Results.SelectMany(r => r.GeneratedSources).ToList();
        Assert.Equal(texts.Count + 1, sources.Count); // a class per spec and the project's registry
        foreach (var source in sources)
        {
            Harness.Golden(source.HintName, source.SourceText.ToString());
        }
    }

    [Fact]
    public void DG0004MalformedJson() => Expect("{\n  \"network\": {\n    \"inputs\": 2,,\n  }\n}", "DG0004", 3, 17);

    [Fact]
    public void DG0005UnknownLayer() => Expect(Good.Replace("\"type\": \"delays\"", "\"type\": \"dealys\"", StringComparison.Ordinal), "DG0005", 6, 17);

    [Fact]
    public void DG0005UnknownKey() => Expect(Good.Replace("\"threshold\": 1.0", "\"treshold\": 1.0, \"threshold\": 1.0", StringComparison.Ordinal), "DG0005", 7, 83);

    [Fact]
    public void DG0006EmptyLayer() => Expect(Good.Replace("\"size\": 3", "\"size\": 0", StringComparison.Ordinal), "DG0006", 7, 36);

    [Fact]
    public void DG0007SharingDoesNotDivide() => Expect(Good.Replace("\"kind\": \"synaptic\"", "\"kind\": \"synaptic\", \"postsyn_sharing_factor\": 2", StringComparison.Ordinal), "DG0007", 6, 7);

    [Fact]
    public void DG0008DelaysWithoutReceiver() => Expect(Good.Replace("{ \"type\": \"neurons\"", "{ \"type\": \"multiplex\", \"factor\": 1 },\n      { \"type\": \"neurons\"", StringComparison.Ordinal), "DG0008", 6, 7);

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{ \"network\": 3, \"loss\": [] }")]
    [InlineData("{ \"network\": { \"inputs\": -1, \"layers\": [ 1, { } ] }, \"loss\": { \"type\": \"nope\" } }")]
    [InlineData("{ \"network\": { \"inputs\": 2, \"layers\": [] }, \"loss\": { \"type\": \"MSE\" } }")]
    public void BrokenSpecsReportAndNeverCrash(string text)
    {
        var (_, diagnostics, run) = RunOne(text);
        Assert.NotEmpty(diagnostics);
        Assert.DoesNotContain(diagnostics, d => d.Id == "DG0099");
        Assert.All(run.Results, r => Assert.Null(r.Exception));
    }

    [Fact]
    public void EditingOneSpecRegeneratesOnlyIt()
    {
        var compilation = Harness.Compilation("namespace X { }");
        AdditionalText a = Spec("a.delgrad.json", Good), b = Spec("b.delgrad.json", Good);
        var driver = Harness.Driver([a, b]).RunGenerators(compilation);
        driver = driver.RunGenerators(compilation);
        NeuronConfigGeneratorTests.AssertAllCached(driver.GetRunResult(), gen::DelGrad.Generators.NetworkSpecGenerator.ModelStep);

        driver = driver.RunGenerators(compilation.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class Unrelated { }", Harness.Parse)));
        NeuronConfigGeneratorTests.AssertAllCached(driver.GetRunResult(), gen::DelGrad.Generators.NetworkSpecGenerator.ModelStep);

        driver = driver.ReplaceAdditionalText(b, Spec("b.delgrad.json", Good.Replace("\"size\": 3", "\"size\": 4", StringComparison.Ordinal))).RunGenerators(compilation);
        var steps = driver.GetRunResult().Results.SelectMany(r => r.TrackedSteps.TryGetValue(gen::DelGrad.Generators.NetworkSpecGenerator.ModelStep, out var s) ? s : []).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(1, steps.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(1, steps.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
    }

    // The registry collects the models: a spec's layers change its class only; a spec added, removed or renamed changes the list.
    [Fact]
    public void TheRegistryIsRegeneratedOnlyWhenTheListChanges()
    {
        var compilation = Harness.Compilation("namespace X { }");
        AdditionalText a = Spec("a.delgrad.json", Good), b = Spec("b.delgrad.json", Good);
        var driver = Harness.Driver([a, b]).RunGenerators(compilation);
        Assert.Contains("global::DelGrad.Compiled.BNetwork.Spec", RegistrySource(driver.GetRunResult()), StringComparison.Ordinal);
        driver = driver.RunGenerators(compilation);
        NeuronConfigGeneratorTests.AssertAllCached(driver.GetRunResult(), gen::DelGrad.Generators.NetworkSpecGenerator.RegistryStep);

        driver = driver.ReplaceAdditionalText(b, Spec("b.delgrad.json", Good.Replace("\"size\": 3", "\"size\": 4", StringComparison.Ordinal))).RunGenerators(compilation);
        Assert.Equal(1, Reasons(driver, gen::DelGrad.Generators.NetworkSpecGenerator.ModelStep).Count(r => r == IncrementalStepRunReason.Modified));
        Assert.All(Reasons(driver, gen::DelGrad.Generators.NetworkSpecGenerator.RegistryEntryStep), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
        Assert.All(Reasons(driver, gen::DelGrad.Generators.NetworkSpecGenerator.RegistryStep), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));

        driver = driver.AddAdditionalTexts([Spec("c.delgrad.json", Good)]).RunGenerators(compilation);
        Assert.Equal([IncrementalStepRunReason.Modified], Reasons(driver, gen::DelGrad.Generators.NetworkSpecGenerator.RegistryStep));
        Assert.Contains("global::DelGrad.Compiled.CNetwork.Spec", RegistrySource(driver.GetRunResult()), StringComparison.Ordinal);

        // A spec that fails is no class, so the registry leaves it out; with no network at all there is no registry.
        driver = driver.ReplaceAdditionalText(a, Spec("a.delgrad.json", "{")).RunGenerators(compilation);
        Assert.DoesNotContain("ANetwork", RegistrySource(driver.GetRunResult()), StringComparison.Ordinal);
        var (run, _, _) = Harness.Run(Harness.Compilation("namespace X { }"), [Spec("bad.delgrad.json", "{")]);
        Assert.Empty(run.GeneratedTrees);
    }

    private static List<IncrementalStepRunReason> Reasons(GeneratorDriver driver, string step) =>
        driver.GetRunResult().Results.SelectMany(r => r.TrackedSteps.TryGetValue(step, out var s) ? s : []).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();

    private static string RegistrySource(GeneratorDriverRunResult run) =>
        run.Results.SelectMany(r => r.GeneratedSources).Single(s => s.HintName == Registry + ".g.cs").SourceText.ToString();

    [Theory]
    [InlineData("yinyang-h30-ws.delgrad.json", "YinyangH30WsNetwork")]
    [InlineData("fastanddeep.delgrad.json", "FastanddeepNetwork")]
    [InlineData("9 lives.delgrad.json", "_9LivesNetwork")]
    public void ClassNames(string file, string expected) => Assert.Equal(expected, gen::DelGrad.Generators.NetworkSpecGenerator.ClassName(file));
}
