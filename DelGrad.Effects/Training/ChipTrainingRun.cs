using System.Globalization;
using DelGrad.Effects.Data;
using DelGrad.Effects.Traits;
using DelGrad.Serialization;
using DelGrad.Substrate;
using DelGrad.Training;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace DelGrad.Effects.Training;

/// <summary>What a finished chip-in-the-loop run reports next to the software fields (summary.json).</summary>
/// <param name="Run">The fields every run reports (test accuracy and loss as measured on the chip).</param>
/// <param name="ChipSeed">The emulated chip.</param>
/// <param name="SoftwareTestAccuracy">The trained (shadow) parameters on the ideal software model.</param>
/// <param name="ChipSeconds">Emulated chip time of the whole run (training, validation and test samples).</param>
/// <param name="ChipSamplesPerSecond">Samples per second of chip time.</param>
/// <param name="HostSamplesPerSecond">Samples per second of host wall time (emulation + backward + update).</param>
public sealed record ChipRunSummary(RunSummary Run, long ChipSeed, double SoftwareTestAccuracy, double ChipSeconds, double ChipSamplesPerSecond, double HostSamplesPerSecond);

/// <summary>
/// The chip-in-the-loop training loop (<see cref="ChipTrainer"/>): the same run directory,
/// checkpoints, metrics, model and plots as <see cref="TrainingRun{RT}"/>, with emulated chip time
/// and throughput next to host wall time in summary.json. <see cref="TrainingRun{RT}"/> hands a
/// config with a <c>substrate</c> section here.
/// </summary>
/// <typeparam name="RT">The runtime.</typeparam>
public static class ChipTrainingRun<RT>
    where RT : struct, HasFiles<RT>, HasProgress<RT>, HasClock<RT>
{
    /// <summary>Starts a new chip-in-the-loop run of <paramref name="config"/> (which must have a substrate) in <paramref name="runDir"/>.</summary>
    public static Eff<RT, RunSummary> Start(ExperimentConfig config, string runDir, int threads) =>
        from exists in Files<RT>.FileExists(Path.Combine(runDir, RunFiles.Checkpoint))
        from _0 in exists ? FailEff<Unit>(Error.New($"{runDir}: already holds a run (use 'delgrad resume {runDir}' or another --out)")) : SuccessEff(unit)
        from _1 in Files<RT>.CreateDirectory(runDir)
        from _2 in Files<RT>.WriteText(Path.Combine(runDir, RunFiles.Config), ConfigWriter.Write(config))
        from summary in Continue(config, runDir, null, threads)
        select summary.Run;

    /// <summary>Continues from <paramref name="start"/> (null = the initial state) to the config's epochs.</summary>
    public static Eff<RT, ChipRunSummary> Continue(ExperimentConfig config, string runDir, Checkpoint? start, int threads) =>
        from substrate in config.Substrate is { } s ? SuccessEff(s) : FailEff<SubstrateOptions>(Error.New($"{config.Name}: no substrate section"))
        let trainer = new ChipTrainer(config, substrate, threads)
        let first = start ?? new Checkpoint(trainer.Software.Initial(), Empty, Empty)
        from splits in DataSets<RT>.Load(config.Data)
        from _b in RunCheckpoint<RT>.Begin(config, runDir, first)
        from _0 in ProgressLog<RT>.Line($"{config.Name}: chip-in-the-loop on bss2 (chip {substrate.ChipSeed}), {trainer.Network.ParameterCount} parameters, {splits.Train.Count} training samples, {TrainingRun<RT>.EpochRange(first.State.Epoch, config.Training.Epochs)}, {threads} thread(s)")
        from final in TrainingRun<RT>.Epochs(config.Training.Epochs, first, c => OneEpoch(trainer, splits, runDir, c))
        from summary in Finish(trainer, splits, runDir, final, threads)
        select summary;

    private static Eff<RT, Checkpoint> OneEpoch(ChipTrainer trainer, Splits splits, string runDir, Checkpoint c) =>
        from _0 in TrainingRun<RT>.StopIfCancelled(c, runDir)
        from progress in default(RT).ProgressEff
        from t0 in Clock<RT>.Seconds
        let total = trainer.Config.Training.Epochs
        from result in Eff<RT, (TrainingState State, ChipEpochMetrics Metrics)>(_ => trainer.Epoch(c.State, splits.Train, splits.Validation, b =>
            progress.Status(ProgressBar.Line(b, total, c.Metrics, c.WallSeconds))))
        from t1 in Clock<RT>.Seconds
        from _finite in DivergenceCheck.Check(result.State, result.Metrics.Metrics).ToEff()
        let next = new Checkpoint(result.State, c.Metrics.Add(result.Metrics.Metrics), c.WallSeconds.Add(t1 - t0))
        from _1 in RunCheckpoint<RT>.Save(trainer.Config, runDir, next)
        let m = result.Metrics.Metrics
        from _4 in ProgressLog<RT>.Line(string.Create(CultureInfo.InvariantCulture, $"epoch {m.Epoch,4}/{total}  loss {m.TrainLoss:F5}  train {m.TrainAccuracy * 100:F2}%  validation {m.ValidationAccuracy * 100:F2}% (loss {m.ValidationLoss:F5})  lr x{m.LearningRateFactor:F3}  bumps {m.Bumps}  chip {result.Metrics.ChipSeconds:F3}s  host {t1 - t0:F2}s"))
        select next;

    private static Eff<RT, ChipRunSummary> Finish(ChipTrainer trainer, Splits splits, string runDir, Checkpoint final, int threads) =>
        from test in Eff<RT, ChipEvaluation>(_ => trainer.Evaluate(final.State.Parameters, splits.Test, NoisePhase.Test))
        from software in Eff<RT, SplitEvaluation>(_ => trainer.Software.Evaluate(final.State.Parameters, splits.Test, withOutputs: false))
        let config = trainer.Config
        let window = config.Substrate!.Bss2.WindowUs * 1e-6
        let epochSamples = (double)(splits.Train.Count + splits.Validation.Count)
        let chipSeconds = (final.State.Epoch * epochSamples * window) + test.ChipSeconds
        let hostSeconds = final.WallSeconds.Sum()
        let run = new RunSummary(
            runDir,
            config.Name,
            config.Training.Seed,
            final.State.Epoch,
            trainer.Network.ParameterCount,
            test.Evaluation.Accuracy,
            test.Evaluation.Loss,
            final.Metrics.IsEmpty ? double.NaN : final.Metrics.Last.ValidationAccuracy,
            final.WallSeconds.IsEmpty ? 0.0 : final.WallSeconds.Average(),
            hostSeconds,
            threads)
        let summary = new ChipRunSummary(run, config.Substrate!.ChipSeed, software.Accuracy, chipSeconds, 1.0 / window, hostSeconds > 0 ? final.WallSeconds.Count * epochSamples / hostSeconds : double.NaN)
        from _0 in Files<RT>.WriteText(Path.Combine(runDir, RunFiles.Model), ConfigWriter.Write(config, final.State.Parameters))
        from _m in RunCheckpoint<RT>.Finish(config, runDir, final)
        from _1 in Files<RT>.WriteText(Path.Combine(runDir, RunFiles.Summary), SummaryFormat.Write(summary.Run, summary))
        from plots in Eff<RT, IReadOnlyList<(string File, byte[] Png)>>(_ => RunReport.Plots(config, final.Metrics, test.Evaluation, splits.Test, final.State.Parameters, trainer.Network))
        from _2 in plots.Map(p => Files<RT>.WriteBytes(Path.Combine(runDir, p.File), p.Png)).ToSeq().Sequence()
        from _3 in ProgressLog<RT>.Line(string.Create(CultureInfo.InvariantCulture, $"test accuracy on chip {test.Evaluation.Accuracy * 100:F2}% (loss {test.Evaluation.Loss:F5}), same parameters in software {software.Accuracy * 100:F2}%, after {final.State.Epoch} epochs; chip time {chipSeconds:F2}s, host {hostSeconds:F1}s; results in {runDir}"))
        select summary;
}
