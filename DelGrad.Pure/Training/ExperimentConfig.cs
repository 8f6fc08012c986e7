using DelGrad.Model;
using LanguageExt;

namespace DelGrad.Training;

/// <summary>Normal initialisation N(mean, std) of one parameter block.</summary>
/// <param name="Mean">Mean.</param>
/// <param name="Std">Standard deviation.</param>
public sealed record InitSpec(double Mean, double Std);

/// <summary>How the data set is made and encoded.</summary>
/// <param name="TrainSize">Training samples.</param>
/// <param name="TrainSeed">Training split seed.</param>
/// <param name="ValidationSize">Validation samples.</param>
/// <param name="ValidationSeed">Validation split seed.</param>
/// <param name="TestSize">Test samples.</param>
/// <param name="TestSeed">Test split seed.</param>
/// <param name="Early">Encoded time of value 0.</param>
/// <param name="Late">Encoded time of value 1.</param>
/// <param name="Dataset">"yinyang" (generated; the sizes and seeds apply), "mnist" or "mnist16" (fixed splits, fetched on first use).</param>
public sealed record DataOptions(int TrainSize = 5000, int TrainSeed = 42, int ValidationSize = 1000, int ValidationSeed = 41, int TestSize = 1000, int TestSeed = 40, double Early = 0.15, double Late = 2.0, string Dataset = DataOptions.YinYang)
{
    /// <summary>The generated Yin-Yang data set.</summary>
    public const string YinYang = "yinyang";

    /// <summary>True for the generated Yin-Yang data set (its sizes and seeds apply).</summary>
    public bool IsYinYang => Dataset == YinYang;
}

/// <summary>Optimisation settings (Adam with PyTorch defaults, StepLR, weight bumping, clipping).</summary>
/// <param name="Epochs">Epochs to train.</param>
/// <param name="BatchSize">Samples per batch.</param>
/// <param name="Seed">Seed of initialisation and shuffling.</param>
/// <param name="WeightLearningRates">Learning rate of each neuron layer's weights (in layer order).</param>
/// <param name="DelayLearningRates">Learning rate of each delay layer's raw parameters (in layer order).</param>
/// <param name="Beta1">Adam beta1.</param>
/// <param name="Beta2">Adam beta2.</param>
/// <param name="Epsilon">Adam epsilon.</param>
/// <param name="LrGamma">StepLR factor.</param>
/// <param name="LrStepEpochs">StepLR period in epochs.</param>
/// <param name="WeightBump">Initial bump value (doubles while the same layer triggers in consecutive batches).</param>
/// <param name="MaxDwNorm">Per sample and neuron: zero the weight-gradient column whose largest entry exceeds this (+inf = off; default the reference's 0.2).</param>
/// <param name="WeightClip">Clip weights to [-WeightClip, WeightClip] after each step (+inf = off).</param>
/// <param name="KeepBestValidation">Report the parameters of the epoch with the best validation accuracy (early stopping on the validation split) instead of the last epoch's.</param>
/// <param name="InputNoiseStd">Std of Gaussian noise added to training input times each epoch (negative times reflected, as the reference does); 0 = off.</param>
/// <param name="Kernel">Whether a network compiled at build time may run the samples (the same results to rounding, faster) or the runtime network must.</param>
public sealed record TrainingOptions(
    int Epochs,
    int BatchSize,
    int Seed,
    Seq<double> WeightLearningRates,
    Seq<double> DelayLearningRates,
    double Beta1 = 0.9,
    double Beta2 = 0.999,
    double Epsilon = 1e-8,
    double LrGamma = 0.95,
    int LrStepEpochs = 20,
    double WeightBump = 0.0005,
    double MaxDwNorm = 0.2,
    double WeightClip = double.PositiveInfinity,
    double InputNoiseStd = 0.0,
    bool KeepBestValidation = false,
    KernelChoice Kernel = KernelChoice.Compiled)
{
    /// <summary>The reference configs' <see cref="MaxMissingSpikes"/>: 30 % in the hidden layer, none in the label layer.</summary>
    public static readonly Seq<double> ReferenceMaxMissingSpikes = Prelude.Seq(0.3, 0.0);

    /// <summary>
    /// Per neuron layer (the last entry repeats for deeper layers): the fraction of silent (neuron, sample) pairs in a
    /// batch above which that layer's weights are bumped instead of stepping; empty = never bump. Default
    /// <see cref="ReferenceMaxMissingSpikes"/>.
    /// </summary>
    public Seq<double> MaxMissingSpikes { get; init; } = ReferenceMaxMissingSpikes;
}

/// <summary>What runs the samples of a training run.</summary>
public enum KernelChoice
{
    /// <summary>The network compiled at build time when one matches the config's network exactly, else the runtime network.</summary>
    Compiled,

    /// <summary>Always the runtime <see cref="Kernel.Network"/>.</summary>
    Runtime,
}

/// <summary>A whole experiment: network, initialisation, loss, training and data.</summary>
/// <param name="Name">The experiment's name.</param>
/// <param name="Network">The network's structure.</param>
/// <param name="Inits">Initialisation of each parameter block, in layout order.</param>
/// <param name="Loss">The loss.</param>
/// <param name="Training">Optimisation settings.</param>
/// <param name="Data">Data settings.</param>
public sealed partial record ExperimentConfig(string Name, NetworkSpec Network, Seq<InitSpec> Inits, LossSpec Loss, TrainingOptions Training, DataOptions Data)
{
    /// <summary>The default experiment: 4-30-3 with synaptic delays on Yin-Yang (built in, see <c>ExperimentConfig.BuiltIn</c>).</summary>
    public const string DefaultBuiltIn = "yinyang-h30-ws";

    /// <summary>The substrate to train on chip-in-the-loop; null = the software model.</summary>
    public SubstrateOptions? Substrate { get; init; }

    /// <summary>The same experiment on the ideal software model (this one when it has no substrate).</summary>
    public ExperimentConfig InSoftware => Substrate is null ? this : this with { Substrate = null };
}
