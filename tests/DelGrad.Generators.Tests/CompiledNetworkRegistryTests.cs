extern alias gen;

using DelGrad.Model;

namespace DelGrad.Generators.Tests;

/// <summary>
/// The registry the generator emitted for this project (every <c>Specs/*.delgrad.json</c>): each class's spec, built from
/// literals, equals the spec the runtime parses from the same file, and <c>Find</c> returns that class.
/// </summary>
public sealed class CompiledNetworkRegistryTests
{
    private static string[] SpecFiles() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Specs"), "*.delgrad.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Fact]
    public void EverySpecFileIsRegisteredOnce() =>
        Assert.Equal(SpecFiles(), CompiledNetworkRegistry.All.Select(e => e.File).Order(StringComparer.Ordinal));

    [Fact]
    public void EachSpecEqualsTheParsedFileAndFindReturnsItsClass()
    {
        foreach (string file in SpecFiles())
        {
            var parsed = SpecMapper.ReadNetwork(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Specs", file)), file).ThrowIfFail();
            var entry = CompiledNetworkRegistry.All.Single(e => e.File == file);
            Assert.Equal(parsed, entry.Spec);
            Assert.Equal(parsed.Layout, entry.Spec.Layout);
            var network = CompiledNetworkRegistry.Find(parsed)?.Invoke();
            Assert.NotNull(network);
            Assert.Equal(gen::DelGrad.Generators.NetworkSpecGenerator.ClassName(file), network.GetType().Name);
            Assert.Equal(parsed.Layout.Count, network.ParameterCount);
        }
    }

    // Every layer kind and value of the mixed spec, written as literals: bias times, multiplex, sharing order, clip and
    // sigmoid positivity, leak and explicit constants.
    [Fact]
    public void TheMixedSpecIsBuiltFromLiterals()
    {
        var layers = MixedWiringNetwork.Spec.Layers.ToArray();
        Assert.Equal(3, MixedWiringNetwork.Spec.Inputs);
        Assert.Equal(new MultiplexLayer(2), layers[0]);
        Assert.Equal(new DelayLayer(DelayKind.Axonal, new Positivity.Clip(), 2, 1, true), layers[1]);
        Assert.Equal(new DelayLayer(DelayKind.Dendritic, new Positivity.Sigmoid(0.1, 2.0), 1, 2, false), layers[3]);
        Assert.Equal(-0.1, Assert.IsType<NeuronLayer>(layers[2]).Neuron.Leak);
        Assert.IsType<BroadcastLayer>(layers[5]);
        Assert.Equal(new[] { 0.5, 1.5 }, Assert.IsType<BiasSpikesLayer>(layers[6]).Times.ToArray());
        Assert.Null(CompiledNetworkRegistry.Find(NetworkSpec.Create(4, MixedWiringNetwork.Spec.Layers).ThrowIfFail()));
    }
}
