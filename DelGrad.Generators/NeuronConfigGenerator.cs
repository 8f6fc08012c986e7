using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using DelGrad.Solvers;
using DelGrad.Specs.Format;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DelGrad.Generators
{
    /// <summary>Plain data describing one <c>[NeuronConfig]</c> struct: no symbols, no syntax.</summary>
    internal sealed record NeuronConfigModel(
        string? Namespace,
        string Name,
        EquatableArray<string> ContainingTypes,
        double TauMem,
        double TauSyn,
        double Threshold,
        double Leak,
        double GLeak,
        EquatableArray<DiagnosticInfo> Diagnostics)
    {
        public bool CanEmit => Diagnostics.Count == 0;
    }

    /// <summary>Turns <c>[NeuronConfig]</c> partial structs into constant-folded spike-time solvers.</summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class NeuronConfigGenerator : IIncrementalGenerator
    {
        /// <summary>Metadata name of the attribute.</summary>
        public const string AttributeName = "DelGrad.Solvers.NeuronConfigAttribute";

        /// <summary>Tracking name of the model step.</summary>
        public const string ModelStep = "NeuronConfigModels";

        private static readonly string[] ParameterNames = { "tauMem", "tauSyn", "threshold", "leak", "gLeak" };

        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var models = context.SyntaxProvider.ForAttributeWithMetadataName(
                    AttributeName,
                    static (node, _) => node is TypeDeclarationSyntax,
                    static (ctx, ct) => Transform(ctx, ct))
                .Where(static m => m != null)
                .Select(static (m, _) => m!)
                .WithTrackingName(ModelStep);

            context.RegisterSourceOutput(models, static (spc, model) =>
            {
                foreach (var d in model.Diagnostics)
                {
                    spc.ReportDiagnostic(d.ToDiagnostic());
                }

                if (model.CanEmit)
                {
                    spc.AddSource(HintName(model), SolverEmitter.Emit(model));
                }
            });
        }

        private static string HintName(NeuronConfigModel model)
        {
            var parts = new List<string>();
            if (model.Namespace != null)
            {
                parts.Add(model.Namespace);
            }

            foreach (var c in model.ContainingTypes)
            {
                parts.Add(c.Split(' ').Last());
            }

            parts.Add(model.Name);
            return string.Join(".", parts) + ".NeuronConfig.g.cs";
        }

        private static NeuronConfigModel? Transform(GeneratorAttributeSyntaxContext ctx, CancellationToken ct)
        {
            try
            {
                return TransformCore(ctx, ct);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                var decl = (TypeDeclarationSyntax)ctx.TargetNode;
                return new NeuronConfigModel(null, decl.Identifier.ValueText, EquatableArray<string>.Empty, 0, 0, 0, 0, 0,
                    new EquatableArray<DiagnosticInfo>(new[] { new DiagnosticInfo("DG0099", "DelGrad generator failed: " + ex.Message, LocationInfo.From(decl.Identifier.GetLocation())) }));
            }
        }

        private static NeuronConfigModel? TransformCore(GeneratorAttributeSyntaxContext ctx, CancellationToken ct)
        {
            var decl = (TypeDeclarationSyntax)ctx.TargetNode;
            var symbol = (INamedTypeSymbol)ctx.TargetSymbol;
            var attribute = ctx.Attributes[0];
            var diagnostics = new List<DiagnosticInfo>();
            var identifier = LocationInfo.From(decl.Identifier.GetLocation());

            bool isStruct = symbol.TypeKind == TypeKind.Struct;
            bool isPartial = decl.Modifiers.Any(m => m.IsKind(SyntaxKind.PartialKeyword));
            if (!isStruct || !isPartial)
            {
                diagnostics.Add(new DiagnosticInfo(SpecCodes.NotPartial, "[NeuronConfig] target '" + symbol.Name + "' must be a partial struct (it is " + (isStruct ? "a struct without 'partial'" : "not a struct") + ")", identifier));
            }

            var containing = new List<string>();
            for (var outer = symbol.ContainingType; outer != null; outer = outer.ContainingType)
            {
                var outerDecl = outer.DeclaringSyntaxReferences.Select(r => r.GetSyntax(ct)).OfType<TypeDeclarationSyntax>().FirstOrDefault();
                if (outerDecl == null || !outerDecl.Modifiers.Any(m => m.IsKind(SyntaxKind.PartialKeyword)))
                {
                    diagnostics.Add(new DiagnosticInfo(SpecCodes.NotPartial, "[NeuronConfig] target '" + symbol.Name + "' is nested in '" + outer.Name + "', which must be partial too", identifier));
                    break;
                }

                string keyword = outerDecl is RecordDeclarationSyntax rec
                    ? "record " + (rec.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "struct" : "class")
                    : outerDecl.Keyword.ValueText;
                containing.Insert(0, "partial " + keyword + " " + outer.Name);
            }

            var args = attribute.ConstructorArguments;
            if (args.Length != 5 || args.Any(a => a.Kind == TypedConstantKind.Error || !(a.Value is double)))
            {
                return null; // the compiler reports the malformed attribute itself
            }

            double tauMem = (double)args[0].Value!, tauSyn = (double)args[1].Value!, threshold = (double)args[2].Value!, leak = (double)args[3].Value!, gLeakArg = (double)args[4].Value!;
            double gLeak = double.IsNaN(gLeakArg) ? tauSyn / tauMem : gLeakArg;

            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(ct) as AttributeSyntax;
            var argumentLocations = ArgumentLocations(syntax);
            var whole = LocationInfo.From(syntax) ?? identifier;
            bool tauProblem = false;
            foreach (var problem in NeuronRules.Check(tauMem, tauSyn, threshold, leak, gLeak))
            {
                string parameter = problem.Field == "tau_mem" ? "tauMem" : problem.Field == "tau_syn" ? "tauSyn" : problem.Field == "g_leak" ? "gLeak" : problem.Field;
                tauProblem |= problem.Code == SpecCodes.BadTimeConstant;
                if (problem.Field == "g_leak" && double.IsNaN(gLeakArg) && tauProblem)
                {
                    continue; // the derived g_leak is only wrong because a time constant is
                }

                argumentLocations.TryGetValue(parameter, out var at);
                diagnostics.Add(new DiagnosticInfo(problem.Code, "[NeuronConfig] " + parameter + ": " + problem.Message, at ?? whole));
            }

            string? ns = symbol.ContainingNamespace.IsGlobalNamespace ? null : symbol.ContainingNamespace.ToDisplayString();
            return new NeuronConfigModel(ns, symbol.Name, new EquatableArray<string>(containing.ToArray()), tauMem, tauSyn, threshold, leak, gLeak, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
        }

        // Where each constructor parameter was written: positional by index, or by name (tauMem: 2).
        private static Dictionary<string, LocationInfo?> ArgumentLocations(AttributeSyntax? syntax)
        {
            var result = new Dictionary<string, LocationInfo?>();
            if (syntax?.ArgumentList == null)
            {
                return result;
            }

            int position = 0;
            foreach (var arg in syntax.ArgumentList.Arguments)
            {
                if (arg.NameEquals != null)
                {
                    continue;
                }

                string? name = arg.NameColon?.Name.Identifier.ValueText ?? (position < ParameterNames.Length ? ParameterNames[position] : null);
                position++;
                if (name != null)
                {
                    result[name] = LocationInfo.From(arg.Expression);
                }
            }

            return result;
        }
    }

    /// <summary>Writes the specialized solver for one model.</summary>
    internal static class SolverEmitter
    {
        public static string Emit(NeuronConfigModel m)
        {
            double g = m.TauSyn / m.TauMem, c = m.Threshold - m.Leak, inv = 1.0 / m.TauSyn;
            var kind = NeuronModelChoice.For(g);
            var sb = new StringBuilder();
            sb.AppendLine("// <auto-generated/> by DelGrad.Generators.NeuronConfigGenerator");
            sb.AppendLine("#nullable enable");
            if (m.Namespace != null)
            {
                sb.AppendLine("namespace " + m.Namespace);
                sb.AppendLine("{");
            }

            foreach (var c2 in m.ContainingTypes)
            {
                sb.AppendLine(c2);
                sb.AppendLine("{");
            }

            string self = m.Name;
            sb.AppendLine("partial struct " + self + " : global::DelGrad.Solvers.ISpikeTimeSolver<" + self + ">");
            sb.AppendLine("{");
            sb.AppendLine("    /// <summary>Membrane time constant.</summary>");
            sb.AppendLine("    public const double TauMem = " + Lits.Lit(m.TauMem) + ";");
            sb.AppendLine("    /// <summary>Synaptic time constant (the time unit).</summary>");
            sb.AppendLine("    public const double TauSyn = " + Lits.Lit(m.TauSyn) + ";");
            sb.AppendLine("    /// <summary>Firing threshold.</summary>");
            sb.AppendLine("    public const double Threshold = " + Lits.Lit(m.Threshold) + ";");
            sb.AppendLine("    /// <summary>Leak potential.</summary>");
            sb.AppendLine("    public const double Leak = " + Lits.Lit(m.Leak) + ";");
            sb.AppendLine("    /// <summary>Leak conductance tau_syn / tau_mem.</summary>");
            sb.AppendLine("    public const double GLeak = " + Lits.Lit(m.GLeak) + ";");
            sb.AppendLine("    /// <summary>tau_syn / tau_mem as the solvers use it.</summary>");
            sb.AppendLine("    public const double G = " + Lits.Lit(g) + ";");
            sb.AppendLine("    /// <summary>threshold - leak.</summary>");
            sb.AppendLine("    public const double C = " + Lits.Lit(c) + ";");
            sb.AppendLine("    /// <summary>1 / tau_syn.</summary>");
            sb.AppendLine("    public const double InvTauSyn = " + Lits.Lit(inv) + ";");
            sb.AppendLine();
            sb.AppendLine("    private static readonly global::DelGrad.Model.NeuronParameters parameters =");
            sb.AppendLine("        global::DelGrad.Model.NeuronParameters.CreateOrThrow(TauMem, TauSyn, Threshold, Leak, GLeak);");
            sb.AppendLine();
            sb.AppendLine("    /// <summary>The validated neuron parameters of this configuration.</summary>");
            sb.AppendLine("    public static global::DelGrad.Model.NeuronParameters Parameters => parameters;");
            sb.AppendLine();
            sb.AppendLine("    /// <summary>The exact solver chosen at build time.</summary>");
            sb.AppendLine("    public static global::DelGrad.Solvers.NeuronModel Model => global::DelGrad.Solvers.NeuronModel." + kind + ";");
            sb.AppendLine();
            sb.AppendLine("    /// <summary>The folded constants.</summary>");
            sb.AppendLine("    public static global::DelGrad.Solvers.NeuronConstants Constants => new global::DelGrad.Solvers.NeuronConstants(TauSyn, G, C);");
            sb.AppendLine();
            switch (kind)
            {
                case NeuronModel.EqualTau:
                    EqualTau(sb, self);
                    break;
                case NeuronModel.DoubleTau:
                    DoubleTau(sb, self);
                    break;
                default:
                    General(sb, self);
                    break;
            }

            sb.AppendLine("}");
            foreach (var unused in m.ContainingTypes)
            {
                sb.AppendLine("}");
            }

            if (m.Namespace != null)
            {
                sb.AppendLine("}");
            }

            return sb.ToString();
        }

        private const string SpikeTimeSignature = "    public static double SpikeTime(in {0} neuron, global::System.ReadOnlySpan<double> weights, global::System.ReadOnlySpan<double> arrivals, out int causalCount)";

        private static void Header(StringBuilder sb, string self, string doc)
        {
            sb.AppendLine("    /// <summary>" + doc + "</summary>");
            sb.AppendLine("    /// <param name=\"neuron\">Unused: every constant is folded.</param>");
            sb.AppendLine("    /// <param name=\"weights\">Weights in arrival order.</param>");
            sb.AppendLine("    /// <param name=\"arrivals\">Arrival times, ascending and finite.</param>");
            sb.AppendLine("    /// <param name=\"causalCount\">Size of the causal set (0 when silent).</param>");
            sb.AppendLine("    /// <returns>The first spike time, or +infinity.</returns>");
            sb.AppendLine(string.Format(SpikeTimeSignature, self));
        }

        private static void PspPairDocs(StringBuilder sb)
        {
            sb.AppendLine("    /// <summary>The PSP and its slope from one exponential (the backward pass needs both).</summary>");
            sb.AppendLine("    /// <param name=\"neuron\">Unused: every constant is folded.</param>");
            sb.AppendLine("    /// <param name=\"s\">Elapsed time since the input.</param>");
            sb.AppendLine("    /// <param name=\"psp\">The PSP.</param>");
            sb.AppendLine("    /// <param name=\"slope\">Its time derivative.</param>");
        }

        private static void PspDocs(StringBuilder sb, string what)
        {
            sb.AppendLine("    /// <summary>" + what + "</summary>");
            sb.AppendLine("    /// <param name=\"neuron\">Unused: every constant is folded.</param>");
            sb.AppendLine("    /// <param name=\"s\">Elapsed time since the input.</param>");
            sb.AppendLine("    /// <returns>The value.</returns>");
        }

        private static void EqualTau(StringBuilder sb, string self) =>
            Forwarding(sb, self, "EqualTauMath", "First spike time: closed form u = b/a - W0(-(c/a) e^(b/a)) (tau_mem = tau_syn).", "e^((t_k - t_0) / tau_syn)", "PSP u e^-u.");

        private static void DoubleTau(StringBuilder sb, string self) =>
            Forwarding(sb, self, "DoubleTauMath", "First spike time: closed form of a quadratic in exp(-t / tau_mem) (tau_mem = 2 tau_syn).", "e^((t_k - t_0) / (2 tau_syn))", "PSP 2 (e^(-u/2) - e^-u).");

        // A closed-form model: every member calls the library's one generic body (EqualTauMath, DoubleTauMath) with a
        // struct whose members are this configuration's literals, which the JIT folds into the specialized code. No
        // algorithm is copied here.
        private static void Forwarding(StringBuilder sb, string self, string math, string doc, string factorDoc, string pspDoc)
        {
            string m = "global::DelGrad.Solvers." + math;
            sb.Append(@"    /// <summary>This configuration's constants as literals, for the shared generic solver body.</summary>
    private readonly struct FoldedConstants : global::DelGrad.Solvers.ISolverConstants
    {
        public double TauSyn => SELF.TauSyn;
        public double G => SELF.G;
        public double C => SELF.C;
        public double InvTauSyn => SELF.InvTauSyn;
    }

".Replace("SELF", self));
            Header(sb, self, doc);
            sb.AppendLine("        => " + m + ".SpikeTime(default(FoldedConstants), weights, arrivals, default, out causalCount);");
            sb.AppendLine();
            sb.Append(@"    /// <summary>True: a layer whose neurons share one arrival order computes the factors once.</summary>
    public static bool UsesSharedFactors => true;

    /// <summary>FACTOR of each sorted arrival.</summary>
    /// <param name=""neuron"">Unused: every constant is folded.</param>
    /// <param name=""sortedArrivals"">Arrival times, ascending and finite.</param>
    /// <param name=""factors"">Receives one factor per arrival.</param>
    public static void SharedFactors(in SELF neuron, global::System.ReadOnlySpan<double> sortedArrivals, global::System.Span<double> factors) =>
        MATH.SharedFactors(default(FoldedConstants), sortedArrivals, factors);

    /// <summary>The spike time with the factors <see cref=""SharedFactors""/> computed for these arrivals.</summary>
    /// <param name=""neuron"">Unused: every constant is folded.</param>
    /// <param name=""weights"">Weights in arrival order.</param>
    /// <param name=""arrivals"">Arrival times, ascending and finite.</param>
    /// <param name=""factors"">The shared factors of the same arrivals.</param>
    /// <param name=""causalCount"">Size of the causal set (0 when silent).</param>
    /// <returns>The first spike time, or +infinity.</returns>
    public static double SpikeTimeShared(in SELF neuron, global::System.ReadOnlySpan<double> weights, global::System.ReadOnlySpan<double> arrivals, global::System.ReadOnlySpan<double> factors, out int causalCount) =>
        MATH.SpikeTime(default(FoldedConstants), weights, arrivals, factors, out causalCount);

".Replace("SELF", self).Replace("MATH", m).Replace("FACTOR", factorDoc));
            PspDocs(sb, pspDoc);
            sb.AppendLine("    public static double Psp(in " + self + " neuron, double s) => " + m + ".Psp(default(FoldedConstants), s);");
            sb.AppendLine();
            PspDocs(sb, "d/ds of the PSP.");
            sb.AppendLine("    public static double PspSlope(in " + self + " neuron, double s) => " + m + ".PspSlope(default(FoldedConstants), s);");
            sb.AppendLine();
            PspPairDocs(sb);
            sb.AppendLine("    public static void PspAndSlope(in " + self + " neuron, double s, out double psp, out double slope) => " + m + ".PspAndSlope(default(FoldedConstants), s, out psp, out slope);");
        }

        private static void General(StringBuilder sb, string self)
        {
            sb.AppendLine("    private static global::DelGrad.Solvers.GeneralSolver Solver => new global::DelGrad.Solvers.GeneralSolver(new global::DelGrad.Solvers.NeuronConstants(TauSyn, G, C));");
            sb.AppendLine();
            Header(sb, self, "First spike time: bracketed Newton on each causal interval (any tau ratio), constants folded.");
            sb.AppendLine("        => global::DelGrad.Solvers.GeneralSolver.SpikeTime(Solver, weights, arrivals, out causalCount);");
            sb.AppendLine();
            PspDocs(sb, "PSP (e^(-g u) - e^-u) / (1 - g), stable near g = 1.");
            sb.AppendLine("    public static double Psp(in " + self + " neuron, double s) => global::DelGrad.Solvers.GeneralSolver.Psp(Solver, s);");
            sb.AppendLine();
            PspDocs(sb, "d/ds of the PSP.");
            sb.AppendLine("    public static double PspSlope(in " + self + " neuron, double s) => global::DelGrad.Solvers.GeneralSolver.PspSlope(Solver, s);");
        }
    }
}
