using System.Runtime.CompilerServices;
using DelGrad.Kernel;
using DelGrad.Model;

namespace DelGrad.Training;


/// <summary>
/// Trains an <see cref="ExperimentConfig"/> deterministically: the result depends only on the config,
/// the data and the state, never on the thread count (see <see cref="BatchEvaluator"/>).
/// Holds reusable buffers, so one trainer serves one run at a time.
/// </summary>
public sealed partial class Trainer
{
    private readonly BatchEvaluator evaluator;
    private readonly double[] baseRates;

    /// <summary>
    /// Creates a trainer for <paramref name="config"/> using <paramref name="threads"/> threads. A network that equals
    /// one of the reference configs' runs on its kernels compiled at build time (the same results to rounding, about
    /// twice as fast), unless the config's <see cref="TrainingOptions.Kernel"/> says runtime; any other network runs
    /// on the runtime <see cref="Kernel.Network"/>.
    /// </summary>
    public Trainer(ExperimentConfig config, int threads = 1)
        : this(config, threads, config.Training.Kernel == KernelChoice.Compiled ? CompiledNetworks.Find(config.Network) : null)
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
    /// <exception cref="ArgumentException">The generated network's sizes differ from the config's network.</exception>
    /// <example>
    /// <code>
    /// var config = ExperimentConfig.BuiltIn("yinyang-h30-ws");
    /// var trainer = new Trainer(config, () => new YinyangH30WsNetwork(), threads: 2);
    /// </code>
    /// </example>
    public Trainer(ExperimentConfig config, Func<ICompiledNetwork> network, int threads = 1)
        : this(config, threads, network ?? throw new ArgumentNullException(nameof(network)))
    {
    }

    private Trainer(ExperimentConfig config, int threads, Func<ICompiledNetwork>? compiled)
    {
        Config = config;
        Network = Network.Compile(config.Network);
        if (compiled != null)
        {
            var probe = compiled();
            if (probe.Inputs != Network.Inputs || probe.Outputs != Network.Outputs || probe.ParameterCount != Network.ParameterCount)
            {
                throw new ArgumentException($"the compiled network {probe.GetType().Name} ({probe.Inputs} inputs, {probe.Outputs} outputs, {probe.ParameterCount} parameters) is not the config's network ({Network.Inputs}, {Network.Outputs}, {Network.ParameterCount})", "network");
            }
        }

        evaluator = new BatchEvaluator(Network, threads, compiled) { MaxDwNorm = config.Training.MaxDwNorm };
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

    /// <summary>What the samples run on: "runtime", or the class of the network compiled at build time.</summary>
    public string KernelName => evaluator.KernelName;

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
        for (int b = 0; b < batches; b++)
        {
            int start = b * t.BatchSize, count = Math.Min(t.BatchSize, train.Count - start);
            var indices = new ReadOnlyMemory<int>(order, start, count);
            var prepared = Network.Prepare(state.Parameters);
            var result = batchData == null
                ? evaluator.Evaluate(prepared, Config.Loss, inputs, train.Labels, indices, outputs.AsMemory(0, count * Network.Outputs))
                : evaluator.Evaluate(prepared, Config.Loss, batchData.Fill(train, indices.Span, t.InputNoiseStd, DeterministicRandom.Mix(t.Seed, SeedStream.BatchNoise, ((long)epochIndex << 32) | (uint)b)), batchData.Labels, batchData.Identity(count), outputs.AsMemory(0, count * Network.Outputs));
            lossSum += result.MeanLoss * count;
            for (int k = 0; k < count; k++)
            {
                if (Classification.Predict(outputs.AsSpan(k * Network.Outputs, Network.Outputs)) == train.Labels[order[start + k]])
                {
                    correct++;
                }
            }

            (state, int bumped) = TrainingRules.Step(Config, Network.NeuronLayerSizes, state, evaluator.SilentCounts, count, result.Gradient.Span, rates, t.WeightClip);
            DivergenceCheck.ThrowIfDiverged(state.Parameters.Values, epochIndex + 1);
            bumps += bumped >= 0 ? 1 : 0;

            onBatch?.Invoke(new BatchProgress(epochIndex + 1, b + 1, batches, result.MeanLoss, bumped));
        }

        var val = Evaluate(state.Parameters, validation, withOutputs: false);
        state = state with { Epoch = epochIndex + 1 };
        if (val.Accuracy > state.BestValidationAccuracy)
        {
            state = state with { BestValidationAccuracy = val.Accuracy, BestParameters = state.Parameters };
        }
        return (state, new EpochMetrics(epochIndex + 1, lossSum / train.Count, (double)correct / train.Count, val.Loss, val.Accuracy, factor, bumps));
    }

    /// <summary>Loss, accuracy, outputs and confusion matrix of <paramref name="split"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SplitEvaluation Evaluate(NetworkParameters parameters, DataSplit split, bool withOutputs = true)
    {
        int n = split.Count, classes = Network.Outputs;
        var outputs = new double[n * classes];
        var indices = Enumerable.Range(0, n).ToArray();
        double meanLoss = split.IsCoded
            ? EvaluateCoded(Network.Prepare(parameters), split, outputs)
            : evaluator.Evaluate(Network.Prepare(parameters), Config.Loss, split.Inputs, split.Labels, indices, outputs, computeGradient: false).MeanLoss;
        var predictions = new int[n];
        var confusion = new int[classes, classes + 1];
        int correct = 0;
        for (int k = 0; k < n; k++)
        {
            int p = Classification.Predict(outputs.AsSpan(k * classes, classes));
            predictions[k] = p;
            confusion[split.Labels[k], p < 0 ? classes : p]++;
            if (p == split.Labels[k])
            {
                correct++;
            }
        }

        return new SplitEvaluation(meanLoss, n > 0 ? (double)correct / n : 0.0, withOutputs ? outputs : [], predictions, confusion);
    }

    // A coded split in blocks (expanded one block at a time, so a large split never exists as doubles); the mean loss
    // is the block losses' weighted sum.
    private double EvaluateCoded(PreparedParameters prepared, DataSplit split, double[] outputs)
    {
        const int block = 1000;
        var buffer = new BatchBuffer(block, Network.Inputs);
        int[] indices = new int[block];
        double lossSum = 0;
        for (int start = 0; start < split.Count; start += block)
        {
            int count = Math.Min(block, split.Count - start);
            for (int k = 0; k < count; k++)
            {
                indices[k] = start + k;
            }

            var result = evaluator.Evaluate(prepared, Config.Loss, buffer.Fill(split, indices.AsSpan(0, count), 0.0, 0), buffer.Labels, buffer.Identity(count), outputs.AsMemory(start * Network.Outputs, count * Network.Outputs), computeGradient: false);
            lossSum += result.MeanLoss * count;
        }

        return split.Count > 0 ? lossSum / split.Count : 0.0;
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
