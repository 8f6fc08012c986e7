using DelGrad.Model;

namespace DelGrad.Training;

/// <summary>
/// Everything a training run carries from one batch to the next; a run is a fold of batches over this
/// immutable state, so a checkpoint of it resumes bit for bit.
/// </summary>
/// <param name="Epoch">Epochs completed.</param>
/// <param name="Parameters">Current parameters.</param>
/// <param name="Adam">Optimiser state.</param>
/// <param name="LastBumpedLayer">Neuron layer bumped in the previous batch (-1 when it was an update).</param>
/// <param name="BumpValue">The bump used in the previous batch.</param>
/// <param name="BestValidationAccuracy">Best validation accuracy after any epoch so far (-1 before the first).</param>
/// <param name="BestParameters">The parameters that reached it (null before the first epoch).</param>
public sealed record TrainingState(int Epoch, NetworkParameters Parameters, AdamState Adam, int LastBumpedLayer, double BumpValue, double BestValidationAccuracy = -1, NetworkParameters? BestParameters = null)
{
    /// <summary>The parameters a finished run reports: the best validation epoch's when <paramref name="keepBestValidation"/>, else the last.</summary>
    public NetworkParameters Final(bool keepBestValidation) => keepBestValidation && BestParameters is not null ? BestParameters : Parameters;
}

/// <summary>What one epoch measured.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss (over the epoch's batches, before each update).</param>
/// <param name="TrainAccuracy">Training accuracy of the same forward passes.</param>
/// <param name="ValidationLoss">Validation loss after the epoch.</param>
/// <param name="ValidationAccuracy">Validation accuracy after the epoch.</param>
/// <param name="LearningRateFactor">StepLR factor in force during the epoch.</param>
/// <param name="Bumps">Batches that bumped weights instead of updating.</param>
public sealed record EpochMetrics(int Epoch, double TrainLoss, double TrainAccuracy, double ValidationLoss, double ValidationAccuracy, double LearningRateFactor, int Bumps);

/// <summary>One batch's outcome, for progress displays.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Batch">1-based batch within the epoch.</param>
/// <param name="Batches">Batches per epoch.</param>
/// <param name="Loss">The batch's mean loss.</param>
/// <param name="Bumped">Neuron layer that was bumped, or -1.</param>
public readonly record struct BatchProgress(int Epoch, int Batch, int Batches, double Loss, int Bumped);
