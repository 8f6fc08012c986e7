using DelGrad.Substrate;

namespace DelGrad.Tests.Substrate;

public class Bss2ConfigTests
{
    [Fact]
    public void DefaultsAreValidAndMatchTheReferenceChip()
    {
        var c = Bss2Config.Default;
        Assert.True(c.Validate().IsEmpty);
        Assert.True(Bss2Config.Ideal.Validate().IsEmpty);
        Assert.Equal(6.0, c.TauSynUs);
        Assert.Equal(2.6, c.Threshold);
        Assert.Equal(63.0 / 30.0, c.WeightMax);
        Assert.Equal(0.01, c.FromNs(60), 12);
        Assert.Equal(8.25 / 6.0, c.FromUs(c.DelayMinUs), 12);
        Assert.Equal(17, Bss2Config.Keys.Count);
    }

    [Fact]
    public void WithChangesOneKeyAndRejectsBadInputByName()
    {
        var changed = Bss2Config.Default.With("delay_jitter_ns", 30).ThrowIfFail();
        Assert.Equal(30, changed.DelayJitterNs);
        Assert.Equal(Bss2Config.Default with { DelayJitterNs = 30 }, changed);
        Assert.Equal(30, changed.Get("delay_jitter_ns").ThrowIfFail());

        Assert.Contains("no_such_key", Message(Bss2Config.Default.With("no_such_key", 1)));
        Assert.Contains("threshold_fp_std", Message(Bss2Config.Default.With("threshold_fp_std", -0.1)));
        Assert.Contains("threshold_trial_std", Message(Bss2Config.Default.With("threshold_trial_std", double.NaN)));
        Assert.Contains("spike_loss", Message(Bss2Config.Default.With("spike_loss", 1.5)));
        Assert.Contains("tau_mem_fp_std", Message(Bss2Config.Default.With("tau_mem_fp_std", 0.3)));
        Assert.Contains("delay_min_us", Message(Bss2Config.Default.With("delay_min_us", 40)));
    }

    [Fact]
    public void ValidateNamesEveryBrokenKey()
    {
        var broken = Bss2Config.Default with { SpikeLoss = 2, TauSynFpStd = -1 };
        var messages = broken.Validate().Map(e => e.Message).ToList();
        Assert.Equal(2, messages.Count);
        Assert.Contains(messages, m => m.StartsWith("spike_loss:", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("tau_syn_fp_std:", StringComparison.Ordinal));
    }

    private static string Message<T>(LanguageExt.Fin<T> fin) => fin.Match(Succ: _ => "success", Fail: e => e.Message);
}
