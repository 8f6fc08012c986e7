extern alias gen;

using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DelGrad.Generators.Tests;

public sealed class NeuronConfigGeneratorTests
{
    private const string Configs = """
        using DelGrad.Solvers;
        namespace Sample
        {
            /// <summary>Equal.</summary>
            [NeuronConfig(1, 1, 1)] public partial struct Equal { }
            /// <summary>Double.</summary>
            [NeuronConfig(2, 1, 1)] public partial struct Double { }
            /// <summary>General.</summary>
            [NeuronConfig(3, 0.5, 1.25, 0.25)] public partial struct General { }
            /// <summary>Outer.</summary>
            public static partial class Outer
            {
                /// <summary>Nested.</summary>
                [NeuronConfig(1, 1, 2)] internal partial struct Nested { }
            }
        }
        """;

    private static Location Single(string source, string code)
    {
        var (_, _, diagnostics) = Harness.Run(Harness.Compilation(source));
        var matching = diagnostics.Where(d => d.Id == code).ToList();
        Assert.True(matching.Count == 1, string.Join("\n", diagnostics));
        return matching[0].Location;
    }

    private static string TextAt(string source, Location location) => source.Substring(location.SourceSpan.Start, location.SourceSpan.Length);

    [Fact]
    public void GeneratedSolversCompileWithoutWarnings()
    {
        var (run, output, diagnostics) = Harness.Run(Harness.Compilation(Configs));
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Equal(4, run.GeneratedTrees.Length);
    }

    [Fact]
    public void GoldenSources()
    {
        var (run, _, _) = Harness.Run(Harness.Compilation(Configs));
        foreach (var source in run.Results.SelectMany(r => r.GeneratedSources))
        {
            Harness.Golden(source.HintName, source.SourceText.ToString());
        }
    }

    [Fact]
    public void DG0001NotPartial()
    {
        const string src = "using DelGrad.Solvers; [NeuronConfig(1, 1, 1)] public struct Plain { }";
        Assert.Equal("Plain", TextAt(src, Single(src, "DG0001")));
    }

    [Fact]
    public void DG0001NotAStruct()
    {
        const string src = "using DelGrad.Solvers; [NeuronConfig(1, 1, 1)] public partial class Klass { }";
        Assert.Equal("Klass", TextAt(src, Single(src, "DG0001")));
    }

    [Theory]
    [InlineData("0", "1", "0")]
    [InlineData("2", "-1.5", "-1.5")]
    [InlineData("double.PositiveInfinity", "1", "double.PositiveInfinity")]
    [InlineData("double.NaN", "1", "double.NaN")]
    public void DG0002TimeConstants(string tauMem, string tauSyn, string expected)
    {
        string src = $"using DelGrad.Solvers; [NeuronConfig({tauMem}, {tauSyn}, 1)] public partial struct Bad {{ }}";
        var (run, _, diagnostics) = Harness.Run(Harness.Compilation(src));
        var d = Assert.Single(diagnostics.Where(x => x.Id.StartsWith("DG", StringComparison.Ordinal)));
        Assert.Equal("DG0002", d.Id);
        Assert.Equal(expected, TextAt(src, d.Location));
        Assert.Empty(run.GeneratedTrees);
    }

    [Fact]
    public void DG0003InconsistentLeakAtNamedArgument()
    {
        const string src = "using DelGrad.Solvers; [NeuronConfig(2, 1, 1, gLeak: 0.7)] public partial struct Bad { }";
        Assert.Equal("0.7", TextAt(src, Single(src, "DG0003")));
    }

    [Fact]
    public void ConsistentExplicitLeakIsAccepted()
    {
        const string src = "using DelGrad.Solvers; [NeuronConfig(2, 1, 1, 0, 0.5)] public partial struct Good { }";
        var (run, _, diagnostics) = Harness.Run(Harness.Compilation(src));
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Single(run.GeneratedTrees);
    }

    [Fact]
    public void SecondRunAndUnrelatedEditAreCached()
    {
        var compilation = Harness.Compilation(Configs);
        var driver = Harness.Driver().RunGenerators(compilation);
        driver = driver.RunGenerators(compilation.Clone());
        AssertAllCached(driver.GetRunResult(), gen::DelGrad.Generators.NeuronConfigGenerator.ModelStep);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other { public class Unrelated { public int X => 1; } }", Harness.Parse, "Unrelated.cs"));
        driver = driver.RunGenerators(edited);
        AssertAllCached(driver.GetRunResult(), gen::DelGrad.Generators.NeuronConfigGenerator.ModelStep);
    }

    [Fact]
    public void EditingOneConfigRegeneratesOnlyIt()
    {
        var compilation = Harness.Compilation(Configs);
        var driver = Harness.Driver().RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single();
        var changed = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(Configs.Replace("[NeuronConfig(2, 1, 1)]", "[NeuronConfig(2, 1, 1.5)]", StringComparison.Ordinal))));
        driver = driver.RunGenerators(changed);
        var steps = driver.GetRunResult().Results.SelectMany(r => r.TrackedSteps.TryGetValue(gen::DelGrad.Generators.NeuronConfigGenerator.ModelStep, out var s) ? s : []).ToList();
        var reasons = steps.SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(3, reasons.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
    }

    internal static void AssertAllCached(GeneratorDriverRunResult result, string step)
    {
        var steps = result.Results.SelectMany(r => r.TrackedSteps.TryGetValue(step, out var s) ? s : []).ToList();
        Assert.NotEmpty(steps);
        foreach (var output in steps.SelectMany(s => s.Outputs))
        {
            Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {output.Reason}");
        }

        foreach (var output in result.Results.SelectMany(r => r.TrackedOutputSteps).SelectMany(s => s.Value).SelectMany(s => s.Outputs))
        {
            Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output: {output.Reason}");
        }
    }

    [Fact]
    public void ModelsHoldNoSymbolsSyntaxOrCompilation()
    {
        var assembly = typeof(gen::DelGrad.Generators.NeuronConfigGenerator).Assembly;
        var models = assembly.GetTypes().Where(t => t.Name.EndsWith("Model", StringComparison.Ordinal) || t.Name.EndsWith("Info", StringComparison.Ordinal)).ToList();
        Assert.Contains(models, t => t.Name == "NeuronConfigModel");
        var seen = new HashSet<Type>();
        foreach (var model in models)
        {
            Check(model, seen);
        }
    }

    private static void Check(Type type, HashSet<Type> seen)
    {
        if (!seen.Add(type) || type.IsPrimitive || type == typeof(string) || type.IsEnum)
        {
            return;
        }

        Assert.False(typeof(ISymbol).IsAssignableFrom(type), type.FullName);
        Assert.False(typeof(SyntaxNode).IsAssignableFrom(type), type.FullName);
        Assert.False(typeof(Compilation).IsAssignableFrom(type), type.FullName);
        Assert.False(typeof(SemanticModel).IsAssignableFrom(type), type.FullName);
        Assert.False(typeof(SyntaxTree).IsAssignableFrom(type), type.FullName);
        Assert.False(type == typeof(Location) || type.IsSubclassOf(typeof(Location)), type.FullName);
        if (type.Namespace?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true)
        {
            return; // TextSpan / LinePositionSpan: plain equatable structs
        }

        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            var ft = field.FieldType.IsArray ? field.FieldType.GetElementType()! : field.FieldType;
            Check(ft, seen);
            foreach (var arg in ft.IsGenericType ? ft.GetGenericArguments() : [])
            {
                Check(arg, seen);
            }
        }
    }
}
