using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Substrate;

namespace DelGrad.Effects.Substrate;

/// <summary>What a substrate reported for one batch.</summary>
/// <param name="Times">Per sample, per neuron layer, the reported first-spike times (+infinity = silent).</param>
/// <param name="ChipSeconds">Emulated chip time of the batch (0 for the software model).</param>
/// <param name="ClippedWeights">Weights clipped to the hardware range.</param>
/// <param name="DelaysOutOfRange">Delays clamped to the delay circuits' range.</param>
/// <param name="LostSpikes">Spikes the substrate dropped.</param>
public sealed record SubstrateRun(IReadOnlyList<double[][]> Times, double ChipSeconds, int ClippedWeights, int DelaysOutOfRange, int LostSpikes)
{
    /// <summary>The label-layer times of one sample.</summary>
    public double[] Output(int sample) => Times[sample][^1];
}

/// <summary>Something that runs a network forward: the ideal software model or an emulated chip.</summary>
public interface SubstrateIO
{
    /// <summary>A short name for logs and reports.</summary>
    string Name { get; }

    /// <summary>Runs a batch and reports every neuron layer's spike times.</summary>
    SubstrateRun Run(NetworkSpec spec, NetworkParameters parameters, IReadOnlyList<double[]> inputs, BatchKey key);
}

/// <summary>The exact software model (<see cref="Network.Forward"/>), no noise.</summary>
public sealed class IdealSubstrate : SubstrateIO
{
    /// <summary>The instance.</summary>
    public static readonly IdealSubstrate Instance = new();

    /// <inheritdoc />
    public string Name => "ideal";

    /// <inheritdoc />
    public SubstrateRun Run(NetworkSpec spec, NetworkParameters parameters, IReadOnlyList<double[]> inputs, BatchKey key)
    {
        var network = Network.Compile(spec);
        var prepared = network.Prepare(parameters);
        var workspace = network.CreateWorkspace();
        var times = new double[inputs.Count][][];
        for (int s = 0; s < inputs.Count; s++)
        {
            network.Forward(prepared, inputs[s], workspace);
            times[s] = Enumerable.Range(0, network.NeuronLayerCount).Select(l => workspace.NeuronLayerOutput(l).ToArray()).ToArray();
        }

        return new SubstrateRun(times, 0.0, 0, 0, 0);
    }
}

/// <summary>The BrainScaleS-2 emulation of one chip.</summary>
/// <param name="config">The substrate settings.</param>
/// <param name="chipSeed">The chip (fixed-pattern noise).</param>
/// <param name="threads">Worker threads (results do not depend on it).</param>
public sealed class Bss2Substrate(Bss2Config config, long chipSeed, int threads = 1) : SubstrateIO
{
    /// <summary>The substrate settings.</summary>
    public Bss2Config Config => config;

    /// <summary>The chip seed.</summary>
    public long ChipSeed => chipSeed;

    /// <inheritdoc />
    public string Name => $"bss2(chip {chipSeed})";

    /// <inheritdoc />
    public SubstrateRun Run(NetworkSpec spec, NetworkParameters parameters, IReadOnlyList<double[]> inputs, BatchKey key)
    {
        var chip = new Bss2Emulation(spec, parameters, config, chipSeed);
        var result = chip.Run(inputs, key, threads);
        var times = new double[result.SampleCount][][];
        for (int s = 0; s < times.Length; s++)
        {
            times[s] = Enumerable.Range(0, chip.NeuronLayerCount).Select(l => result.Times(s, l).ToArray()).ToArray();
        }

        return new SubstrateRun(times, result.ChipSeconds, chip.ClippedWeights, chip.DelaysOutOfRange, result.LostSpikes);
    }
}
