using System.Globalization;
using DelGrad.Model;
using DelGrad.Serialization;
using DelGrad.Substrate;
using DelGrad.Training;

int epochs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300;
int threads = Environment.ProcessorCount;

// The reference chip experiment with delays: 4 inputs x5 -> 30 -> 3; its substrate section makes Fit train chip-in-the-loop.
var config = ExperimentConfig.BuiltIn("yinyang-bss2-wa");
config = config with { Training = config.Training with { Epochs = epochs } };
var substrate = config.Substrate!;
var data = Splits.YinYang(config.Data);
var onChip = Trainer.Fit(config, data, threads: threads);
Console.WriteLine($"chip-in-the-loop: {onChip.Test.Accuracy:P1} on the emulated chip, {onChip.Model.Evaluate(data.Test).Accuracy:P1} with the same parameters in software");

// The same network trained in software only, then run on the chip.
var inSoftware = Trainer.Fit(config with { Substrate = null }, data, threads: threads);
var chip = new Bss2Emulation(config.Network, inSoftware.Model.Parameters, substrate.Bss2, substrate.ChipSeed);
var transferred = ChipForward.Evaluate(chip, config, data.Test, NoisePhase.Test, threads: threads).Evaluation;
Console.WriteLine($"software-trained: {inSoftware.Test.Accuracy:P1} in software, {transferred.Accuracy:P1} on the emulated chip");

// Chip-ready? What the chip would change: weights beyond its 6-bit range and delays outside its delay circuits are clipped.
Console.WriteLine($"weights clipped at +-{substrate.Bss2.WeightMax:F2}: {chip.ClippedWeights} of {chip.WeightCount}; delays outside [{substrate.Bss2.DelayMinUs}, {substrate.Bss2.DelayMaxUs}] us: {chip.DelaysOutOfRange} of {chip.DelayCount}");
foreach (var layer in config.Network.Layers.OfType<NeuronLayer>())
{
    Console.WriteLine($"neuron layer of {layer.Size}: threshold {layer.Neuron.Threshold} (chip {substrate.Bss2.Threshold}), tau_mem / tau_syn = {layer.Neuron.TauMem / layer.Neuron.TauSyn}");
}
