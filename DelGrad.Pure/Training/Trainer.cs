using System.Runtime.CompilerServices;
using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Substrate;

namespace DelGrad.Training;


/// <summary>
/// Trains an <see cref="ExperimentConfig"/> deterministically: the result depends only on the config,
/// the data and the state, never on the thread count (see <see cref="BatchEvaluator"/>).
/// One trainer for software and chip-in-the-loop alike: where a batch's spike times come from is its
/// <see cref="Forward"/> strategy (<see cref="SoftwareForward"/> or, for a config with a substrate section,
/// <see cref="ChipForward"/>); data, noise, order, the update rule, bumping and validation are the same.
/// Holds reusable buffers, so one trainer serves one run at a time.
/// </summary>
public sealed partial class Trainer
{
    private readonly double[] baseRates;
    private readonly int threads;
    private EpochWork? work; // the epoch's in-place buffers, reused (a trainer runs one epoch at a time)

    /// <summary>
    /// Creates a trainer for <paramref name="config"/> using <paramref name="threads"/> threads. A config with a substrate
    /// section trains chip-in-the-loop on the emulated BrainScaleS-2 (<see cref="ChipForward"/>). A software network that
    /// equals one of the reference configs' runs on its kernels compiled at build time (the same results to rounding,
    /// faster), unless the config's <see cref="TrainingOptions.Kernel"/> says runtime; any other network runs on the
    /// runtime <see cref="Kernel.Network"/>.
    /// </summary>
    public Trainer(ExperimentConfig config, int threads = 1)
        : this(config, threads, config.Substrate is null && config.Training.Kernel == KernelChoice.Compiled ? CompiledNetworks.Find(config.Network) : null, null)
    {
    }

    /// <summary>
    /// Creates a trainer whose samples run on instances of a network compiled at build time from a <c>*.delgrad.json</c>
    /// file of your project (one instance per thread); it must be compiled from the same network as
    /// <paramref name="config"/>'s (the same layers and parameter layout).
    /// </summary>
    /// <param name="config">The experiment.</param>
    /// <param name="network">Creates one generated network instance, e.g. <c>() =&gt; new MyNetwork()</c>.</param>
    /// <param name="threads">Worker threads.</param>
    /// <exception cref="ArgumentException">The generated network's sizes differ from the config's network, or the config trains on a substrate.</exception>
    /// <example>
    /// <code>
    /// var config = ExperimentConfig.BuiltIn("yinyang-h30-ws");
    /// var trainer = new Trainer(config, () => new YinyangH30WsNetwork(), threads: 2);
    /// </code>
    /// </example>
    public Trainer(ExperimentConfig config, Func<ICompiledNetwork> network, int threads = 1)
        : this(config, threads, network ?? throw new ArgumentNullException(nameof(network)), null)
    {
    }

    /// <summary>
    /// Creates a trainer with your own forward source (e.g. a real chip behind <see cref="IForwardSource"/>): it gets the
    /// config's compiled network and returns the source that runs every batch.
    /// </summary>
    /// <param name="config">The experiment.</param>
    /// <param name="forward">Creates the forward source for the config's network.</param>
    /// <param name="threads">Worker threads the trainer itself uses (the source decides its own).</param>
    public Trainer(ExperimentConfig config, Func<Network, IForwardSource> forward, int threads = 1)
        : this(config, threads, null, forward ?? throw new ArgumentNullException(nameof(forward)))
    {
    }

    private Trainer(ExperimentConfig config, int threads, Func<ICompiledNetwork>? compiled, Func<Network, IForwardSource>? forward)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        this.threads = threads;
        Network = Network.Compile(config.Network);
        if (compiled != null)
        {
            if (config.Substrate is not null)
            {
                throw new ArgumentException("a chip-in-the-loop config (substrate section) runs on the emulated chip, not on a compiled network", "network");
            }

            var probe = compiled();
            if (probe.Inputs != Network.Inputs || probe.Outputs != Network.Outputs || probe.ParameterCount != Network.ParameterCount)
            {
                throw new ArgumentException($"the compiled network {probe.GetType().Name} ({probe.Inputs} inputs, {probe.Outputs} outputs, {probe.ParameterCount} parameters) is not the config's network ({Network.Inputs}, {Network.Outputs}, {Network.ParameterCount})", "network");
            }
        }

        Forward = forward?.Invoke(Network) ?? (config.Substrate is { } substrate
            ? new ChipForward(config, Network, substrate, threads)
            : new SoftwareForward(Network, config.Loss, config.Training.MaxDwNorm, threads, compiled));
        baseRates = new double[Network.ParameterCount];
        int w = 0, d = 0;
        foreach (var block in config.Network.Layout.Blocks)
        {
            var rates = block.Kind == ParameterKind.Weights ? config.Training.WeightLearningRates : config.Training.DelayLearningRates;
            int k = block.Kind == ParameterKind.Weights ? w++ : d++;
            double rate = rates.Count == 0 ? 0.0 : rates[Math.Min(k, rates.Count - 1)];
            baseRates.AsSpan(block.Offset, block.Count).Fill(rate);
        }
    }

    /// <summary>The experiment.</summary>
    public ExperimentConfig Config { get; }

    /// <summary>The compiled network.</summary>
    public Network Network { get; }

    /// <summary>Where every batch's spike times come from (software or an emulated chip).</summary>
    public IForwardSource Forward { get; }

    /// <summary>What the samples run on: "runtime", the class of the network compiled at build time, or "bss2 emulation".</summary>
    public string KernelName => Forward.Name;

    /// <summary>The same experiment on the ideal software model (for a chip-in-the-loop trainer: its shadow parameters in software).</summary>
    public Trainer Ideal() => Config.Substrate is null ? this : new Trainer(Config.InSoftware, threads);

    /// <summary>The state before the first epoch: parameters drawn from the config's inits and seed.</summary>
    public TrainingState Initial() =>
        new(0, Initialisation.Draw(Config.Network, Config.Inits, Config.Training.Seed), AdamState.Zero(Network.ParameterCount), -1, Config.Training.WeightBump);

    /// <summary>The StepLR factor of epoch <paramref name="epochIndex"/> (0-based).</summary>
    public double LearningRateFactor(int epochIndex) =>
        Math.Pow(Config.Training.LrGamma, epochIndex / Math.Max(1, Config.Training.LrStepEpochs));

    /// <summary>Each parameter's learning rate during epoch <paramref name="epochIndex"/> (per-layer rate x StepLR factor).</summary>
    internal double[] EpochRates(int epochIndex)
    {
        double factor = LearningRateFactor(epochIndex);
        return baseRates.Select(r => r * factor).ToArray();
    }

    /// <summary>Trains one epoch (the next after <paramref name="state"/>) and validates.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (TrainingState State, EpochMetrics Metrics) Epoch(TrainingState state, DataSplit train, DataSplit validation, Action<BatchProgress>? onBatch = null)
    {
        var t = Config.Training;
        int epochIndex = state.Epoch;
        double factor = LearningRateFactor(epochIndex);
        var rates = EpochRates(epochIndex);
        var order = DeterministicRandom.EpochOrder(t.Seed, epochIndex, train.Count);
        // A coded split (MNIST) is expanded one batch at a time, with its noise drawn per (seed, epoch, batch); a split of
        // explicit times keeps its whole-split noise stream, so Yin-Yang runs stay bit-identical.
        var batchData = train.IsCoded ? new BatchBuffer(t.BatchSize, Network.Inputs) : null;
        var inputs = batchData != null ? null : t.InputNoiseStd > 0 ? Noisy(train.Inputs, t.InputNoiseStd, t.Seed, epochIndex) : train.Inputs;
        int batches = (train.Count + t.BatchSize - 1) / t.BatchSize;
        var outputs = new double[t.BatchSize * Network.Outputs];
        double lossSum = 0;
        int correct = 0, bumps = 0;
        var work = this.work = EpochWork.For(this.work, Network.ParameterCount).Load(state);
        PreparedParameters? previous = null;
        for (int b = 0; b < batches; b++)
        {
            int start = b * t.BatchSize, count = Math.Min(t.BatchSize, train.Count - start);
            var indices = new ReadOnlyMemory<int>(order, start, count);
            var prepared = previous = Network.Prepare(work.Parameters, recycle: previous);
            var key = new BatchKey(t.Seed, epochIndex, b);
            var result = batchData == null
                ? Forward.TrainBatch(work.Parameters, prepared, inputs, train.Labels, indices, key, outputs.AsMemory(0, count * Network.Outputs))
                : Forward.TrainBatch(work.Parameters, prepared, batchData.Fill(train, indices.Span, t.InputNoiseStd, DeterministicRandom.Mix(t.Seed, SeedStream.BatchNoise, ((long)epochIndex << 32) | (uint)b)), batchData.Labels, batchData.Identity(count), key, outputs.AsMemory(0, count * Network.Outputs));
            lossSum += result.MeanLoss * count;
            for (int k = 0; k < count; k++)
            {
                if (Classification.Predict(outputs.AsSpan(k * Network.Outputs, Network.Outputs)) == train.Labels[order[start + k]])
                {
                    correct++;
                }
            }

            int bumped = TrainingRules.Step(Config, Network.NeuronLayerSizes, work, Forward.SilentCounts, count, result.Gradient.Span, rates, Forward.WeightClip(t.WeightClip));
            DivergenceCheck.ThrowIfDiverged(work.Values, epochIndex + 1);
            bumps += bumped >= 0 ? 1 : 0;

            onBatch?.Invoke(new BatchProgress(epochIndex + 1, b + 1, batches, result.MeanLoss, bumped));
        }

        state = work.ToState(state) with { Epoch = epochIndex + 1 };
        var val = Evaluate(state.Parameters, validation, NoisePhase.Validation, epochIndex, withOutputs: false);
        if (val.Accuracy > state.BestValidationAccuracy)
        {
            state = state with { BestValidationAccuracy = val.Accuracy, BestParameters = state.Parameters };
        }
        return (state, new EpochMetrics(epochIndex + 1, lossSum / train.Count, (double)correct / train.Count, val.Loss, val.Accuracy, factor, bumps));
    }

    /// <summary>Loss, accuracy, outputs and confusion matrix of <paramref name="split"/> (on the forward source; a chip draws its test noise).</summary>
    public SplitEvaluation Evaluate(NetworkParameters parameters, DataSplit split, bool withOutputs = true) =>
        Evaluate(parameters, split, NoisePhase.Test, 0, withOutputs);

    /// <summary>Loss, accuracy, outputs and confusion matrix of <paramref name="split"/> as part of <paramref name="phase"/> after epoch <paramref name="epochIndex"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SplitEvaluation Evaluate(NetworkParameters parameters, DataSplit split, NoisePhase phase, int epochIndex, bool withOutputs = true)
    {
        ArgumentNullException.ThrowIfNull(split);
        var outputs = new double[split.Count * Network.Outputs];
        double meanLoss = Forward.Run(parameters, split, phase, epochIndex, outputs);
        return SplitEvaluation.Of(meanLoss, outputs, split.Labels, Network.Outputs, withOutputs);
    }

    // The reference's training noise: t + N(0, std), negative times reflected; a fresh draw per
    // (seed, epoch, sample, input), so it is independent of batching and threads.
    private static double[] Noisy(double[] inputs, double std, int seed, int epoch)
    {
        var noisy = new double[inputs.Length];
        var rng = new Data.Mt19937(DeterministicRandom.Mix(seed, SeedStream.InputNoise, epoch));
        for (int k = 0; k < inputs.Length; k++)
        {
            double t = inputs[k] + (std * DeterministicRandom.Normal(rng));
            noisy[k] = t < 0 ? -t : t;
        }

        return noisy;
    }
}
