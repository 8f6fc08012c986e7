namespace DelGrad.Reporting;

/// <summary>One finished training run as a report sees it: what its summary.json and metrics.csv say.</summary>
/// <param name="Directory">The run directory.</param>
/// <param name="Name">Experiment name (runs are grouped by it).</param>
/// <param name="Seed">Training seed.</param>
/// <param name="Epochs">Epochs trained.</param>
/// <param name="ParameterCount">Trainable parameters.</param>
/// <param name="TestAccuracy">Test accuracy of the network the run reports.</param>
/// <param name="ValidationAccuracy">Last validation accuracy (NaN when unknown).</param>
/// <param name="TestAccuracyBestValidation">Test accuracy of the best-validation epoch's network (NaN when the run does not say).</param>
/// <param name="TrainAccuracy">Training accuracy of the last epoch (NaN without metrics).</param>
/// <param name="Bumps">Batches that bumped weights instead of updating, over the whole run (-1 without metrics).</param>
/// <param name="SecondsPerEpoch">Mean host seconds per epoch, first (JIT) epochs included.</param>
/// <param name="SteadySecondsPerEpoch">Median host seconds per epoch after <see cref="RunTable.WarmupEpochs"/> warm-up epochs (NaN without metrics).</param>
/// <param name="SoftwareTestAccuracy">Chip-in-the-loop runs: test accuracy of the same parameters on the ideal software model (NaN for software runs).</param>
/// <param name="ChipSeconds">Chip-in-the-loop runs: time the emulated chip itself would need for the whole run (NaN for software runs).</param>
public sealed record RunRecord(
    string Directory,
    string Name,
    int Seed,
    int Epochs,
    int ParameterCount,
    double TestAccuracy,
    double ValidationAccuracy,
    double TestAccuracyBestValidation,
    double TrainAccuracy,
    int Bumps,
    double SecondsPerEpoch,
    double SteadySecondsPerEpoch,
    double SoftwareTestAccuracy = double.NaN,
    double ChipSeconds = double.NaN);
