extern alias gen;

using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Basic.Reference.Assemblies;
using DelGrad.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DelGrad.Generators.Tests;

/// <summary>An additional file held in memory; <paramref name="metadata"/> are its item's metadata (name -> value).</summary>
internal sealed class MemoryText(string path, string text, IReadOnlyDictionary<string, string>? metadata = null) : AdditionalText
{
    public override string Path { get; } = path;

    /// <summary>The item's metadata, as MSBuild hands them to the compiler (CompilerVisibleItemMetadata).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; } = metadata ?? new Dictionary<string, string>();

    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
}

/// <summary>Global analyzer options carrying a RootNamespace.</summary>
internal sealed class Options(string? rootNamespace) : AnalyzerConfigOptionsProvider
{
    private sealed class Global(string? ns) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value)
        {
            value = ns ?? string.Empty;
            return key == "build_property.RootNamespace" && ns != null;
        }
    }

    private sealed class ItemMetadata(IReadOnlyDictionary<string, string> metadata) : AnalyzerConfigOptions
    {
        private const string Prefix = "build_metadata.AdditionalFiles.";

        public override bool TryGetValue(string key, out string value)
        {
            value = string.Empty;
            return key.StartsWith(Prefix, StringComparison.Ordinal) && metadata.TryGetValue(key[Prefix.Length..], out value!);
        }
    }

    private sealed class Empty : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value)
        {
            value = string.Empty;
            return false;
        }
    }

    public override AnalyzerConfigOptions GlobalOptions { get; } = new Global(rootNamespace);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Empty();

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        textFile is MemoryText { Metadata.Count: > 0 } m ? new ItemMetadata(m.Metadata) : new Empty();
}

/// <summary>Runs the DelGrad generators on in-memory sources with CSharpGeneratorDriver.</summary>
internal static class Harness
{
    public static readonly CSharpParseOptions Parse = new(LanguageVersion.Latest);

    public static readonly ImmutableArray<MetadataReference> References =
        [.. Net100.References.All,
         MetadataReference.CreateFromFile(typeof(NetworkSpec).Assembly.Location),
         MetadataReference.CreateFromFile(typeof(LanguageExt.Unit).Assembly.Location)];

    public static CSharpCompilation Compilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Generated.Test",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, Parse, path: $"Source{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(IEnumerable<AdditionalText>? texts = null, string? rootNamespace = null) =>
        CSharpGeneratorDriver.Create(
            [new gen::DelGrad.Generators.NeuronConfigGenerator().AsSourceGenerator(), new gen::DelGrad.Generators.NetworkSpecGenerator().AsSourceGenerator()],
            texts ?? [],
            Parse,
            new Options(rootNamespace),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generators; returns the result, the output compilation and all compiler diagnostics of it.</summary>
    public static (GeneratorDriverRunResult Run, Compilation Output, ImmutableArray<Diagnostic> Diagnostics) Run(CSharpCompilation compilation, IEnumerable<AdditionalText>? texts = null, string? rootNamespace = null)
    {
        var driver = Driver(texts, rootNamespace).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        return (driver.GetRunResult(), output, generatorDiagnostics.AddRange(output.GetDiagnostics()));
    }

    public static string GoldenDirectory([CallerFilePath] string file = "") => Path.Combine(Path.GetDirectoryName(file)!, "Golden");

    /// <summary>Compares against (or, with DELGRAD_UPDATE_GOLDEN=1, rewrites) a golden file.</summary>
    public static void Golden(string name, string actual)
    {
        string path = Path.Combine(GoldenDirectory(), name);
        actual = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("DELGRAD_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"missing golden file {path}; run with DELGRAD_UPDATE_GOLDEN=1");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }
}
