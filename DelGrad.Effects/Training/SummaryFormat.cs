using System.Text.Json;
using DelGrad.Serialization;

namespace DelGrad.Effects.Training;

/// <summary>
/// summary.json, software and chip-in-the-loop runs alike, through one JSON writer: the fields every run reports,
/// then the chip's when there is one. Numbers read back bit for bit; a value that is not finite is written as null.
/// <see cref="RunRecordReader"/> reads it back.
/// </summary>
public static class SummaryFormat
{
    /// <summary>The text of a run's summary.json (<paramref name="chip"/> = null for a software run).</summary>
    public static string Write(RunSummary s, ChipRunSummary? chip = null) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("name", s.Name);
        w.WriteNumber("seed", s.Seed);
        w.WriteNumber("epochs", s.Epochs);
        w.WriteNumber("parameter_count", s.ParameterCount);
        NumberOrNull(w, "test_accuracy", s.TestAccuracy);
        NumberOrNull(w, "test_loss", s.TestLoss);
        NumberOrNull(w, "validation_accuracy", s.ValidationAccuracy);
        if (s.Selection is { } m)
        {
            w.WriteString("selected", m.Selected);
            NumberOrNull(w, "test_accuracy_final", m.FinalTestAccuracy);
            w.WriteNumber("best_validation_epoch", m.BestValidationEpoch);
            NumberOrNull(w, "best_validation_accuracy", m.BestValidationAccuracy);
            NumberOrNull(w, "test_accuracy_best_validation", m.BestValidationTestAccuracy);
        }

        NumberOrNull(w, "seconds_per_epoch", s.SecondsPerEpoch);
        NumberOrNull(w, "total_seconds", s.TotalSeconds);
        w.WriteNumber("threads", s.Threads);
        w.WriteString("kernel", s.Kernel);
        if (chip is not null)
        {
            w.WriteString("substrate", "bss2");
            w.WriteNumber("chip_seed", chip.ChipSeed);
            NumberOrNull(w, "test_accuracy_software", chip.SoftwareTestAccuracy);
            NumberOrNull(w, "chip_seconds", chip.ChipSeconds);
            NumberOrNull(w, "chip_samples_per_second", chip.ChipSamplesPerSecond);
            NumberOrNull(w, "host_seconds", s.TotalSeconds);
            NumberOrNull(w, "host_samples_per_second", chip.HostSamplesPerSecond);
        }

        w.WriteEndObject();
    });

    private static void NumberOrNull(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
