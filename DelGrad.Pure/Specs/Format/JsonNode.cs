// Shared source: compiled into DelGrad.Pure AND into DelGrad.Generators (netstandard2.0, no NuGet
// dependencies), so the build-time and run-time readers of spec files cannot disagree.
// Keep it to C# that compiles on netstandard2.0: no records, no spans in signatures.
#nullable enable
using System.Collections.Generic;

namespace DelGrad.Specs.Format
{
    /// <summary>The kind of a JSON value.</summary>
    internal enum JsonKind
    {
        /// <summary>An object: ordered key/value pairs.</summary>
        Object,
        /// <summary>An array.</summary>
        Array,
        /// <summary>A number (double precision).</summary>
        Number,
        /// <summary>A string.</summary>
        String,
        /// <summary><c>true</c> or <c>false</c>.</summary>
        Bool,
        /// <summary><c>null</c>.</summary>
        Null,
    }

    /// <summary>
    /// A parsed JSON value that remembers where it stood in its file (1-based line and column), so that
    /// every error about a spec can point at the exact place.
    /// </summary>
    internal sealed class JsonNode
    {
        private static readonly IReadOnlyList<JsonNode> NoItems = new JsonNode[0];
        private static readonly IReadOnlyList<KeyValuePair<string, JsonNode>> NoMembers = new KeyValuePair<string, JsonNode>[0];

        private JsonNode(JsonKind kind, int line, int column)
        {
            Kind = kind;
            Line = line;
            Column = column;
            Items = NoItems;
            Members = NoMembers;
            Text = string.Empty;
        }

        /// <summary>The kind of the value.</summary>
        public JsonKind Kind { get; private set; }

        /// <summary>1-based line of the value's first character.</summary>
        public int Line { get; }

        /// <summary>1-based column of the value's first character.</summary>
        public int Column { get; }

        /// <summary>Array items (empty unless <see cref="Kind"/> is <see cref="JsonKind.Array"/>).</summary>
        public IReadOnlyList<JsonNode> Items { get; private set; }

        /// <summary>Object members in file order (empty unless an object).</summary>
        public IReadOnlyList<KeyValuePair<string, JsonNode>> Members { get; private set; }

        /// <summary>The number's value (0 unless a number).</summary>
        public double Number { get; private set; }

        /// <summary>The string's value, or the number's literal text (empty otherwise).</summary>
        public string Text { get; private set; }

        /// <summary>The boolean's value.</summary>
        public bool Bool { get; private set; }

        /// <summary>Looks up an object member by key (ordinal), or null.</summary>
        public JsonNode? this[string key]
        {
            get
            {
                for (int i = 0; i < Members.Count; i++)
                {
                    if (string.Equals(Members[i].Key, key, System.StringComparison.Ordinal))
                    {
                        return Members[i].Value;
                    }
                }

                return null;
            }
        }

        /// <summary>A short human name of the kind, for messages ("a number", "an array", ...).</summary>
        public string KindName => Describe(Kind);

        /// <summary>A short human name of a kind, for messages.</summary>
        public static string Describe(JsonKind kind) => kind switch
        {
            JsonKind.Object => "an object",
            JsonKind.Array => "an array",
            JsonKind.Number => "a number",
            JsonKind.String => "a string",
            JsonKind.Bool => "a boolean",
            _ => "null",
        };

        internal static JsonNode NewObject(int line, int column, List<KeyValuePair<string, JsonNode>> members) =>
            new JsonNode(JsonKind.Object, line, column) { Members = members };

        internal static JsonNode NewArray(int line, int column, List<JsonNode> items) =>
            new JsonNode(JsonKind.Array, line, column) { Items = items };

        internal static JsonNode NewNumber(int line, int column, double value, string text) =>
            new JsonNode(JsonKind.Number, line, column) { Number = value, Text = text };

        internal static JsonNode NewString(int line, int column, string value) =>
            new JsonNode(JsonKind.String, line, column) { Text = value };

        internal static JsonNode NewBool(int line, int column, bool value) =>
            new JsonNode(JsonKind.Bool, line, column) { Bool = value };

        internal static JsonNode NewNull(int line, int column) => new JsonNode(JsonKind.Null, line, column);
    }
}
