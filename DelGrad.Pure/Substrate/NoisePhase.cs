namespace DelGrad.Substrate;

/// <summary>What an emulated batch is part of: a training epoch, the validation after it, or the final test.</summary>
public enum NoisePhase
{
    /// <summary>Training batches of an epoch.</summary>
    Training,

    /// <summary>The validation pass after an epoch.</summary>
    Validation,

    /// <summary>The test (or any evaluation of a finished model).</summary>
    Test,
}
