using DelGrad.Kernel;
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
/// <param name="Kernel">What ran the samples: "runtime" or the class of a network compiled at build time.</param>
public sealed record FitResult(TrainedModel Model, Seq<EpochMetrics> History, SplitEvaluation Test, string Kernel);

/// <summary>The whole training run in one call.</summary>
public sealed partial class Trainer
{
    /// <summary>
    /// Trains <paramref name="config"/> for its epochs on <paramref name="data"/> and tests the result: the same epochs,
    /// to the bit, as <see cref="Initial"/> followed by <see cref="Epoch"/> per epoch (and as <c>delgrad train</c>).
    /// </summary>
    /// <param name="config">The experiment, e.g. <see cref="ExperimentConfig.BuiltIn"/>.</param>
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
        var splits = data ?? Splits.YinYang(config.Data);
        CheckShape(splits.Train, "train", trainer.Network);
        CheckShape(splits.Validation, "validation", trainer.Network);
        CheckShape(splits.Test, "test", trainer.Network);
        var state = trainer.Initial();
        var history = new List<EpochMetrics>(config.Training.Epochs);
        Action<BatchProgress>? onBatch = cancellationToken.CanBeCanceled ? _ => cancellationToken.ThrowIfCancellationRequested() : null;
        for (int e = 0; e < config.Training.Epochs; e++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            (state, var metrics) = trainer.Epoch(state, splits.Train, splits.Validation, onBatch);
            history.Add(metrics);
            progress?.Report(new EpochReport(metrics, config.Training.Epochs));
        }

        var model = new TrainedModel(config, state.Final(config.Training.KeepBestValidation));
        return new FitResult(model, history.ToSeq(), trainer.Evaluate(model.Parameters, splits.Test), trainer.KernelName);
    }

    private static void CheckShape(DataSplit split, string name, Network network)
    {
        if (split.Inputs.Length != split.Count * network.Inputs)
        {
            throw new ArgumentException($"{name} split: {split.Inputs.Length} input times for {split.Count} samples, the network has {network.Inputs} inputs", "data");
        }

        int bad = Array.FindIndex(split.Labels, l => l < 0 || l >= network.Outputs);
        if (bad >= 0)
        {
            throw new ArgumentException($"{name} split: sample {bad} has label {split.Labels[bad]}, the network has {network.Outputs} classes", "data");
        }
    }
}
