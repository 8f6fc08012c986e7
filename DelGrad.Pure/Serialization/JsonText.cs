using System.Text;
using System.Text.Json;

namespace DelGrad.Serialization;

/// <summary>Small helpers around <see cref="Utf8JsonWriter"/> (doubles are written shortest round-trip, so they read back bit for bit).</summary>
internal static class JsonText
{
    public static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            body(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Writes a double; non-finite values as the strings the reference files use.</summary>
    public static void Number(Utf8JsonWriter w, double v)
    {
        if (double.IsFinite(v))
        {
            w.WriteNumberValue(v);
        }
        else
        {
            w.WriteStringValue(double.IsNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
        }
    }

    public static void Numbers(Utf8JsonWriter w, string name, ReadOnlySpan<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            Number(w, v);
        }

        w.WriteEndArray();
    }

    public static void Matrix(Utf8JsonWriter w, string name, ReadOnlySpan<double> values, int rows, int columns)
    {
        w.WriteStartArray(name);
        for (int r = 0; r < rows; r++)
        {
            w.WriteStartArray();
            foreach (var v in values.Slice(r * columns, columns))
            {
                Number(w, v);
            }

            w.WriteEndArray();
        }

        w.WriteEndArray();
    }
}
