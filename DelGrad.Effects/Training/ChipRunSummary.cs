namespace DelGrad.Effects.Training;

/// <summary>What a finished chip-in-the-loop run reports next to the software fields (summary.json).</summary>
/// <param name="Run">The fields every run reports (test accuracy and loss as measured on the chip).</param>
/// <param name="ChipSeed">The emulated chip.</param>
/// <param name="SoftwareTestAccuracy">The trained (shadow) parameters on the ideal software model.</param>
/// <param name="ChipSeconds">Emulated chip time of the whole run (training, validation and test samples).</param>
/// <param name="ChipSamplesPerSecond">Samples per second of chip time.</param>
/// <param name="HostSamplesPerSecond">Samples per second of host wall time (emulation + backward + update).</param>
public sealed record ChipRunSummary(RunSummary Run, long ChipSeed, double SoftwareTestAccuracy, double ChipSeconds, double ChipSamplesPerSecond, double HostSamplesPerSecond);
