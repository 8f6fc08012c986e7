using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace System.Runtime.CompilerServices
{
    /// <summary>Polyfill so that records compile on netstandard2.0.</summary>
    internal static class IsExternalInit
    {
    }
}

namespace DelGrad.Generators
{
    /// <summary>An immutable array with value equality, for incremental-pipeline models.</summary>
    internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IEnumerable<T>
        where T : IEquatable<T>
    {
        private readonly T[]? items;

        public EquatableArray(T[] items) => this.items = items;

        public static EquatableArray<T> Empty => new EquatableArray<T>(Array.Empty<T>());

        public int Count => items?.Length ?? 0;

        public T this[int index] => items![index];

        public bool Equals(EquatableArray<T> other)
        {
            var a = items ?? Array.Empty<T>();
            var b = other.items ?? Array.Empty<T>();
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (!EqualityComparer<T>.Default.Equals(a[i], b[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

        public override int GetHashCode()
        {
            int hash = 17;
            foreach (var item in items ?? Array.Empty<T>())
            {
                hash = unchecked((hash * 31) + (item?.GetHashCode() ?? 0));
            }

            return hash;
        }

        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(items ?? Array.Empty<T>())).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>A location without any reference to a syntax tree (cache-friendly).</summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

        public static LocationInfo? From(SyntaxNode? node) => From(node?.GetLocation());

        public static LocationInfo? From(Location? location)
        {
            if (location == null || location.SourceTree == null)
            {
                return null;
            }

            return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
        }
    }

    /// <summary>A diagnostic to report, as plain data.</summary>
    internal sealed record DiagnosticInfo(string Code, string Message, LocationInfo? Location)
    {
        public Diagnostic ToDiagnostic() =>
            Diagnostic.Create(Descriptors.For(Code), Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, Message);
    }

    /// <summary>The diagnostic descriptors, one per <c>SpecCodes</c> code.</summary>
    internal static class Descriptors
    {
        private static readonly Dictionary<string, DiagnosticDescriptor> ByCode = new Dictionary<string, DiagnosticDescriptor>();

        static Descriptors()
        {
            Add("DG0001", "Neuron configuration target must be a partial struct");
            Add("DG0002", "Time constant must be positive and finite");
            Add("DG0003", "g_leak inconsistent with tau_syn / tau_mem");
            Add("DG0004", "Malformed network spec JSON");
            Add("DG0005", "Unknown layer type or key");
            Add("DG0006", "Empty layer");
            Add("DG0007", "Sharing factor does not divide the layer size");
            Add("DG0008", "Delays cannot be placed here");
            Add("DG0009", "Invalid value");
            Add("DG0010", "Missing key");
            Add("DG0099", "DelGrad generator failure");
        }

        public static DiagnosticDescriptor For(string code) => ByCode.TryGetValue(code, out var d) ? d : ByCode["DG0099"];

        private static void Add(string code, string title) =>
            ByCode[code] = new DiagnosticDescriptor(code, title, "{0}", "DelGrad", DiagnosticSeverity.Error, isEnabledByDefault: true);
    }

    /// <summary>Code-emission helpers.</summary>
    internal static class Lits
    {
        /// <summary>A round-trip invariant C# double literal.</summary>
        public static string Lit(double value)
        {
            if (double.IsNaN(value))
            {
                return "double.NaN";
            }

            if (double.IsPositiveInfinity(value))
            {
                return "double.PositiveInfinity";
            }

            if (double.IsNegativeInfinity(value))
            {
                return "double.NegativeInfinity";
            }

            return value.ToString("R", CultureInfo.InvariantCulture) + "d";
        }
    }
}
