using System.Globalization;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace DelGrad.Substrate;

/// <summary>
/// How the BrainScaleS-2 emulation distorts an ideal network. Network times are in units of
/// tau_syn = <see cref="TauSynUs"/> microseconds of chip time; nanosecond and microsecond settings
/// are converted with it. Defaults follow the reference hardware; each key's range is in
/// <see cref="Keys"/>. Every step or width set to 0 switches that effect off (<see cref="Ideal"/>
/// switches all of them off).
/// </summary>
public sealed record Bss2Config
{
    private static readonly Entry[] Table =
    [
        new("tau_syn_us", 1e-9, 1000, c => c.TauSynUs, (c, v) => c with { TauSynUs = v }),
        new("threshold", 1e-9, 1000, c => c.Threshold, (c, v) => c with { Threshold = v }),
        new("weight_step", 0, 10, c => c.WeightStep, (c, v) => c with { WeightStep = v }),
        new("weight_max", 1e-9, double.PositiveInfinity, c => c.WeightMax, (c, v) => c with { WeightMax = v }),
        new("threshold_fp_mean", 0, 10, c => c.ThresholdFpMean, (c, v) => c with { ThresholdFpMean = v }),
        new("threshold_fp_std", 0, 10, c => c.ThresholdFpStd, (c, v) => c with { ThresholdFpStd = v }),
        new("threshold_trial_std", 0, 10, c => c.ThresholdTrialStd, (c, v) => c with { ThresholdTrialStd = v }),
        new("delay_min_us", 0, 1e6, c => c.DelayMinUs, (c, v) => c with { DelayMinUs = v }),
        new("delay_max_us", 0, double.PositiveInfinity, c => c.DelayMaxUs, (c, v) => c with { DelayMaxUs = v }),
        new("delay_step_ns", 0, 10000, c => c.DelayStepNs, (c, v) => c with { DelayStepNs = v }),
        new("delay_jitter_ns", 0, 10000, c => c.DelayJitterNs, (c, v) => c with { DelayJitterNs = v }),
        new("timestamp_step_ns", 0, 10000, c => c.TimestampStepNs, (c, v) => c with { TimestampStepNs = v }),
        new("tau_mem_fp_std", 0, 0.2, c => c.TauMemFpStd, (c, v) => c with { TauMemFpStd = v }),
        new("tau_syn_fp_std", 0, 0.2, c => c.TauSynFpStd, (c, v) => c with { TauSynFpStd = v }),
        new("output_jitter_ns", 0, 10000, c => c.OutputJitterNs, (c, v) => c with { OutputJitterNs = v }),
        new("spike_loss", 0, 1, c => c.SpikeLoss, (c, v) => c with { SpikeLoss = v }),
        new("window_us", 1e-9, 1e6, c => c.WindowUs, (c, v) => c with { WindowUs = v }),
    ];

    /// <summary>Hardware tau_syn in microseconds: the time unit (key <c>tau_syn_us</c>, default 6, range (0, 1000]).</summary>
    public double TauSynUs { get; init; } = 6.0;

    /// <summary>Chip threshold in weight units for specs built with <see cref="ChipNeuron"/> (key <c>threshold</c>, default 2.6, tau_mem = tau_syn).</summary>
    public double Threshold { get; init; } = 2.6;

    /// <summary>Weight grid step (key <c>weight_step</c>, default 1/30; 0 = no rounding; range [0, 10]).</summary>
    public double WeightStep { get; init; } = 1.0 / 30.0;

    /// <summary>Largest weight magnitude, 63 steps (key <c>weight_max</c>, default 63/30; +infinity = no clipping).</summary>
    public double WeightMax { get; init; } = 63.0 / 30.0;

    /// <summary>Mean of the per-neuron fixed-pattern threshold offset (key <c>threshold_fp_mean</c>, default 0.13, range [0, 10]).</summary>
    public double ThresholdFpMean { get; init; } = 0.13;

    /// <summary>Spread of the fixed-pattern threshold offset, drawn once per chip seed (key <c>threshold_fp_std</c>, default 0.08, range [0, 10]).</summary>
    public double ThresholdFpStd { get; init; } = 0.08;

    /// <summary>Spread of the per-batch threshold offset (key <c>threshold_trial_std</c>, default 0.04, range [0, 10]).</summary>
    public double ThresholdTrialStd { get; init; } = 0.04;

    /// <summary>Shortest delay circuit setting in microseconds (key <c>delay_min_us</c>, default 8.25, range [0, delay_max_us]).</summary>
    public double DelayMinUs { get; init; } = 8.25;

    /// <summary>Longest delay circuit setting in microseconds (key <c>delay_max_us</c>, default 33.25; +infinity = unbounded).</summary>
    public double DelayMaxUs { get; init; } = 33.25;

    /// <summary>Delay circuit step in nanoseconds (key <c>delay_step_ns</c>, default 125; 0 = continuous; range [0, 10000]).</summary>
    public double DelayStepNs { get; init; } = 125.0;

    /// <summary>Jitter (sigma) of every delayed spike in nanoseconds (key <c>delay_jitter_ns</c>, default 60, range [0, 10000]).</summary>
    public double DelayJitterNs { get; init; } = 60.0;

    /// <summary>Timestamp resolution of reported spikes in nanoseconds (key <c>timestamp_step_ns</c>, default 8; 0 = exact; range [0, 10000]).</summary>
    public double TimestampStepNs { get; init; } = 8.0;

    /// <summary>Relative per-neuron fixed-pattern spread of tau_mem (key <c>tau_mem_fp_std</c>, default 0, range [0, 0.2]).</summary>
    public double TauMemFpStd { get; init; }

    /// <summary>Relative per-neuron fixed-pattern spread of tau_syn (key <c>tau_syn_fp_std</c>, default 0, range [0, 0.2]).</summary>
    public double TauSynFpStd { get; init; }

    /// <summary>Jitter (sigma) of every emitted spike in nanoseconds (key <c>output_jitter_ns</c>, default 0, range [0, 10000]).</summary>
    public double OutputJitterNs { get; init; }

    /// <summary>Probability that an emitted spike is lost (key <c>spike_loss</c>, default 0, range [0, 1]).</summary>
    public double SpikeLoss { get; init; }

    /// <summary>Chip time per sample in microseconds (key <c>window_us</c>, default 180, range (0, 1e6]).</summary>
    public double WindowUs { get; init; } = 180.0;

    /// <summary>The reference BrainScaleS-2 settings.</summary>
    public static Bss2Config Default { get; } = new();

    /// <summary>No quantisation and no noise: the emulation equals the software model.</summary>
    public static Bss2Config Ideal { get; } = new()
    {
        WeightStep = 0.0,
        WeightMax = double.PositiveInfinity,
        ThresholdFpMean = 0.0,
        ThresholdFpStd = 0.0,
        ThresholdTrialStd = 0.0,
        DelayMinUs = 0.0,
        DelayMaxUs = double.PositiveInfinity,
        DelayStepNs = 0.0,
        DelayJitterNs = 0.0,
        TimestampStepNs = 0.0,
    };

    /// <summary>Every key in snake_case, in documentation order, with its inclusive range.</summary>
    public static IReadOnlyList<(string Key, double Min, double Max)> Keys { get; } = Table.Select(e => (e.Key, e.Min, e.Max)).ToArray();

    /// <summary>The neuron the chip implements: tau_mem = tau_syn = 1 (time unit), threshold <see cref="Threshold"/>.</summary>
    public Model.NeuronParameters ChipNeuron() => Model.NeuronParameters.EqualTau(Threshold);

    /// <summary>Converts nanoseconds of chip time to network time units (tau_syn).</summary>
    public double FromNs(double ns) => ns / (TauSynUs * 1000.0);

    /// <summary>Converts microseconds of chip time to network time units (tau_syn).</summary>
    public double FromUs(double us) => us / TauSynUs;

    /// <summary>The value of a key.</summary>
    public Fin<double> Get(string key) =>
        System.Array.Find(Table, e => e.Key == key) is { } e ? FinSucc(e.Get(this)) : FinFail<double>(UnknownKey(key));

    /// <summary>A copy with one key changed; errors name an unknown key or a NaN, negative or out-of-range value.</summary>
    public Fin<Bss2Config> With(string key, double value)
    {
        if (System.Array.Find(Table, e => e.Key == key) is not { } e)
        {
            return FinFail<Bss2Config>(UnknownKey(key));
        }

        if (CheckValue(e, value) is { } problem)
        {
            return FinFail<Bss2Config>(Error.New(problem));
        }

        var next = e.Set(this, value);
        var errors = next.Validate();
        return errors.IsEmpty ? FinSucc(next) : FinFail<Bss2Config>(errors.Head);
    }

    /// <summary>Every violated rule, each naming its key; empty when valid.</summary>
    public Seq<Error> Validate()
    {
        var errors = new List<Error>();
        foreach (var e in Table)
        {
            if (CheckValue(e, e.Get(this)) is { } problem)
            {
                errors.Add(Error.New(problem));
            }
        }

        if (DelayMinUs > DelayMaxUs)
        {
            errors.Add(Error.New($"delay_min_us: {Format(DelayMinUs)} exceeds delay_max_us {Format(DelayMaxUs)}"));
        }

        return toSeq(errors);
    }

    private static Error UnknownKey(string key) =>
        Error.New($"{key}: unknown substrate key (known: {string.Join(", ", Table.Select(e => e.Key))})");

    private static string? CheckValue(Entry e, double value)
    {
        if (double.IsNaN(value))
        {
            return $"{e.Key}: must be a number, got NaN";
        }

        if (value < 0)
        {
            return $"{e.Key}: must not be negative, got {Format(value)}";
        }

        if (value < e.Min || value > e.Max)
        {
            return $"{e.Key}: must be in [{Format(e.Min)}, {Format(e.Max)}], got {Format(value)}";
        }

        return null;
    }

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private sealed record Entry(string Key, double Min, double Max, Func<Bss2Config, double> Get, Func<Bss2Config, double, Bss2Config> Set);
}
