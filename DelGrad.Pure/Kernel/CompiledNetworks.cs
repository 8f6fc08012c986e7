using DelGrad.Model;

namespace DelGrad.Kernel;

/// <summary>
/// The configs' networks compiled into this library at build time from the one copy of each config (the
/// <c>configs/*.json</c> files marked <c>DelGradNetwork</c> in DelGrad.Pure.csproj), found by spec: a config whose network
/// equals one of them trains on its compiled kernels. The generator emits the list (<see cref="CompiledNetworkRegistry"/>,
/// each class's spec built from literals), so nothing is read or parsed at run time.
/// </summary>
internal static class CompiledNetworks
{
    /// <summary>A factory of the compiled network for <paramref name="spec"/>, or null when none matches exactly.</summary>
    public static Func<ICompiledNetwork>? Find(NetworkSpec spec) => CompiledNetworkRegistry.Find(spec);
}
