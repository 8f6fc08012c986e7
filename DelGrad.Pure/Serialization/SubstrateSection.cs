using System.Text.Json;
using DelGrad.Serialization;
using DelGrad.Specs.Format;
using DelGrad.Substrate;
using DelGrad.Training;

namespace DelGrad.Serialization;

/// <summary>Reads and writes a config's <c>substrate</c> section; every value goes through <see cref="Bss2Config.With"/>.</summary>
internal static class SubstrateSection
{
    public static SubstrateOptions? Read(ObjectReader r)
    {
        int before = r.Sink.Count;
        r.Choice("type", null, "bss2");
        long chipSeed = r.Integer("chip_seed", 0, 0, int.MaxValue);
        var config = Bss2Config.Default;

        // delay_max_us before delay_min_us, so a raised minimum is checked against the new maximum.
        var keys = Bss2Config.Keys.Select(k => k.Key).OrderBy(k => k == "delay_min_us" ? 1 : 0).ToArray();
        foreach (var key in keys)
        {
            var node = r.Get(key);
            if (node == null)
            {
                continue;
            }

            double v = r.Number(key, null, allowInfinity: true);
            if (double.IsNaN(v))
            {
                continue;
            }

            config = config.With(key, v).Match(
                c => c,
                e =>
                {
                    string message = e.Message.StartsWith(key + ": ", StringComparison.Ordinal) ? e.Message[(key.Length + 2)..] : e.Message;
                    r.Report(SpecCodes.BadValue, r.At(key), message, node);
                    return config;
                });
        }

        r.RejectUnknown();
        return r.Sink.Count > before ? null : new SubstrateOptions(config, chipSeed);
    }

    public static void Write(Utf8JsonWriter w, SubstrateOptions s)
    {
        w.WriteStartObject("substrate");
        w.WriteString("type", "bss2");
        w.WriteNumber("chip_seed", s.ChipSeed);
        foreach (var (key, _, _) in Bss2Config.Keys)
        {
            w.WritePropertyName(key);
            JsonText.Number(w, s.Bss2.Get(key).Match(v => v, _ => double.NaN));
        }

        w.WriteEndObject();
    }
}
