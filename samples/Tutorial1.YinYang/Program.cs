using System.Diagnostics;
using DelGrad.Effects.Training;
using DelGrad.Kernel;
using DelGrad.Serialization;
using DelGrad.Training;

// The 4-30-3 network with synaptic delays on Yin-Yang, trained as `delgrad train yinyang-h30-ws` trains it.
var config = ExperimentConfig.BuiltIn("yinyang-h30-ws");
config = config with { Training = config.Training with { Epochs = args.Length > 0 ? int.Parse(args[0]) : 300 } };
var data = Splits.YinYang(config.Data);
var progress = new SynchronousProgress<EpochReport>(r => Console.WriteLine($"epoch {r.Metrics.Epoch}/{r.Epochs}: validation accuracy {r.Metrics.ValidationAccuracy:P1}"));
var clock = Stopwatch.StartNew();
var fit = Trainer.Fit(config, data, progress, threads: Environment.ProcessorCount);
Console.WriteLine($"test accuracy {fit.Test.Accuracy:P1} after {config.Training.Epochs} epochs in {clock.Elapsed.TotalSeconds:F2} s ({fit.Kernel})");

// Save the model (the model.json of a `delgrad train` run) and plot the run.
string folder = args.Length > 1 ? args[1] : "yinyang-h30-ws";
Directory.CreateDirectory(folder);
File.WriteAllText(Path.Combine(folder, "model.json"), fit.Model.ToJson());
foreach (var (file, png) in RunReport.Plots(config, fit.History, fit.Test, data.Test, fit.Model.Parameters, Network.Compile(config.Network))) File.WriteAllBytes(Path.Combine(folder, file), png);
Console.WriteLine($"model and plots in {folder}");
