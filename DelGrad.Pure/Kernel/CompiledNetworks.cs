using DelGrad.Model;
using DelGrad.Specs;

namespace DelGrad.Kernel;

/// <summary>
/// The Yin-Yang configs' networks compiled into this library at build time from the one copy of each config
/// (<c>configs/*.json</c>, also embedded for <c>ExperimentConfig.BuiltIn</c>), found by spec: a config whose network
/// equals one of them trains on its compiled kernels.
/// </summary>
internal static class CompiledNetworks
{
    private static readonly (string File, Func<ICompiledNetwork> Create)[] BuiltIns =
    [
        ("yinyang-fastanddeep.json", static () => new YinyangFastanddeepNetwork()),
        ("yinyang-h30-w.json", static () => new YinyangH30WNetwork()),
        ("yinyang-h30-wa.json", static () => new YinyangH30WaNetwork()),
        ("yinyang-h30-ws.json", static () => new YinyangH30WsNetwork()),
        ("yinyang-h30-wd.json", static () => new YinyangH30WdNetwork()),
        ("yinyang-h5-ws.json", static () => new YinyangH5WsNetwork()),
        ("mnist16-fastanddeep.json", static () => new Mnist16FastanddeepNetwork()),
    ];

    // The specs, read once from the embedded configs the classes were generated from (constant data).
    private static readonly Lazy<(NetworkSpec Spec, string File, Func<ICompiledNetwork> Create)[]> Specs = new(() =>
        [.. BuiltIns.Select(b => (Read(b.File), b.File, b.Create))]);

    /// <summary>The built-in files and their specs (for tests).</summary>
    internal static IEnumerable<(string File, NetworkSpec Spec)> All => Specs.Value.Select(s => (s.File, s.Spec));

    /// <summary>A factory of the compiled network for <paramref name="spec"/>, or null when none matches exactly.</summary>
    public static Func<ICompiledNetwork>? Find(NetworkSpec spec) =>
        Specs.Value.FirstOrDefault(s => s.Spec == spec).Create;

    private static NetworkSpec Read(string file)
    {
        using var stream = typeof(CompiledNetworks).Assembly.GetManifestResourceStream("DelGrad.Configs." + file)
            ?? throw new InvalidOperationException($"embedded config {file} is missing");
        using var reader = new StreamReader(stream);
        return SpecMapper.ReadNetwork(reader.ReadToEnd(), file).Match(s => s, e => throw new InvalidOperationException($"embedded spec {file}: {e}"));
    }
}
