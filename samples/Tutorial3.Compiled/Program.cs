using System.Globalization;
using DelGrad.Serialization;
using DelGrad.Solvers;
using DelGrad.Training;
using Tutorial3;

// A solver compiled for one neuron: tau_mem = 2, tau_syn = 1, threshold 1 (see MyNeuron below).
double[] weights = [1.5, 1.2], arrivals = [0.1, 0.3];
double t = MyNeuron.SpikeTime(default, weights, arrivals, out int causal);
Console.WriteLine($"MyNeuron spikes at t = {t:F6} (after {causal} of {arrivals.Length} inputs)");

// A whole network compiled from yinyang-h10-ws.delgrad.json, trained by the same trainer as every other network.
string file = Path.Combine(AppContext.BaseDirectory, "yinyang-h10-ws.delgrad.json");
var config = ConfigReader.Parse(File.ReadAllText(file), file).Match(c => c, e => throw new InvalidDataException(e.Message));
if (args.Length > 0)
{
    config = config with { Training = config.Training with { Epochs = int.Parse(args[0], CultureInfo.InvariantCulture) } };
}

var fit = Trainer.Fit(config, network: () => new YinyangH10WsNetwork(), threads: Environment.ProcessorCount);
Console.WriteLine($"{fit.Kernel}: test accuracy {fit.Test.Accuracy:P1} after {fit.History.Count} epochs");

/// <summary>The generator writes this struct's solver: every constant folded, the exact method (here the quadratic) chosen at build time.</summary>
[NeuronConfig(2, 1, 1)]
public partial struct MyNeuron
{
}
