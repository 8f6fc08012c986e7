using DelGrad.Kernel;
using DelGrad.Losses;
using DelGrad.Model;
using DelGrad.Substrate;

namespace DelGrad.Training;

/// <summary>A split evaluated on the emulated chip, with the chip time it took.</summary>
/// <param name="Evaluation">Loss, accuracy, outputs and confusion as the chip reported them.</param>
/// <param name="ChipSeconds">Emulated chip time (one window per sample).</param>
/// <param name="LostSpikes">Spikes the substrate dropped.</param>
public sealed record ChipEvaluation(SplitEvaluation Evaluation, double ChipSeconds, int LostSpikes);

/// <summary>
/// An emulated BrainScaleS-2 chip as the forward source (chip-in-the-loop): every batch runs forward on
/// <see cref="Bss2Emulation"/>, which quantises the float shadow parameters and adds its fixed-pattern and trial noise,
/// and the backward pass evaluates the exact analytic gradients at the OBSERVED spike times and the NOMINAL (shadow)
/// parameters (<see cref="ObservedBatchEvaluator"/>, <see cref="Network.LoadObserved"/>). Updates keep the weights
/// within the hardware's range. The result depends only on the config, the substrate seeds and the state, never on
/// the thread count. A <see cref="Trainer"/> uses it for every config with a substrate section.
/// </summary>
public sealed class ChipForward : IForwardSource
{
    private readonly ObservedBatchEvaluator evaluator;
    private readonly ExperimentConfig config;
    private readonly int threads;
    private ForwardStats stats;

    /// <summary>Creates the source for <paramref name="config"/> on <paramref name="substrate"/>.</summary>
    /// <param name="config">The experiment (its network is the nominal model).</param>
    /// <param name="network">The config's network, compiled.</param>
    /// <param name="substrate">The emulated chip.</param>
    /// <param name="threads">Worker threads.</param>
    public ChipForward(ExperimentConfig config, Network network, SubstrateOptions substrate, int threads = 1)
    {
        this.config = config ?? throw new ArgumentNullException(nameof(config));
        Substrate = substrate ?? throw new ArgumentNullException(nameof(substrate));
        this.threads = threads;
        evaluator = new ObservedBatchEvaluator(network, threads) { MaxDwNorm = config.Training.MaxDwNorm };
    }

    /// <summary>The emulated chip.</summary>
    public SubstrateOptions Substrate { get; }

    /// <inheritdoc />
    public string Name => "bss2 emulation";

    /// <inheritdoc />
    public ReadOnlySpan<int> SilentCounts => evaluator.SilentCounts;

    /// <inheritdoc />
    public double WeightClip(double configured) => Math.Min(configured, Substrate.Bss2.WeightMax);

    /// <summary>The chip with <paramref name="parameters"/> written to it.</summary>
    public Bss2Emulation Chip(NetworkParameters parameters) => new(config.Network, parameters, Substrate.Bss2, Substrate.ChipSeed);

    /// <inheritdoc />
    public BatchResult TrainBatch(NetworkParameters parameters, PreparedParameters prepared, ReadOnlyMemory<double> inputs, ReadOnlyMemory<int> labels, ReadOnlyMemory<int> indices, BatchKey key, Memory<double> outputs)
    {
        var chip = Chip(parameters);
        int width = config.Network.Inputs, classes = config.Network.Outputs;
        var idx = indices.Span;
        var samples = new double[idx.Length][];
        for (int k = 0; k < idx.Length; k++)
        {
            samples[k] = inputs.Span.Slice(idx[k] * width, width).ToArray();
        }

        var report = chip.Run(samples, key, threads);
        var observed = new double[idx.Length][][];
        for (int k = 0; k < observed.Length; k++)
        {
            observed[k] = new double[evaluator.Network.NeuronLayerCount][];
            for (int l = 0; l < observed[k].Length; l++)
            {
                observed[k][l] = report.Times(k, l).ToArray();
            }

            report.Output(k)[..classes].CopyTo(outputs.Span.Slice(k * classes, classes));
        }

        stats = stats.Then(new ForwardStats(report.ChipSeconds, chip.ClippedWeights, report.LostSpikes));
        return evaluator.Evaluate(prepared, config.Loss, inputs, labels, indices, observed);
    }

    /// <inheritdoc />
    public double Run(NetworkParameters parameters, DataSplit split, NoisePhase phase, int epochIndex, double[] outputs)
    {
        var (loss, measured) = RunOn(Chip(parameters), config, split, phase, epochIndex, threads, outputs);
        stats = stats.Then(measured with { ClippedWeights = stats.ClippedWeights });
        return loss;
    }

    /// <inheritdoc />
    public ForwardStats TakeStats()
    {
        var taken = stats;
        stats = default;
        return taken;
    }

    /// <summary>
    /// Runs <paramref name="split"/> on <paramref name="chip"/> in batches of the config's batch size; each batch draws its
    /// own trial noise, keyed by <paramref name="phase"/>, <paramref name="epochIndex"/> and the batch (for a chip that
    /// was not trained here, e.g. a model moved onto another emulated chip).
    /// </summary>
    public static ChipEvaluation Evaluate(Bss2Emulation chip, ExperimentConfig config, DataSplit split, NoisePhase phase, int epochIndex = 0, int threads = 1, bool withOutputs = true)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(split);
        var outputs = new double[split.Count * config.Network.Outputs];
        var (loss, measured) = RunOn(chip, config, split, phase, epochIndex, threads, outputs);
        return new ChipEvaluation(SplitEvaluation.Of(loss, outputs, split.Labels, config.Network.Outputs, withOutputs), measured.ChipSeconds, measured.LostSpikes);
    }

    private static (double MeanLoss, ForwardStats Stats) RunOn(Bss2Emulation chip, ExperimentConfig config, DataSplit split, NoisePhase phase, int epochIndex, int threads, double[] outputs)
    {
        ArgumentNullException.ThrowIfNull(chip);
        int n = split.Count, classes = config.Network.Outputs, batch = config.Training.BatchSize;
        double tauSyn = ((NeuronLayer)config.Network.Layers.Last).Neuron.TauSyn;
        var scratch = new double[classes];
        double lossSum = 0, chipSeconds = 0;
        int lost = 0;
        for (int start = 0, b = 0; start < n; start += batch, b++)
        {
            int count = Math.Min(batch, n - start);
            var inputs = new double[count][];
            for (int k = 0; k < count; k++)
            {
                inputs[k] = split.Sample(start + k);
            }

            var report = chip.Run(inputs, new BatchKey(config.Training.Seed, epochIndex, b, phase), threads);
            chipSeconds += report.ChipSeconds;
            lost += report.LostSpikes;
            for (int k = 0; k < count; k++)
            {
                var output = report.Output(k);
                output.CopyTo(outputs.AsSpan((start + k) * classes, classes));
                lossSum += LossFunctions.Evaluate(config.Loss, output, split.Labels[start + k], tauSyn, scratch);
            }
        }

        return (n > 0 ? lossSum / n : 0.0, new ForwardStats(chipSeconds, 0, lost));
    }
}
