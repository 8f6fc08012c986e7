namespace DelGrad.Training;

/// <summary>
/// What a random stream of a training run is for: the second input of <see cref="DeterministicRandom.Mix(long, SeedStream, long)"/>,
/// so the streams of one seed never share their draws. The values are part of every result ever recorded: never renumber.
/// </summary>
public enum SeedStream
{
    /// <summary>The shuffle of the training samples, per epoch.</summary>
    EpochOrder = 1,

    /// <summary>The initial parameters, per parameter block.</summary>
    Initialisation = 2,

    /// <summary>The training input noise (<c>input_noise_std</c>), per epoch.</summary>
    InputNoise = 3,

    /// <summary>The input noise of a coded split's batch (MNIST), per (epoch, batch): the index is <c>epoch &lt;&lt; 32 | batch</c>.</summary>
    BatchNoise = 4,
}
