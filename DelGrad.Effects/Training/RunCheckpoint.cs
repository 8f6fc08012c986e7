using DelGrad.Effects.Traits;
using DelGrad.Serialization;
using DelGrad.Training;
using LanguageExt;
using static LanguageExt.Prelude;

namespace DelGrad.Effects.Training;

/// <summary>
/// What a run leaves on disk after every epoch, at a cost that does not grow with the epochs, and safe to kill at
/// any moment: first the epoch's row is appended to metrics.csv, then checkpoint.json (the training state only, a
/// fixed size) is replaced atomically (at most once a second: <see cref="WriteBehind{RT}"/>). A kill between the two leaves one row more than the checkpoint holds; resume
/// reads the rows up to the checkpoint's epoch and <see cref="Begin"/> rewrites the file to exactly those once.
/// metrics.json, the same rows as JSON, is written when the run finishes.
/// </summary>
/// <typeparam name="RT">The runtime.</typeparam>
public static class RunCheckpoint<RT>
    where RT : struct, HasFiles<RT>
{
    /// <summary>
    /// The run's last checkpoint with its metrics, validated against <paramref name="config"/>
    /// (<see cref="CheckpointValidation"/>), or None when the run has not finished an epoch.
    /// </summary>
    public static Eff<RT, Option<Checkpoint>> Load(string runDir, ExperimentConfig config, int parameterCount)
    {
        string file = Path.Combine(runDir, RunFiles.Checkpoint), metricsFile = Path.Combine(runDir, RunFiles.Metrics);
        return from exists in Files<RT>.FileExists(file)
               from loaded in exists
                   ? from text in Files<RT>.ReadAllText(file)
                     from hasMetrics in Files<RT>.FileExists(metricsFile)
                     from metricsText in hasMetrics ? Files<RT>.ReadAllText(metricsFile).Map(Some) : SuccessEff<RT, Option<string>>(None)
                     from c in CheckpointValidation.Read(text, file, metricsText.MatchUnsafe(t => t, () => (string?)null), metricsFile, config, parameterCount).ToEff()
                     select Some(c)
                   : SuccessEff<RT, Option<Checkpoint>>(None)
               select loaded;
    }

    /// <summary>Before the first epoch of a start or resume: metrics.csv holds exactly <paramref name="start"/>'s rows.</summary>
    public static Eff<RT, Unit> Begin(ExperimentConfig config, string runDir, Checkpoint start) =>
        Files<RT>.WriteText(Path.Combine(runDir, RunFiles.Metrics), MetricsLog.Text(start.Metrics, start.WallSeconds, BaseRate(config)));

    /// <summary>
    /// After an epoch: its metrics row, then (when <paramref name="withState"/>) the state, in this order (see the class
    /// remarks). Rows appended without their state are rows of later epochs that a resume drops and trains again.
    /// </summary>
    public static Eff<RT, Unit> Save(ExperimentConfig config, string runDir, Checkpoint next, bool withState = true) =>
        from _1 in Files<RT>.AppendText(Path.Combine(runDir, RunFiles.Metrics), MetricsLog.Row(next.Metrics.Last, next.WallSeconds.Last, BaseRate(config)))
        from _2 in withState ? SaveState(runDir, next) : SuccessEff(unit)
        select unit;

    /// <summary>The state of <paramref name="c"/> alone (its rows are already in metrics.csv).</summary>
    public static Eff<RT, Unit> SaveState(string runDir, Checkpoint c) =>
        Files<RT>.WriteText(Path.Combine(runDir, RunFiles.Checkpoint), CheckpointFormat.Write(c.State));

    /// <summary>When the run finishes: metrics.json.</summary>
    public static Eff<RT, Unit> Finish(ExperimentConfig config, string runDir, Checkpoint final) =>
        Files<RT>.WriteText(Path.Combine(runDir, RunFiles.MetricsJson), RunReport.MetricsJson(final.Metrics, final.WallSeconds, BaseRate(config)));

    // The learning_rate_weights column: the first weight layer's rate times the epoch's StepLR factor.
    private static double BaseRate(ExperimentConfig config) => config.Training.WeightLearningRates.HeadOrNone().IfNone(0.0);
}
