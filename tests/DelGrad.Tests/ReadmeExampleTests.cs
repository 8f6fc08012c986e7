using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Training;
using static LanguageExt.Prelude;

namespace DelGrad.Tests;

public class ReadmeExampleTests
{
    [Fact]
    public void TheReadmeExampleRunsAndMatchesThisFile()
    {
        // README-BEGIN
        var neuron = NeuronParameters.DoubleTau();                 // tau_mem = 2 tau_syn, threshold 1
        var delays = new DelayLayer(DelayKind.Synaptic, new Positivity.Sigmoid());
        var spec = NetworkSpec.Create(4, Seq<LayerSpec>(delays, new NeuronLayer(30, neuron), delays, new NeuronLayer(3, neuron))).ThrowIfFail();
        var init = Seq(new InitSpec(0, 0.25), new InitSpec(1, 1), new InitSpec(0, 0.25), new InitSpec(1, 1));
        var network = Network.Compile(spec);
        var prepared = network.Prepare(Initialisation.Draw(spec, init, seed: 0));
        var workspace = network.CreateWorkspace();                  // reuse it: no allocation per sample
        var times = network.Forward(prepared, [0.15, 2.0, 2.0, 0.15], workspace); // first spikes, +inf = silent
        double loss = network.Backward(prepared, new LossSpec.ShiftInvariantMse(0.2), label: 1, workspace);
        var gradient = network.FlushDelayGradients(prepared, workspace); // dL/d(weights, raw delays), exact
        // README-END

        Assert.Equal(3, times.Length);
        Assert.Equal(spec.Layout.Count, gradient.Length);
        Assert.True(double.IsFinite(loss));

        string source = File.ReadAllText(Path.Combine(Data.ReferenceFiles.RepositoryRoot(), "tests", "DelGrad.Tests", "ReadmeExampleTests.cs"));
        string readme = File.ReadAllText(Path.Combine(Data.ReferenceFiles.RepositoryRoot(), "README.md"));
        int begin = source.IndexOf("// README-BEGIN", StringComparison.Ordinal), end = source.IndexOf("        // README-END", StringComparison.Ordinal);
        var snippet = source[(source.IndexOf('\n', begin) + 1)..end].Split('\n').Select(l => l.Length >= 8 ? l[8..] : l.Trim());
        Assert.Contains(string.Join("\n", snippet).TrimEnd(), readme.Replace("\r", "", StringComparison.Ordinal));
    }
}
