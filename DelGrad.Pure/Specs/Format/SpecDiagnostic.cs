// Shared source (see JsonNode.cs).
#nullable enable
namespace DelGrad.Specs.Format
{
    /// <summary>Stable identifiers of spec problems; the generator reports them as compile errors.</summary>
    internal static class SpecCodes
    {
        /// <summary>A [NeuronConfig] target is not a partial struct.</summary>
        public const string NotPartial = "DG0001";
        /// <summary>A time constant is not positive and finite.</summary>
        public const string BadTimeConstant = "DG0002";
        /// <summary>g_leak differs from tau_syn / tau_mem.</summary>
        public const string InconsistentLeak = "DG0003";
        /// <summary>The JSON text is malformed.</summary>
        public const string MalformedJson = "DG0004";
        /// <summary>An unknown layer type or key.</summary>
        public const string UnknownKey = "DG0005";
        /// <summary>A layer of size 0 (or a negative size).</summary>
        public const string EmptyLayer = "DG0006";
        /// <summary>A sharing factor that does not divide the layer size.</summary>
        public const string BadSharing = "DG0007";
        /// <summary>Delays where no neuron layer follows to receive them.</summary>
        public const string MisplacedDelays = "DG0008";
        /// <summary>A value of the wrong type or out of range.</summary>
        public const string BadValue = "DG0009";
        /// <summary>A required key is missing.</summary>
        public const string MissingKey = "DG0010";
    }

    /// <summary>One problem found in a spec: a code, a message naming the field, and where it is.</summary>
    internal sealed class SpecDiagnostic
    {
        /// <summary>Creates a diagnostic.</summary>
        public SpecDiagnostic(string code, string path, string message, int line, int column)
        {
            Code = code;
            Path = path;
            Message = message;
            Line = line;
            Column = column;
        }

        /// <summary>The stable code (DG0001...).</summary>
        public string Code { get; }

        /// <summary>The field path, e.g. <c>network.layers[2].tau_mem</c>.</summary>
        public string Path { get; }

        /// <summary>What is wrong, naming the field.</summary>
        public string Message { get; }

        /// <summary>1-based line in the file (0 when not from a file).</summary>
        public int Line { get; }

        /// <summary>1-based column in the file (0 when not from a file).</summary>
        public int Column { get; }

        /// <summary>One line: <c>file:line:col: message</c> (file and position only when known).</summary>
        public string Format(string? file)
        {
            string where = Line > 0 ? (file ?? "<input>") + ":" + Line + ":" + Column + ": " : (file != null ? file + ": " : string.Empty);
            return where + Message + " [" + Code + "]";
        }

        /// <inheritdoc />
        public override string ToString() => Format(null);
    }
}
