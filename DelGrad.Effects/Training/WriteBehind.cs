using DelGrad.Effects.Traits;
using DelGrad.Serialization;
using DelGrad.Training;
using LanguageExt;
using static LanguageExt.Prelude;

namespace DelGrad.Effects.Training;

/// <summary>
/// An epoch's files (its metrics row, then its checkpoint) written while the next epoch trains: on a small network an
/// epoch takes a few milliseconds and writing the checkpoint (format, temporary file, rename) took half as long again.
/// One write at a time, in epoch order, each still atomic (the runtime's file trait writes a temporary file and renames
/// it), so a run stopped at any moment resumes from its last whole checkpoint as before. The row is appended after every
/// epoch; the state at most every <see cref="CheckpointSeconds"/> of wall time, after the last epoch, and when the run is
/// interrupted (<see cref="Flush"/>), so a killed run trains at most that long again. A failed write stops the run at
/// the next <see cref="Wait"/>; <see cref="Finally{A}"/> makes every way out of the loop (done, cancelled, diverged,
/// failed) wait for the last write, so nothing is left half-written when the command exits.
/// </summary>
/// <typeparam name="RT">The runtime.</typeparam>
/// <param name="stateEpoch">The epoch whose state is on disk when the loop starts (0 for a new run).</param>
internal sealed class WriteBehind<RT>(int stateEpoch)
    where RT : struct, HasFiles<RT>
{
    /// <summary>Wall seconds between two checkpoints at least (a MNIST epoch is longer: every epoch is checkpointed).</summary>
    public const double CheckpointSeconds = 1.0;

    private Task<Fin<Unit>>? pending;
    private double lastStateSeconds = double.NegativeInfinity;

    /// <summary>
    /// Starts writing epoch <paramref name="next"/>'s files: its row, and its state when it is the last epoch or the last
    /// state is <see cref="CheckpointSeconds"/> old at <paramref name="now"/> (the runtime clock's seconds).
    /// </summary>
    public Eff<RT, Unit> Epoch(ExperimentConfig config, string runDir, Checkpoint next, double now, bool last)
    {
        bool withState = last || now - lastStateSeconds >= CheckpointSeconds;
        if (withState)
        {
            lastStateSeconds = now;
            stateEpoch = next.State.Epoch;
        }

        return Start(RunCheckpoint<RT>.Save(config, runDir, next, withState));
    }

    /// <summary>Waits for the write in flight, then writes <paramref name="c"/>'s state if it is not on disk yet.</summary>
    public Eff<RT, Unit> Flush(string runDir, Checkpoint c) =>
        from _ in Wait
        from written in c.State.Epoch > stateEpoch ? RunCheckpoint<RT>.SaveState(runDir, c) : SuccessEff(unit)
        select written;

    /// <summary>Waits for the write in flight (if any); its failure becomes this effect's.</summary>
    public Eff<RT, Unit> Wait => EffMaybe<RT, Unit>(_ =>
    {
        var task = pending;
        pending = null;
        return task is null ? unit : task.GetAwaiter().GetResult();
    });

    // Waits for the write in flight, then starts write on another thread (only Epoch decides what an epoch writes).
    private Eff<RT, Unit> Start(Eff<RT, Unit> write) =>
        from _ in Wait
        from started in Eff<RT, Unit>(rt =>
        {
            pending = Task.Factory.StartNew(() => write.Run(rt), CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
            return unit;
        })
        select started;

    /// <summary><paramref name="body"/>, then <see cref="Wait"/> whatever the body's outcome (the body's failure wins).</summary>
    public Eff<RT, A> Finally<A>(Eff<RT, A> body) => EffMaybe<RT, A>(rt =>
    {
        var result = body.Run(rt);
        var waited = Wait.Run(rt);
        return result.IsFail || waited.IsSucc ? result : waited.Map(_ => default(A)!);
    });
}
