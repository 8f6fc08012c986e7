using DelGrad.Effects.Runtimes;
using DelGrad.Effects.Traits;
using DelGrad.Model;
using DelGrad.Substrate;
using LanguageExt;
using LanguageExt.Common;
using LanguageExt.Effects.Traits;
using static LanguageExt.Prelude;

namespace DelGrad.Effects.Substrate;

/// <summary>A runtime with a substrate to run networks on.</summary>
/// <typeparam name="RT">The runtime.</typeparam>
public interface HasSubstrate<RT> : HasCancel<RT>
    where RT : struct, HasSubstrate<RT>
{
    /// <summary>Access to the substrate.</summary>
    Eff<RT, SubstrateIO> SubstrateEff { get; }
}

/// <summary>Substrate effects; failures (bad parameters or inputs) become one-line errors.</summary>
/// <typeparam name="RT">The runtime.</typeparam>
public static class Substrate<RT>
    where RT : struct, HasSubstrate<RT>
{
    /// <summary>The substrate's name.</summary>
    public static Eff<RT, string> Name => from io in default(RT).SubstrateEff select io.Name;

    /// <summary>Runs a batch on the runtime's substrate.</summary>
    public static Eff<RT, SubstrateRun> Run(NetworkSpec spec, NetworkParameters parameters, IReadOnlyList<double[]> inputs, BatchKey key) =>
        from io in default(RT).SubstrateEff
        from r in EffMaybe<RT, SubstrateRun>(_ =>
        {
            try
            {
                return FinSucc(io.Run(spec, parameters, inputs, key));
            }
            catch (ArgumentException e)
            {
                return FinFail<SubstrateRun>(Error.New($"{io.Name}: {e.Message}"));
            }
        })
        select r;
}

/// <summary>The real world (disk, console, clock) plus a chosen substrate.</summary>
public readonly struct LiveSubstrateRuntime : HasSubstrate<LiveSubstrateRuntime>, HasFiles<LiveSubstrateRuntime>, HasProgress<LiveSubstrateRuntime>, HasClock<LiveSubstrateRuntime>
{
    private readonly LiveSubstrateEnv env;

    private LiveSubstrateRuntime(LiveSubstrateEnv env, CancellationTokenSource source)
    {
        this.env = env;
        CancellationTokenSource = source;
    }

    /// <summary>A live runtime writing progress to <paramref name="output"/> and running on <paramref name="substrate"/>.</summary>
    public static LiveSubstrateRuntime New(TextWriter output, bool interactive, SubstrateIO substrate) =>
        new(new LiveSubstrateEnv(new LiveProgress(output, interactive), substrate), new CancellationTokenSource());

    /// <inheritdoc />
    public LiveSubstrateRuntime LocalCancel => new(env, new CancellationTokenSource());

    /// <inheritdoc />
    public CancellationToken CancellationToken => CancellationTokenSource.Token;

    /// <inheritdoc />
    public CancellationTokenSource CancellationTokenSource { get; }

    /// <inheritdoc />
    public Eff<LiveSubstrateRuntime, SubstrateIO> SubstrateEff => Eff<LiveSubstrateRuntime, SubstrateIO>(rt => rt.env.Substrate);

    /// <inheritdoc />
    public Eff<LiveSubstrateRuntime, FilesIO> FilesEff => SuccessEff<FilesIO>(LiveFiles.Instance);

    /// <inheritdoc />
    public Eff<LiveSubstrateRuntime, ProgressIO> ProgressEff => Eff<LiveSubstrateRuntime, ProgressIO>(rt => rt.env.Progress);

    /// <inheritdoc />
    public Eff<LiveSubstrateRuntime, ClockIO> ClockEff => SuccessEff<ClockIO>(LiveClock.Instance);

    private sealed record LiveSubstrateEnv(ProgressIO Progress, SubstrateIO Substrate);
}

/// <summary>
/// A deterministic runtime: the in-memory <see cref="TestEnv"/> plus a BSS2 emulation whose chip seed
/// is fixed, so every run of a test sees the same chip.
/// </summary>
public readonly struct TestSubstrateRuntime : HasSubstrate<TestSubstrateRuntime>, HasFiles<TestSubstrateRuntime>, HasProgress<TestSubstrateRuntime>, HasClock<TestSubstrateRuntime>
{
    private TestSubstrateRuntime(TestEnv env, SubstrateIO substrate, CancellationTokenSource source)
    {
        Env = env;
        Substrate = substrate;
        CancellationTokenSource = source;
    }

    /// <summary>The files, progress and clock of this runtime.</summary>
    public TestEnv Env { get; }

    /// <summary>The substrate.</summary>
    public SubstrateIO Substrate { get; }

    /// <summary>A runtime emulating chip <paramref name="chipSeed"/> with <paramref name="config"/> (default: reference settings).</summary>
    public static TestSubstrateRuntime Seeded(long chipSeed, Bss2Config? config = null) =>
        new(new TestEnv(), new Bss2Substrate(config ?? Bss2Config.Default, chipSeed), new CancellationTokenSource());

    /// <summary>A runtime on the ideal software model.</summary>
    public static TestSubstrateRuntime Ideal() => new(new TestEnv(), IdealSubstrate.Instance, new CancellationTokenSource());

    /// <inheritdoc />
    public TestSubstrateRuntime LocalCancel => new(Env, Substrate, new CancellationTokenSource());

    /// <inheritdoc />
    public CancellationToken CancellationToken => CancellationTokenSource.Token;

    /// <inheritdoc />
    public CancellationTokenSource CancellationTokenSource { get; }

    /// <inheritdoc />
    public Eff<TestSubstrateRuntime, SubstrateIO> SubstrateEff => Eff<TestSubstrateRuntime, SubstrateIO>(rt => rt.Substrate);

    /// <inheritdoc />
    public Eff<TestSubstrateRuntime, FilesIO> FilesEff => Eff<TestSubstrateRuntime, FilesIO>(rt => rt.Env.Files);

    /// <inheritdoc />
    public Eff<TestSubstrateRuntime, ProgressIO> ProgressEff => Eff<TestSubstrateRuntime, ProgressIO>(rt => rt.Env.Progress);

    /// <inheritdoc />
    public Eff<TestSubstrateRuntime, ClockIO> ClockEff => Eff<TestSubstrateRuntime, ClockIO>(rt => rt.Env.Clock);
}
