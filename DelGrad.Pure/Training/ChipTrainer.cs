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

/// <summary>One chip-in-the-loop epoch's measurements.</summary>
/// <param name="Metrics">The same metrics as a software epoch (train loss and accuracy as observed on the chip, validation on the chip).</param>
/// <param name="ChipSeconds">Emulated chip time of the epoch (training and validation samples).</param>
/// <param name="ClippedWeights">Weights clipped to the hardware range in the epoch's last batch.</param>
public sealed record ChipEpochMetrics(EpochMetrics Metrics, double ChipSeconds, int ClippedWeights);

/// <summary>
/// Chip-in-the-loop training: every batch runs forward on an emulated BrainScaleS-2 chip
/// (<see cref="Bss2Emulation"/>, which quantises the float shadow parameters and adds its noise),
/// and the backward pass evaluates the exact analytic gradients at the OBSERVED spike times and the
/// NOMINAL (shadow) parameters (<see cref="Network.LoadObserved"/>). Adam updates the shadow
/// parameters; weights are bumped when a layer misses more spikes than the config allows. The
/// result depends only on the config, the substrate seeds and the state, never on thread count.
/// <see cref="Trainer.Fit"/> uses it for every config with a substrate section.
/// </summary>
/// <example>
/// <code>
/// var config = ExperimentConfig.BuiltIn("yinyang-bss2-wa");
/// var chip = new ChipTrainer(config, config.Substrate!, threads: 2);
/// var splits = Splits.YinYang(config.Data);
/// var state = chip.Initial();
/// for (int e = 0; e &lt; config.Training.Epochs; e++)
/// {
///     (state, var metrics) = chip.Epoch(state, splits.Train, splits.Validation);
/// }
/// </code>
/// </example>
public sealed class ChipTrainer
{
    private readonly ObservedBatchEvaluator evaluator;
    private readonly int threads;

    /// <summary>Creates a chip-in-the-loop trainer for <paramref name="config"/> on <paramref name="substrate"/>.</summary>
    public ChipTrainer(ExperimentConfig config, SubstrateOptions substrate, int threads = 1)
    {
        Config = config;
        Substrate = substrate;
        this.threads = threads;
        Software = new Trainer(config, threads);
        Network = Software.Network;
        evaluator = new ObservedBatchEvaluator(Network, threads) { MaxDwNorm = config.Training.MaxDwNorm };
    }

    /// <summary>The experiment.</summary>
    public ExperimentConfig Config { get; }

    /// <summary>The substrate.</summary>
    public SubstrateOptions Substrate { get; }

    /// <summary>The software trainer of the same config (initial state, ideal evaluation).</summary>
    public Trainer Software { get; }

    /// <summary>The compiled network (nominal model).</summary>
    public Network Network { get; }

    /// <summary>The state before the first epoch: the software trainer's (parameters drawn from the config's inits and seed).</summary>
    public TrainingState Initial() => Software.Initial();

    /// <summary>The noise key of training batch <paramref name="batch"/> of epoch index <paramref name="epochIndex"/>.</summary>
    public BatchKey TrainingKey(int epochIndex, int batch) => new(Config.Training.Seed, epochIndex, batch);

    /// <summary>
    /// The gradient of one batch: forward on the chip (<paramref name="parameters"/>, noise
    /// <paramref name="key"/>), backward at the observed times. Also returns the chip's report.
    /// </summary>
    public (BatchResult Result, Bss2Result Chip, Bss2Emulation Emulation) BatchGradient(NetworkParameters parameters, DataSplit data, ReadOnlyMemory<int> indices, BatchKey key)
    {
        var chip = new Bss2Emulation(Config.Network, parameters, Substrate.Bss2, Substrate.ChipSeed);
        var idx = indices.Span;
        var inputs = new double[idx.Length][];
        for (int k = 0; k < idx.Length; k++)
        {
            inputs[k] = data.Sample(idx[k]);
        }

        var report = chip.Run(inputs, key, threads);
        var observed = new double[idx.Length][][];
        for (int k = 0; k < observed.Length; k++)
        {
            observed[k] = new double[Network.NeuronLayerCount][];
            for (int l = 0; l < observed[k].Length; l++)
            {
                observed[k][l] = report.Times(k, l).ToArray();
            }
        }

        var result = evaluator.Evaluate(Network.Prepare(parameters), Config.Loss, data.Inputs, data.Labels, indices, observed);
        return (result, report, chip);
    }

    /// <summary>Trains one epoch chip-in-the-loop (the next after <paramref name="state"/>) and validates on the chip.</summary>
    public (TrainingState State, ChipEpochMetrics Metrics) Epoch(TrainingState state, DataSplit train, DataSplit validation, Action<BatchProgress>? onBatch = null)
    {
        var t = Config.Training;
        int epochIndex = state.Epoch;
        double factor = Software.LearningRateFactor(epochIndex);
        var rates = Software.EpochRates(epochIndex);
        var order = DeterministicRandom.EpochOrder(t.Seed, epochIndex, train.Count);
        int batches = (train.Count + t.BatchSize - 1) / t.BatchSize;
        int nOut = Network.Outputs;
        double lossSum = 0, chipSeconds = 0;
        int correct = 0, bumps = 0, clipped = 0;
        for (int b = 0; b < batches; b++)
        {
            int start = b * t.BatchSize, count = Math.Min(t.BatchSize, train.Count - start);
            var indices = new ReadOnlyMemory<int>(order, start, count);
            var (result, chip, emulation) = BatchGradient(state.Parameters, train, indices, TrainingKey(epochIndex, b));
            chipSeconds += chip.ChipSeconds;
            clipped = emulation.ClippedWeights;
            lossSum += result.MeanLoss * count;
            for (int k = 0; k < count; k++)
            {
                if (Classification.Predict(chip.Output(k)[..nOut]) == train.Labels[order[start + k]])
                {
                    correct++;
                }
            }

            (state, int bumped) = TrainingRules.Step(Config, Network.NeuronLayerSizes, state, evaluator.SilentCounts, count, result.Gradient.Span, rates, Math.Min(t.WeightClip, Substrate.Bss2.WeightMax));
            bumps += bumped >= 0 ? 1 : 0;

            onBatch?.Invoke(new BatchProgress(epochIndex + 1, b + 1, batches, result.MeanLoss, bumped));
        }

        var val = Evaluate(state.Parameters, validation, NoisePhase.Validation, epochIndex, withOutputs: false);
        chipSeconds += val.ChipSeconds;
        state = state with { Epoch = epochIndex + 1 };
        var metrics = new EpochMetrics(epochIndex + 1, lossSum / train.Count, (double)correct / train.Count, val.Evaluation.Loss, val.Evaluation.Accuracy, factor, bumps);
        return (state, new ChipEpochMetrics(metrics, chipSeconds, clipped));
    }

    /// <summary>
    /// Runs <paramref name="split"/> on the chip in batches of the config's batch size (each batch
    /// draws its own trial noise, keyed by <paramref name="phase"/> and <paramref name="epochIndex"/>).
    /// </summary>
    public ChipEvaluation Evaluate(NetworkParameters parameters, DataSplit split, NoisePhase phase, int epochIndex = 0, bool withOutputs = true) =>
        EvaluateOn(new Bss2Emulation(Config.Network, parameters, Substrate.Bss2, Substrate.ChipSeed), Config, split, phase, epochIndex, threads, withOutputs);

    /// <summary>Runs <paramref name="split"/> on an emulated chip; see <see cref="Evaluate"/>.</summary>
    public static ChipEvaluation EvaluateOn(Bss2Emulation chip, ExperimentConfig config, DataSplit split, NoisePhase phase, int epochIndex = 0, int threads = 1, bool withOutputs = true)
    {
        int n = split.Count, classes = config.Network.Outputs, batch = config.Training.BatchSize;
        double tauSyn = ((NeuronLayer)config.Network.Layers.Last).Neuron.TauSyn;
        var outputs = new double[n * classes];
        var predictions = new int[n];
        var confusion = new int[classes, classes + 1];
        var scratch = new double[classes];
        double lossSum = 0, chipSeconds = 0;
        int correct = 0, lost = 0;
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
                int label = split.Labels[start + k];
                lossSum += LossFunctions.Evaluate(config.Loss, output, label, tauSyn, scratch);
                int p = Classification.Predict(output);
                predictions[start + k] = p;
                confusion[label, p < 0 ? classes : p]++;
                correct += p == label ? 1 : 0;
            }
        }

        var evaluation = new SplitEvaluation(n > 0 ? lossSum / n : 0.0, n > 0 ? (double)correct / n : 0.0, withOutputs ? outputs : [], predictions, confusion);
        return new ChipEvaluation(evaluation, chipSeconds, lost);
    }
}
