using System.Globalization;
using DelGrad.Effects.Data;
using DelGrad.Effects.Traits;
using DelGrad.Model;
using DelGrad.Serialization;
using DelGrad.Training;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace DelGrad.Effects.Training;

/// <summary>What a finished run reports (also written to summary.json).</summary>
/// <param name="RunDirectory">Where the run lives.</param>
/// <param name="Name">Experiment name.</param>
/// <param name="Seed">Seed.</param>
/// <param name="Epochs">Epochs trained.</param>
/// <param name="ParameterCount">Trainable parameters.</param>
/// <param name="TestAccuracy">Test accuracy.</param>
/// <param name="TestLoss">Test loss.</param>
/// <param name="ValidationAccuracy">Last validation accuracy.</param>
/// <param name="SecondsPerEpoch">Mean host seconds per epoch (training + validation).</param>
/// <param name="TotalSeconds">Host seconds over all epochs.</param>
/// <param name="Threads">Worker threads.</param>
/// <param name="Kernel">What the samples ran on: "runtime", or the class of the network compiled at build time.</param>
/// <param name="Selection">Both candidates for the reported network, each tested (software runs; null for chip runs).</param>
public sealed record RunSummary(string RunDirectory, string Name, int Seed, int Epochs, int ParameterCount, double TestAccuracy, double TestLoss, double ValidationAccuracy, double SecondsPerEpoch, double TotalSeconds, int Threads, string Kernel = "runtime", ModelSelection? Selection = null);

/// <summary>
/// The last epoch's network and the best-validation epoch's network, both tested, so one run answers
/// "what does early stopping on the validation split buy?" whichever one the config reports.
/// </summary>
/// <param name="Selected">"final" or "best_validation": which one <see cref="RunSummary.TestAccuracy"/> is.</param>
/// <param name="FinalTestAccuracy">Test accuracy of the last epoch's parameters.</param>
/// <param name="BestValidationEpoch">First epoch that reached the best validation accuracy.</param>
/// <param name="BestValidationAccuracy">That validation accuracy.</param>
/// <param name="BestValidationTestAccuracy">Test accuracy of that epoch's parameters.</param>
public sealed record ModelSelection(string Selected, double FinalTestAccuracy, int BestValidationEpoch, double BestValidationAccuracy, double BestValidationTestAccuracy);

/// <summary>
/// The effectful training loop: progress, checkpoints (after every epoch; <see cref="RunCheckpoint{RT}"/>), the model, metrics,
/// summary and plots. Generic over the runtime; the pure fold is <see cref="Trainer.Epoch"/>.
/// </summary>
/// <typeparam name="RT">The runtime.</typeparam>
public static class TrainingRun<RT>
    where RT : struct, HasFiles<RT>, HasProgress<RT>, HasClock<RT>, HasData<RT>
{
    /// <summary>Starts a new run of <paramref name="config"/> in <paramref name="runDir"/> (which must not hold a run).</summary>
    public static Eff<RT, RunSummary> Start(ExperimentConfig config, string runDir, int threads) =>
        from exists in Files<RT>.FileExists(Path.Combine(runDir, RunFiles.Checkpoint))
        from _0 in exists ? FailEff<Unit>(Error.New($"{runDir}: already holds a run (use 'delgrad resume {runDir}' or another --out)")) : SuccessEff(unit)
        from _fits in DatasetCompatibility.Check(config).ToEff()

        // The data first: a failed download leaves no run directory behind.
        from splits in DataSets<RT>.Load(config.Data)
        from _1 in Files<RT>.CreateDirectory(runDir)
        from _2 in Files<RT>.WriteText(Path.Combine(runDir, RunFiles.Config), ConfigWriter.Write(config))
        let trainer = new Trainer(config, threads)
        from summary in Continue(trainer, splits, runDir, new Checkpoint(trainer.Initial(), Empty, Empty), threads)
        select summary;

    /// <summary>Continues the run in <paramref name="runDir"/> from its last checkpoint (optionally to more epochs).</summary>
    public static Eff<RT, RunSummary> Resume(string runDir, int threads, int? epochs = null) =>
        from text in Files<RT>.ReadAllText(Path.Combine(runDir, RunFiles.Config))
        from parsed in ConfigReader.Parse(text, Path.Combine(runDir, RunFiles.Config)).ToEff()
        let config = epochs is int e ? parsed with { Training = parsed.Training with { Epochs = e } } : parsed
        let trainer = new Trainer(config, threads)
        from loaded in RunCheckpoint<RT>.Load(runDir, config, trainer.Network.ParameterCount)
        let checkpoint = loaded.IfNone(() => new Checkpoint(trainer.Initial(), Empty, Empty))

        // Fewer epochs than the checkpoint holds would leave a config that no longer describes the run.
        from _0 in config.Training.Epochs >= checkpoint.State.Epoch
            ? SuccessEff(unit)
            : FailEff<Unit>(Error.New(string.Create(CultureInfo.InvariantCulture, $"--epochs: {runDir} has already trained {checkpoint.State.Epoch} epochs; give at least {checkpoint.State.Epoch}")))
        from splits in DataSets<RT>.Load(config.Data)
        from _1 in epochs is null ? SuccessEff(unit) : Files<RT>.WriteText(Path.Combine(runDir, RunFiles.Config), ConfigWriter.Write(config))
        from summary in Continue(trainer, splits, runDir, checkpoint, threads)
        select summary;

    /// <summary>What a run start says about its epochs: "epochs 4..300", or that none are left to train.</summary>
    internal static string EpochRange(int done, int total) =>
        done < total ? string.Create(CultureInfo.InvariantCulture, $"epochs {done + 1}..{total}") : string.Create(CultureInfo.InvariantCulture, $"no epochs left to train ({done} of {total} done)");

    private static Eff<RT, RunSummary> Continue(Trainer trainer, Splits splits, string runDir, Checkpoint start, int threads) =>
        from _b in RunCheckpoint<RT>.Begin(trainer.Config, runDir, start)
        from _0 in ProgressLog<RT>.Line(trainer.Forward is ChipForward chip
            ? $"{trainer.Config.Name}: chip-in-the-loop on bss2 (chip {chip.Substrate.ChipSeed}), {trainer.Network.ParameterCount} parameters, {splits.Train.Count} training samples, {EpochRange(start.State.Epoch, trainer.Config.Training.Epochs)}, {threads} thread(s)"
            : $"{trainer.Config.Name}: {trainer.Network.ParameterCount} parameters, {splits.Train.Count} training samples, {EpochRange(start.State.Epoch, trainer.Config.Training.Epochs)}, {threads} thread(s), kernel {trainer.KernelName}")
        let writer = new WriteBehind<RT>(start.State.Epoch)
        from final in writer.Finally(Epochs(trainer.Config.Training.Epochs, start, c => OneEpoch(trainer, splits, runDir, c, writer)))
        from summary in Finish(trainer, splits, runDir, final, threads)
        select summary;

    /// <summary>Folds <paramref name="oneEpoch"/> over the epochs after <paramref name="c"/> up to <paramref name="epochs"/>.</summary>
    internal static Eff<RT, Checkpoint> Epochs(int epochs, Checkpoint c, Func<Checkpoint, Eff<RT, Checkpoint>> oneEpoch) =>
        c.State.Epoch >= epochs
            ? SuccessEff<RT, Checkpoint>(c)
            : from next in oneEpoch(c)
              from rest in Epochs(epochs, next, oneEpoch)
              select rest;

    private static Eff<RT, Checkpoint> OneEpoch(Trainer trainer, Splits splits, string runDir, Checkpoint c, WriteBehind<RT> writer) =>
        from _0 in StopIfCancelled(c, runDir, writer)
        from progress in default(RT).ProgressEff
        from t0 in Clock<RT>.Seconds
        let total = trainer.Config.Training.Epochs
        from result in Eff<RT, (TrainingState State, EpochMetrics Metrics, ForwardStats Forward)>(_ =>
        {
            // The status line only where someone sees it: building it costs a string and a mean over the epochs per batch.
            Action<BatchProgress>? onBatch = progress.IsInteractive ? b => progress.Status(ProgressBar.Line(b, total, c.Metrics, c.WallSeconds)) : null;
            var (state, metrics) = trainer.Epoch(c.State, splits.Train, splits.Validation, onBatch);
            return (state, metrics, trainer.Forward.TakeStats());
        })
        from t1 in Clock<RT>.Seconds
        from _finite in DivergenceCheck.Check(result.State, result.Metrics).ToEff()
        let next = new Checkpoint(result.State, c.Metrics.Add(result.Metrics), c.WallSeconds.Add(t1 - t0))
        from _1 in writer.Epoch(trainer.Config, runDir, next, t1, last: next.State.Epoch >= total)
        let m = result.Metrics
        from _4 in ProgressLog<RT>.Line(string.Create(CultureInfo.InvariantCulture, $"epoch {m.Epoch,4}/{total}  loss {m.TrainLoss:F5}  train {m.TrainAccuracy * 100:F2}%  validation {m.ValidationAccuracy * 100:F2}% (loss {m.ValidationLoss:F5})  lr x{m.LearningRateFactor:F3}  bumps {m.Bumps}  {(trainer.Forward is ChipForward ? $"chip {result.Forward.ChipSeconds:F3}s  host {t1 - t0:F2}s" : $"{t1 - t0:F2}s")}"))
        select next;

    private static Eff<RT, RunSummary> Finish(Trainer trainer, Splits splits, string runDir, Checkpoint final, int threads)
    {
        bool keepBest = trainer.Config.Training.KeepBestValidation;
        var chosen = final.State.Final(keepBest);
        var other = final.State.Final(!keepBest);
        return
        from test in Eff<RT, SplitEvaluation>(_ => trainer.Evaluate(chosen, splits.Test))
        let testChipSeconds = trainer.Forward.TakeStats().ChipSeconds
        from otherTest in Eff<RT, double>(_ => ReferenceEquals(other, chosen) ? test.Accuracy : trainer.Evaluate(other, splits.Test, withOutputs: false).Accuracy)
        let best = BestValidation(final)
        let summary = new RunSummary(
            runDir,
            trainer.Config.Name,
            trainer.Config.Training.Seed,
            final.State.Epoch,
            trainer.Network.ParameterCount,
            test.Accuracy,
            test.Loss,
            final.Metrics.IsEmpty ? double.NaN : final.Metrics.Last.ValidationAccuracy,
            final.WallSeconds.IsEmpty ? 0.0 : final.WallSeconds.Average(),
            final.WallSeconds.Sum(),
            threads,
            trainer.KernelName,
            new ModelSelection(
                keepBest ? "best_validation" : "final",
                keepBest ? otherTest : test.Accuracy,
                best.Epoch,
                best.Accuracy,
                keepBest ? test.Accuracy : otherTest))
        from _0 in Files<RT>.WriteText(Path.Combine(runDir, RunFiles.Model), ConfigWriter.Write(trainer.Config, chosen))
        from _m in RunCheckpoint<RT>.Finish(trainer.Config, runDir, final)
        let chip = ChipSummary(trainer, splits, final, chosen, summary, testChipSeconds)
        from _1 in Files<RT>.WriteText(Path.Combine(runDir, RunFiles.Summary), SummaryFormat.Write(summary, chip))
        from plots in Eff<RT, IReadOnlyList<(string File, byte[] Png)>>(_ => RunReport.Plots(trainer.Config, final.Metrics, test, splits.Test, chosen, trainer.Network))
        from _2 in plots.Map(p => Files<RT>.WriteBytes(Path.Combine(runDir, p.File), p.Png)).ToSeq().Sequence()
        from _3 in ProgressLog<RT>.Line(chip is null
            ? string.Create(CultureInfo.InvariantCulture, $"test accuracy {test.Accuracy * 100:F2}% (loss {test.Loss:F5}) after {final.State.Epoch} epochs, {summary.SecondsPerEpoch:F3} s/epoch; results in {runDir}")
            : string.Create(CultureInfo.InvariantCulture, $"test accuracy on chip {test.Accuracy * 100:F2}% (loss {test.Loss:F5}), same parameters in software {chip.SoftwareTestAccuracy * 100:F2}%, after {final.State.Epoch} epochs; chip time {chip.ChipSeconds:F2}s, host {summary.TotalSeconds:F1}s; results in {runDir}"))
        select summary;
    }

    // What a chip-in-the-loop run reports beside the software fields: the same parameters in software, and chip time
    // (one window per training, validation and test sample) next to host time. Null for a software run.
    private static ChipRunSummary? ChipSummary(Trainer trainer, Splits splits, Checkpoint final, NetworkParameters chosen, RunSummary run, double testChipSeconds)
    {
        if (trainer.Forward is not ChipForward chip)
        {
            return null;
        }

        double window = chip.Substrate.Bss2.WindowUs * 1e-6;
        double epochSamples = splits.Train.Count + splits.Validation.Count;
        double chipSeconds = (final.State.Epoch * epochSamples * window) + testChipSeconds;
        double software = trainer.Ideal().Evaluate(chosen, splits.Test, withOutputs: false).Accuracy;
        return new ChipRunSummary(run, chip.Substrate.ChipSeed, software, chipSeconds, 1.0 / window, run.TotalSeconds > 0 ? final.WallSeconds.Count * epochSamples / run.TotalSeconds : double.NaN);
    }

    // The state keeps the best validation accuracy (and its parameters); its epoch is the first that reached it.
    private static (int Epoch, double Accuracy) BestValidation(Checkpoint c) =>
        c.Metrics.Find(m => m.ValidationAccuracy == c.State.BestValidationAccuracy).Match(m => (m.Epoch, m.ValidationAccuracy), () => (0, double.NaN));

    /// <summary>Fails with a resumable "interrupted" error when the run was cancelled (checked between epochs).</summary>
    internal static Eff<RT, Unit> StopIfCancelled(Checkpoint c, string runDir, WriteBehind<RT> writer) =>
        from cancelled in Eff<RT, bool>(rt => rt.CancellationToken.IsCancellationRequested)
        from _w in cancelled ? writer.Flush(runDir, c) : SuccessEff(unit)
        from _ in cancelled ? FailEff<Unit>(Error.New($"interrupted after epoch {c.State.Epoch}; continue with 'delgrad resume {runDir}'")) : SuccessEff(unit)
        select unit;
}
