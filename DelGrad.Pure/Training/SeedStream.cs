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

    /// <summary>The training input noise of a coded split (MNIST), drawn per batch (index: epoch in the high 32 bits, batch in the low).</summary>
    BatchNoise = 4,
}
