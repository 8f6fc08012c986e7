// Shared source (see JsonNode.cs): typed access to one JSON object that records every problem as a
// diagnostic naming the key, and reports keys nobody asked for (misspellings) at the end.
#nullable enable
using System.Collections.Generic;

namespace DelGrad.Specs.Format
{
    /// <summary>Reads typed members of one JSON object, collecting diagnostics instead of throwing.</summary>
    internal sealed class ObjectReader
    {
        private readonly JsonNode node;
        private readonly List<SpecDiagnostic> sink;
        private readonly HashSet<string> seen = new HashSet<string>();

        /// <summary>Creates a reader for <paramref name="node"/> at <paramref name="path"/>.</summary>
        public ObjectReader(JsonNode node, string path, List<SpecDiagnostic> sink)
        {
            this.node = node;
            this.sink = sink;
            Path = path;
        }

        /// <summary>The object's path.</summary>
        public string Path { get; }

        /// <summary>The object node.</summary>
        public JsonNode Node => node;

        /// <summary>Where diagnostics go.</summary>
        public List<SpecDiagnostic> Sink => sink;

        /// <summary>Path of a member.</summary>
        public string At(string key) => Path.Length == 0 ? key : Path + "." + key;

        /// <summary>Adds a diagnostic at a node.</summary>
        public void Report(string code, string path, string message, JsonNode? at)
        {
            sink.Add(new SpecDiagnostic(code, path, path + ": " + message, at?.Line ?? node.Line, at?.Column ?? node.Column));
        }

        /// <summary>The member node (marked as used), or null.</summary>
        public JsonNode? Get(string key)
        {
            seen.Add(key);
            return node[key];
        }

        /// <summary>
        /// Reports a missing required key, unless an unrecognised key looks like a misspelling of it:
        /// then the unknown-key diagnostic (with its suggestion) says it all, in one line.
        /// </summary>
        public void ReportMissing(string key, string expected)
        {
            foreach (var m in node.Members)
            {
                if (!seen.Contains(m.Key) && m.Key != key && Distance(m.Key, key) < 3)
                {
                    return;
                }
            }

            Report(SpecCodes.MissingKey, At(key), "missing (required " + expected + ")", null);
        }

        /// <summary>A required member of the given kind; reports when missing or of another kind.</summary>
        public JsonNode? Require(string key, JsonKind kind)
        {
            var v = Get(key);
            if (v == null)
            {
                ReportMissing(key, JsonNode.Describe(kind));
                return null;
            }

            if (v.Kind != kind)
            {
                Report(SpecCodes.BadValue, At(key), "must be " + JsonNode.Describe(kind) + ", got " + v.KindName, v);
                return null;
            }

            return v;
        }

        /// <summary>An optional member of the given kind (null when absent; reports a wrong kind).</summary>
        public JsonNode? Optional(string key, JsonKind kind)
        {
            var v = Get(key);
            if (v == null || v.Kind == JsonKind.Null)
            {
                return null;
            }

            if (v.Kind != kind)
            {
                Report(SpecCodes.BadValue, At(key), "must be " + JsonNode.Describe(kind) + ", got " + v.KindName, v);
                return null;
            }

            return v;
        }

        /// <summary>A number: the strings "Infinity"/"-Infinity"/"NaN" are accepted as the reference writes them.</summary>
        public static bool TryNumber(JsonNode v, out double value)
        {
            if (v.Kind == JsonKind.Number)
            {
                value = v.Number;
                return true;
            }

            if (v.Kind == JsonKind.String)
            {
                switch (v.Text)
                {
                    case "Infinity": value = double.PositiveInfinity; return true;
                    case "-Infinity": value = double.NegativeInfinity; return true;
                    case "NaN": value = double.NaN; return true;
                }
            }

            value = 0;
            return false;
        }

        /// <summary>A required finite number (or the default when optional and absent).</summary>
        public double Number(string key, double? fallback = null, bool allowInfinity = false)
        {
            var v = Get(key);
            if (v == null)
            {
                if (fallback.HasValue)
                {
                    return fallback.Value;
                }

                ReportMissing(key, "number");
                return double.NaN;
            }

            if (!TryNumber(v, out double d))
            {
                Report(SpecCodes.BadValue, At(key), "must be a number, got " + v.KindName, v);
                return double.NaN;
            }

            if (double.IsNaN(d) || (!allowInfinity && double.IsInfinity(d)))
            {
                Report(SpecCodes.BadValue, At(key), "must be a finite number, got " + NeuronRules.Show(d), v);
                return double.NaN;
            }

            return d;
        }

        /// <summary>A required (or defaulted) integer within [min, max].</summary>
        public int Integer(string key, int? fallback, int min, int max, string? code = null)
        {
            var v = Get(key);
            if (v == null)
            {
                if (fallback.HasValue)
                {
                    return fallback.Value;
                }

                ReportMissing(key, "integer");
                return min;
            }

            if (v.Kind != JsonKind.Number || v.Number != System.Math.Floor(v.Number) || double.IsInfinity(v.Number))
            {
                Report(SpecCodes.BadValue, At(key), "must be an integer, got " + (v.Kind == JsonKind.Number ? v.Text : v.KindName), v);
                return min;
            }

            if (v.Number < min || v.Number > max)
            {
                Report(code ?? SpecCodes.BadValue, At(key), "must be between " + min + " and " + max + ", got " + v.Text, v);
                return min;
            }

            return (int)v.Number;
        }

        /// <summary>A required (or defaulted) string among <paramref name="allowed"/>.</summary>
        public string Choice(string key, string? fallback, params string[] allowed)
        {
            var v = Get(key);
            if (v == null)
            {
                if (fallback != null)
                {
                    return fallback;
                }

                ReportMissing(key, "one of " + string.Join(", ", allowed));
                return allowed[0];
            }

            if (v.Kind == JsonKind.String)
            {
                foreach (var a in allowed)
                {
                    if (a == v.Text)
                    {
                        return a;
                    }
                }
            }

            Report(SpecCodes.BadValue, At(key), "must be one of " + string.Join(", ", allowed) + ", got " + (v.Kind == JsonKind.String ? "\"" + v.Text + "\"" : v.KindName), v);
            return allowed[0];
        }

        /// <summary>An array of numbers (null when absent and optional).</summary>
        public double[]? Numbers(string key, bool required, bool allowInfinity)
        {
            var v = required ? Require(key, JsonKind.Array) : Optional(key, JsonKind.Array);
            return v == null ? null : ReadNumbers(v, At(key), allowInfinity);
        }

        /// <summary>Reads an array node as numbers.</summary>
        public double[]? ReadNumbers(JsonNode array, string path, bool allowInfinity)
        {
            var result = new double[array.Items.Count];
            bool ok = true;
            for (int i = 0; i < result.Length; i++)
            {
                var item = array.Items[i];
                string p = path + "[" + i + "]";
                if (!TryNumber(item, out result[i]))
                {
                    Report(SpecCodes.BadValue, p, "must be a number, got " + item.KindName, item);
                    ok = false;
                }
                else if (double.IsNaN(result[i]) || (!allowInfinity && double.IsInfinity(result[i])))
                {
                    Report(SpecCodes.BadValue, p, "must be a finite number, got " + NeuronRules.Show(result[i]), item);
                    ok = false;
                }
            }

            return ok ? result : null;
        }

        /// <summary>Reads a [rows][columns] matrix of finite numbers into a row-major array.</summary>
        public double[]? Matrix(string key, int rows, int columns, bool required)
        {
            var v = required ? Require(key, JsonKind.Array) : Optional(key, JsonKind.Array);
            if (v == null)
            {
                return null;
            }

            string path = At(key);
            if (v.Items.Count != rows)
            {
                Report(SpecCodes.BadValue, path, "must have " + rows + " rows, got " + v.Items.Count, v);
                return null;
            }

            var result = new double[rows * columns];
            for (int r = 0; r < rows; r++)
            {
                var row = v.Items[r];
                string rp = path + "[" + r + "]";
                if (row.Kind != JsonKind.Array)
                {
                    Report(SpecCodes.BadValue, rp, "must be an array, got " + row.KindName, row);
                    return null;
                }

                if (row.Items.Count != columns)
                {
                    Report(SpecCodes.BadValue, rp, "must have " + columns + " columns, got " + row.Items.Count, row);
                    return null;
                }

                var values = ReadNumbers(row, rp, false);
                if (values == null)
                {
                    return null;
                }

                System.Array.Copy(values, 0, result, r * columns, columns);
            }

            return result;
        }

        /// <summary>Reports every member that was never asked for, as an unknown key.</summary>
        public void RejectUnknown(params string[] ignored)
        {
            foreach (var m in node.Members)
            {
                if (!seen.Contains(m.Key) && System.Array.IndexOf(ignored, m.Key) < 0)
                {
                    Report(SpecCodes.UnknownKey, At(m.Key), "unknown key" + Suggest(m.Key), m.Value);
                }
            }
        }

        private string Suggest(string key)
        {
            string? best = null;
            int bestDistance = 3;
            foreach (var s in seen)
            {
                int d = Distance(key, s);
                if (d < bestDistance)
                {
                    bestDistance = d;
                    best = s;
                }
            }

            return best == null ? string.Empty : " (did you mean \"" + best + "\"?)";
        }

        private static int Distance(string a, string b)
        {
            var prev = new int[b.Length + 1];
            var cur = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++)
            {
                prev[j] = j;
            }

            for (int i = 1; i <= a.Length; i++)
            {
                cur[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                    cur[j] = System.Math.Min(System.Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                }

                var t = prev;
                prev = cur;
                cur = t;
            }

            return prev[b.Length];
        }
    }
}
