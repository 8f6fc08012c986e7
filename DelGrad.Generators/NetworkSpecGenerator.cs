using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using DelGrad.Specs.Format;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DelGrad.Generators
{
    /// <summary>One spec file's text: the cache key of the pipeline.</summary>
    internal sealed record SpecFileModel(string Path, string Text);

    /// <summary>What one spec file produces: source text and/or diagnostics (plain data), and its class for the registry.</summary>
    internal sealed record NetworkModel(string HintName, string? Source, EquatableArray<DiagnosticInfo> Diagnostics, string ClassName, string FileName);

    /// <summary>One compiled network as the registry lists it: its class and the file it was compiled from.</summary>
    internal sealed record RegistryEntry(string ClassName, string FileName);

    /// <summary>Every network compiled in the project (ordered by class name): the input of the one registry source.</summary>
    internal sealed record RegistryModel(string Namespace, EquatableArray<RegistryEntry> Entries);

    /// <summary>Compiles <c>*.delgrad.json</c> additional files into specialized network classes.</summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class NetworkSpecGenerator : IIncrementalGenerator
    {
        /// <summary>Tracking name of the file-reading step.</summary>
        public const string FileStep = "NetworkSpecFiles";

        /// <summary>Tracking name of the model step.</summary>
        public const string ModelStep = "NetworkModels";

        /// <summary>Tracking name of the step that keeps, per compiled network, what the registry lists (class and file).</summary>
        public const string RegistryEntryStep = "NetworkRegistryEntries";

        /// <summary>Tracking name of the step that collects every compiled network into the registry's model.</summary>
        public const string RegistryStep = "NetworkRegistry";

        /// <summary>Name of the generated registry class (internal, in the project's root namespace).</summary>
        public const string RegistryClass = "CompiledNetworkRegistry";

        /// <summary>Namespace used when the project has no RootNamespace.</summary>
        public const string DefaultNamespace = "DelGrad.Compiled";

        /// <summary>
        /// Item metadata that marks any JSON additional file (e.g. an experiment config with a <c>network</c> and a
        /// <c>loss</c> section) as a network to compile, so a config need not be copied to a <c>*.delgrad.json</c> file:
        /// <c>&lt;AdditionalFiles Include="configs/my.json" DelGradNetwork="true" /&gt;</c> (the package makes the
        /// metadata visible to the compiler).
        /// </summary>
        public const string NetworkMetadata = "DelGradNetwork";

        private const string SpecSuffix = ".delgrad.json";

        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var ns = context.AnalyzerConfigOptionsProvider.Select(static (o, _) =>
                o.GlobalOptions.TryGetValue("build_property.RootNamespace", out var v) && !string.IsNullOrWhiteSpace(v) ? v : DefaultNamespace);
            var files = context.AdditionalTextsProvider
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Where(static pair => IsNetworkFile(pair.Left.Path, pair.Right.GetOptions(pair.Left)))
                .Select(static (pair, ct) => new SpecFileModel(pair.Left.Path, pair.Left.GetText(ct)?.ToString() ?? string.Empty))
                .WithTrackingName(FileStep);
            var models = files.Combine(ns)
                .Select(static (pair, _) => Build(pair.Left, pair.Right))
                .WithTrackingName(ModelStep);
            context.RegisterSourceOutput(models, static (spc, model) =>
            {
                foreach (var d in model.Diagnostics)
                {
                    spc.ReportDiagnostic(d.ToDiagnostic());
                }

                if (model.Source != null)
                {
                    spc.AddSource(model.HintName, model.Source);
                }
            });

            // The registry: one source listing every network compiled in the project. Its entries hold only the class and
            // file names, so editing a spec's layers regenerates that network's class and leaves the registry cached.
            var entries = models
                .Where(static m => m.Source != null)
                .Select(static (m, _) => new RegistryEntry(m.ClassName, m.FileName))
                .WithTrackingName(RegistryEntryStep);
            var registry = entries.Collect()
                .Combine(ns)
                .Select(static (pair, _) => new RegistryModel(pair.Right, new EquatableArray<RegistryEntry>(pair.Left.OrderBy(e => e.ClassName, StringComparer.Ordinal).ThenBy(e => e.FileName, StringComparer.Ordinal).ToArray())))
                .WithTrackingName(RegistryStep);
            context.RegisterSourceOutput(registry, static (spc, model) =>
            {
                if (model.Entries.Count > 0)
                {
                    spc.AddSource(RegistryClass + ".g.cs", NetworkEmitter.EmitRegistry(model));
                }
            });
        }

        /// <summary>PascalCase class name from a spec file name: <c>yinyang-h30-ws.delgrad.json</c> -> <c>YinyangH30WsNetwork</c>.</summary>
        public static string ClassName(string path)
        {
            string file = System.IO.Path.GetFileName(path);
            file = file.EndsWith(SpecSuffix, StringComparison.OrdinalIgnoreCase)
                ? file.Substring(0, file.Length - SpecSuffix.Length)
                : System.IO.Path.GetFileNameWithoutExtension(file);
            var sb = new StringBuilder();
            bool upper = true;
            foreach (char ch in file)
            {
                if (char.IsLetterOrDigit(ch))
                {
                    sb.Append(upper ? char.ToUpperInvariant(ch) : ch);
                    upper = false;
                }
                else
                {
                    upper = true;
                }
            }

            if (sb.Length == 0 || char.IsDigit(sb[0]))
            {
                sb.Insert(0, '_');
            }

            return sb + "Network";
        }

        // A *.delgrad.json file, or any additional file whose item carries DelGradNetwork="true".
        private static bool IsNetworkFile(string path, AnalyzerConfigOptions options) =>
            path.EndsWith(SpecSuffix, StringComparison.OrdinalIgnoreCase)
            || (options.TryGetValue("build_metadata.AdditionalFiles." + NetworkMetadata, out var marked)
                && string.Equals(marked, "true", StringComparison.OrdinalIgnoreCase));

        private static NetworkModel Build(SpecFileModel file, string ns)
        {
            string className = ClassName(file.Path);
            string fileName = System.IO.Path.GetFileName(file.Path);
            string hint = className + ".Network.g.cs";
            var text = SourceText.From(file.Text);
            try
            {
                var sink = new List<SpecDiagnostic>();
                var root = JsonParser.TryParse(file.Text, out var error);
                if (root == null)
                {
                    var e = error ?? new JsonSyntaxError("malformed JSON", 1, 1);
                    return Fail(hint, file, text, new[] { new SpecDiagnostic(SpecCodes.MalformedJson, string.Empty, e.Message, e.Line, e.Column) });
                }

                if (root.Kind != JsonKind.Object)
                {
                    return Fail(hint, file, text, new[] { new SpecDiagnostic(SpecCodes.BadValue, string.Empty, "the config must be a JSON object", root.Line, root.Column) });
                }

                var r = new ObjectReader(root, string.Empty, sink);
                var networkNode = r.Require("network", JsonKind.Object);
                var lossNode = r.Require("loss", JsonKind.Object);
                r.Get("name");
                r.Get("training");
                r.Get("data");
                r.Get("description");
                r.RejectUnknown();
                NetworkDoc? doc = null;
                LossDoc? loss = null;
                if (networkNode != null)
                {
                    var nr = new ObjectReader(networkNode, "network", sink);
                    int inputs = nr.Integer("inputs", null, 1, 1_000_000, SpecCodes.EmptyLayer);
                    var layers = nr.Require("layers", JsonKind.Array);
                    nr.RejectUnknown();
                    if (layers != null)
                    {
                        doc = NetworkReader.Read(layers, "network.layers", inputs, false, sink);
                    }
                }

                if (lossNode != null)
                {
                    loss = NetworkReader.ReadLoss(lossNode, "loss", sink);
                }

                if (sink.Count > 0 || doc == null || loss == null)
                {
                    return Fail(hint, file, text, sink);
                }

                return new NetworkModel(hint, NetworkEmitter.Emit(ns, className, fileName, doc, loss), EquatableArray<DiagnosticInfo>.Empty, className, fileName);
            }
            catch (Exception ex)
            {
                return new NetworkModel(hint, null, new EquatableArray<DiagnosticInfo>(new[] { new DiagnosticInfo("DG0099", "DelGrad generator failed on " + file.Path + ": " + ex.GetType().Name + ": " + ex.Message, At(file.Path, text, 1, 1)) }), className, fileName);
            }
        }

        private static NetworkModel Fail(string hint, SpecFileModel file, SourceText text, IEnumerable<SpecDiagnostic> diagnostics) =>
            new NetworkModel(hint, null, new EquatableArray<DiagnosticInfo>(diagnostics.Select(d => new DiagnosticInfo(d.Code, d.Format(System.IO.Path.GetFileName(file.Path)), At(file.Path, text, d.Line, d.Column))).ToArray()), ClassName(file.Path), System.IO.Path.GetFileName(file.Path));

        /// <summary>Maps a 1-based line/column of the spec file to a location.</summary>
        internal static LocationInfo At(string path, SourceText text, int line, int column)
        {
            int l = Math.Max(0, Math.Min(line - 1, text.Lines.Count - 1));
            var lineText = text.Lines[l];
            int c = Math.Max(0, Math.Min(column - 1, lineText.End - lineText.Start));
            int start = lineText.Start + c;
            int length = start < lineText.End ? 1 : 0;
            return new LocationInfo(path, new TextSpan(start, length), new LinePositionSpan(new LinePosition(l, c), new LinePosition(l, c + length)));
        }
    }
}
