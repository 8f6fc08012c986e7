using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Substrate;

namespace DelGrad.Training;

/// <summary>What a forward source measured on top of the spike times: emulated chip time, weights clipped to the hardware range, dropped spikes (all 0 in software).</summary>
/// <param name="ChipSeconds">Emulated chip time (one window per sample).</param>
/// <param name="ClippedWeights">Weights clipped to the hardware range in the last batch.</param>
/// <param name="LostSpikes">Spikes the substrate dropped.</param>
public readonly record struct ForwardStats(double ChipSeconds, int ClippedWeights, int LostSpikes)
{
    /// <summary>Both measurements together (chip time and lost spikes add up; the clipped count is the later one's).</summary>
    public ForwardStats Then(ForwardStats later) => new(ChipSeconds + later.ChipSeconds, later.ClippedWeights, LostSpikes + later.LostSpikes);
}

/// <summary>
/// Where a batch's spike times come from: the strategy of the one <see cref="Trainer"/>. The ideal software network
/// (<see cref="SoftwareForward"/>: the runtime or a compiled network, forward and backward) or an emulated BrainScaleS-2
/// chip (<see cref="ChipForward"/>: the chip runs forward with its quantisation and noise, and the exact backward pass
/// differentiates the nominal model at the OBSERVED times). Everything else of training (data, noise, order, the update
/// rule, bumping, validation, metrics) is the trainer's and the same for both.
/// </summary>
public interface IForwardSource
{
    /// <summary>What runs the samples: "runtime", the class of a network compiled at build time, or "bss2 emulation".</summary>
    string Name { get; }

    /// <summary>Per neuron (all neuron layers in order): in how many samples of the last batch it was silent.</summary>
    ReadOnlySpan<int> SilentCounts { get; }

    /// <summary>The largest weight magnitude an update may leave, given the config's <paramref name="configured"/> clip.</summary>
    double WeightClip(double configured);

    /// <summary>
    /// Loss and gradient of the mean loss over samples <paramref name="indices"/> of <paramref name="inputs"/> ([N][inputs]
    /// flat, labels alike); writes each sample's label-layer times into <paramref name="outputs"/>.
    /// </summary>
    /// <param name="parameters">The parameters (a chip quantises them itself).</param>
    /// <param name="prepared">The same parameters prepared for the network.</param>
    /// <param name="inputs">Input times.</param>
    /// <param name="labels">Labels.</param>
    /// <param name="indices">The batch's samples.</param>
    /// <param name="key">The batch's noise key (a chip's trial noise).</param>
    /// <param name="outputs">[indices.Length][outputs] label-layer times.</param>
    /// <returns>The batch's mean loss and gradient (valid until the next call).</returns>
    BatchResult TrainBatch(NetworkParameters parameters, PreparedParameters prepared, ReadOnlyMemory<double> inputs, ReadOnlyMemory<int> labels, ReadOnlyMemory<int> indices, BatchKey key, Memory<double> outputs);

    /// <summary>Label-layer times and the mean loss of every sample of <paramref name="split"/> (no gradient).</summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="split">The samples.</param>
    /// <param name="phase">What the pass is part of (a chip's trial noise differs per phase).</param>
    /// <param name="epochIndex">The epoch it follows (0-based; 0 for a test).</param>
    /// <param name="outputs">[split.Count][outputs] label-layer times.</param>
    /// <returns>The mean loss.</returns>
    double Run(NetworkParameters parameters, DataSplit split, NoisePhase phase, int epochIndex, double[] outputs);

    /// <summary>What the source measured since the last call (and resets it).</summary>
    ForwardStats TakeStats();
}
