using DelGrad.Kernel;
using DelGrad.Substrate;
using LanguageExt;

namespace DelGrad.Training;

/// <summary>What <see cref="Trainer.Fit(ExperimentConfig, Splits?, IProgress{EpochReport}?, CancellationToken, int, Func{ICompiledNetwork}?)"/> reports after each epoch.</summary>
/// <param name="Metrics">The epoch's losses and accuracies.</param>
/// <param name="Epochs">The epochs the whole run trains.</param>
public sealed record EpochReport(EpochMetrics Metrics, int Epochs);

/// <summary>A finished <see cref="Trainer.Fit(ExperimentConfig, Splits?, IProgress{EpochReport}?, CancellationToken, int, Func{ICompiledNetwork}?)"/>.</summary>
/// <param name="Model">The trained model (the last epoch's parameters, or the best validation epoch's when the config selects it).</param>
/// <param name="History">Every epoch's metrics.</param>
/// <param name="Test">The model on the test split.</param>
/// <param name="Kernel">What ran the samples: "runtime", the class of a network compiled at build time, or "bss2 emulation" (chip-in-the-loop; <see cref="Test"/> is then measured on the emulated chip).</param>
public sealed record FitResult(TrainedModel Model, Seq<EpochMetrics> History, SplitEvaluation Test, string Kernel);

/// <summary>The whole training run in one call.</summary>
public sealed partial class Trainer
{
    /// <summary>
    /// Trains <paramref name="config"/> for its epochs on <paramref name="data"/> and tests the result: the same epochs,
    /// to the bit, as <see cref="Initial"/> followed by <see cref="Epoch"/> per epoch (and as <c>delgrad train</c>). A config
    /// with a substrate section trains chip-in-the-loop on the emulated BrainScaleS-2 (<see cref="ChipForward"/>).
    /// </summary>
    /// <param name="config">The experiment, e.g. <c>ExperimentConfig.BuiltIn</c>.</param>
    /// <param name="data">The splits; null = the Yin-Yang splits of <paramref name="config"/>'s data section.</param>
    /// <param name="progress">Told after every epoch.</param>
    /// <param name="cancellationToken">Checked after every batch; cancelling throws <see cref="OperationCanceledException"/>.</param>
    /// <param name="threads">Worker threads (the result does not depend on them).</param>
    /// <param name="network">A network compiled at build time from your own <c>*.delgrad.json</c> (one instance per call); null = the
    /// library's choice (<see cref="Trainer(ExperimentConfig, int)"/>).</param>
    /// <returns>The trained model, every epoch's metrics and the test evaluation.</returns>
    /// <example>
    /// <code>
    /// var config = ExperimentConfig.BuiltIn("yinyang-h30-ws");
    /// var fit = Trainer.Fit(config with { Training = config.Training with { Epochs = 20 } },
    ///     progress: new Progress&lt;EpochReport&gt;(r =&gt; Console.WriteLine($"epoch {r.Metrics.Epoch}: {r.Metrics.ValidationAccuracy:P1}")));
    /// Console.WriteLine($"test accuracy {fit.Test.Accuracy:P1}");
    /// File.WriteAllText("model.json", fit.Model.ToJson());
    /// </code>
    /// </example>
    public static FitResult Fit(ExperimentConfig config, Splits? data = null, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default, int threads = 1, Func<ICompiledNetwork>? network = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var trainer = network == null ? new Trainer(config, threads) : new Trainer(config, network, threads);
        var splits = Checked(data ?? Splits.YinYang(config.Data), trainer.Network);
        var state = Run(config, trainer.Initial(), (s, onBatch) => trainer.Epoch(s, splits.Train, splits.Validation, onBatch), progress, cancellationToken, out var history);
        var model = new TrainedModel(config, state.Final(config.Training.KeepBestValidation));

        // A chip-in-the-loop trainer tests on the chip, with the test phase's trial noise (as delgrad train does).
        return new FitResult(model, history, trainer.Evaluate(model.Parameters, splits.Test), trainer.KernelName);
    }

    // The epochs of a run.
    private static TrainingState Run(ExperimentConfig config, TrainingState state, Func<TrainingState, Action<BatchProgress>?, (TrainingState State, EpochMetrics Metrics)> epoch, IProgress<EpochReport>? progress, CancellationToken cancellationToken, out Seq<EpochMetrics> history)
    {
        var metrics = new List<EpochMetrics>(config.Training.Epochs);
        Action<BatchProgress>? onBatch = cancellationToken.CanBeCanceled ? _ => cancellationToken.ThrowIfCancellationRequested() : null;
        for (int e = 0; e < config.Training.Epochs; e++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            (state, var m) = epoch(state, onBatch);
            metrics.Add(m);
            progress?.Report(new EpochReport(m, config.Training.Epochs));
        }

        history = metrics.ToSeq();
        return state;
    }

    private static Splits Checked(Splits splits, Network network)
    {
        CheckShape(splits.Train, "train", network);
        CheckShape(splits.Validation, "validation", network);
        CheckShape(splits.Test, "test", network);
        return splits;
    }

    private static void CheckShape(DataSplit split, string name, Network network)
    {
        // Width, not Inputs.Length: reading Inputs would expand a coded (MNIST) split to 8 bytes per input.
        long times = split.IsCoded ? (long)split.Width * split.Count : split.Inputs.Length;
        if (times != (long)split.Count * network.Inputs)
        {
            throw new ArgumentException($"{name} split: {times} input times for {split.Count} samples, the network has {network.Inputs} inputs", "data");
        }

        int bad = Array.FindIndex(split.Labels, l => l < 0 || l >= network.Outputs);
        if (bad >= 0)
        {
            throw new ArgumentException($"{name} split: sample {bad} has label {split.Labels[bad]}, the network has {network.Outputs} classes", "data");
        }
    }
}
