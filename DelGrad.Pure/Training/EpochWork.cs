using DelGrad.Model;

namespace DelGrad.Training;

/// <summary>
/// The trainer's working copy of a <see cref="TrainingState"/> during one epoch: parameters and Adam moments that the batches
/// update in place (<see cref="TrainingRules"/>), so a batch allocates nothing however large the network. Only the epoch's
/// result becomes a new immutable state (<see cref="ToState"/>): the epoch is still a function from state to state, and no
/// intermediate state escapes it. The buffers belong to one trainer and are reused from epoch to epoch.
/// </summary>
internal sealed class EpochWork
{
    private EpochWork(int count)
    {
        Values = new double[count];
        M = new double[count];
        V = new double[count];
        Parameters = NetworkParameters.Own(Values);
    }

    /// <summary>The current parameters (updated in place after every batch).</summary>
    public double[] Values { get; }

    /// <summary>A view of <see cref="Values"/> for the kernels: valid for the current batch only.</summary>
    public NetworkParameters Parameters { get; }

    /// <summary>Adam's first moments.</summary>
    public double[] M { get; }

    /// <summary>Adam's second moments.</summary>
    public double[] V { get; }

    /// <summary>Adam steps taken.</summary>
    public long T { get; set; }

    /// <summary>The neuron layer bumped by the previous batch (-1 after an update).</summary>
    public int LastBumpedLayer { get; set; }

    /// <summary>The bump of the previous batch.</summary>
    public double BumpValue { get; set; }

    /// <summary>Working buffers for <paramref name="count"/> parameters, reused when <paramref name="existing"/> fits.</summary>
    public static EpochWork For(EpochWork? existing, int count) => existing is { } w && w.Values.Length == count ? w : new EpochWork(count);

    /// <summary>Copies <paramref name="state"/> into the buffers.</summary>
    public EpochWork Load(TrainingState state)
    {
        state.Parameters.Values.CopyTo(Values);
        state.Adam.M.CopyTo(M, 0);
        state.Adam.V.CopyTo(V, 0);
        T = state.Adam.T;
        LastBumpedLayer = state.LastBumpedLayer;
        BumpValue = state.BumpValue;
        return this;
    }

    /// <summary>The immutable state the buffers hold now (copies; everything else from <paramref name="state"/>).</summary>
    public TrainingState ToState(TrainingState state) => state with
    {
        Parameters = NetworkParameters.Own((double[])Values.Clone()),
        Adam = new AdamState((double[])M.Clone(), (double[])V.Clone(), T),
        LastBumpedLayer = LastBumpedLayer,
        BumpValue = BumpValue,
    };
}
