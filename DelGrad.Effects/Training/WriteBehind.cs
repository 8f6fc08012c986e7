using DelGrad.Effects.Traits;
using LanguageExt;
using static LanguageExt.Prelude;

namespace DelGrad.Effects.Training;

/// <summary>
/// An epoch's files (its metrics row, then its checkpoint) written while the next epoch trains: on a small network an
/// epoch takes a few milliseconds and writing the checkpoint (format, temporary file, rename) took half as long again.
/// One write at a time, in epoch order, each still atomic (the runtime's file trait writes a temporary file and renames
/// it), so a run stopped at any moment resumes from its last whole checkpoint as before. A failed write stops the run at
/// the next <see cref="Wait"/>; <see cref="Finally{A}"/> makes every way out of the loop (done, cancelled, diverged,
/// failed) wait for the last write, so nothing is left half-written when the command exits.
/// </summary>
/// <typeparam name="RT">The runtime.</typeparam>
internal sealed class WriteBehind<RT>
    where RT : struct, HasFiles<RT>
{
    private Task<Fin<Unit>>? pending;

    /// <summary>Waits for the write in flight (if any); its failure becomes this effect's.</summary>
    public Eff<RT, Unit> Wait => EffMaybe<RT, Unit>(_ =>
    {
        var task = pending;
        pending = null;
        return task is null ? unit : task.GetAwaiter().GetResult();
    });

    /// <summary>Waits for the write in flight, then starts <paramref name="write"/> on another thread.</summary>
    public Eff<RT, Unit> Start(Eff<RT, Unit> write) =>
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
