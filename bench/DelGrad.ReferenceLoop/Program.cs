using System.Collections.Concurrent;
using System.Globalization;
using DelGrad.Tests.Training;
using DelGrad.Training;

// Whole training runs of the reference's training loop as the test suite re-implements it (scalar, slow: about
// 100 s per 300-epoch H30-WS run on one core), next to the trainer's run of the same config and seed.
// Usage: DelGrad.ReferenceLoop CONFIG.json [--eps E] [--epochs N] [--threads T] SEED...
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: DelGrad.ReferenceLoop CONFIG.json [--eps E] [--epochs N] [--threads T] SEED...");
    return 2;
}

var config = ConfigReader.Parse(File.ReadAllText(args[0]), args[0]).Match(c => c, e => throw new InvalidDataException(e.Message));
double eps = 1e-6;
int threads = Environment.ProcessorCount;
var seeds = new List<int>();
for (int i = 1; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--eps": eps = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--epochs": config = config with { Training = config.Training with { Epochs = int.Parse(args[++i], CultureInfo.InvariantCulture) } }; break;
        case "--threads": threads = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        default: seeds.Add(int.Parse(args[i], CultureInfo.InvariantCulture)); break;
    }
}

var splits = Splits.YinYang(config.Data);
var results = new ConcurrentDictionary<int, (double Loop, double Trainer, int Bumps)>();
Parallel.ForEach(seeds, new ParallelOptions { MaxDegreeOfParallelism = threads }, seed =>
{
    var run = config with { Training = config.Training with { Seed = seed } };
    var trainer = new Trainer(run, 1);
    var loop = new ReferenceTrainingMirror(run) { Eps = eps };
    double[] p = trainer.Initial().Parameters.Values.ToArray();
    for (int e = 0; e < run.Training.Epochs; e++)
    {
        loop.Epoch(p, splits.Train, e);
    }

    int correct = 0;
    for (int i = 0; i < splits.Test.Count; i++)
    {
        var input = splits.Test.Inputs.AsSpan(i * run.Network.Inputs, run.Network.Inputs).ToArray();
        correct += Classification.Predict(loop.Outputs(p, input)) == splits.Test.Labels[i] ? 1 : 0;
    }

    var state = trainer.Initial();
    for (int e = 0; e < run.Training.Epochs; e++)
    {
        state = trainer.Epoch(state, splits.Train, splits.Validation).State;
    }

    results[seed] = ((double)correct / splits.Test.Count, trainer.Evaluate(state.Parameters, splits.Test, withOutputs: false).Accuracy, loop.Bumps.Sum());
    Console.Error.WriteLine($"seed {seed} done");
});

Console.WriteLine($"| seed | reference loop (eps {eps.ToString("R", CultureInfo.InvariantCulture)}) | trainer | reference-loop bumps |");
Console.WriteLine("|---|---|---|---|");
foreach (var (seed, r) in results.OrderBy(kv => kv.Key))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {seed} | {r.Loop * 100:F1} % | {r.Trainer * 100:F1} % | {r.Bumps} |"));
}

Spread loopSpread = Spread.Of(results.Values.Select(r => r.Loop)), trainerSpread = Spread.Of(results.Values.Select(r => r.Trainer));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| median ({seeds.Count} seeds) | {loopSpread.Median * 100:F1} % (mean {loopSpread.Mean * 100:F2} +- {loopSpread.StandardDeviation * 100:F2}) | {trainerSpread.Median * 100:F1} % (mean {trainerSpread.Mean * 100:F2} +- {trainerSpread.StandardDeviation * 100:F2}) | |"));
return 0;
