using System.Collections.Concurrent;
using System.Globalization;
using DelGrad.Reporting;
using DelGrad.Serialization;
using DelGrad.TestKit;
using DelGrad.Training;

// Whole training runs of the reference's training loop as the test suite re-implements it (scalar, slow: about
// 100 s per 300-epoch H30-WS run on one core), next to the trainer's run of the same config and seed.
// Usage: DelGrad.ReferenceLoop CONFIG.json [--eps E] [--epochs N] [--threads T] SEED...
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: DelGrad.ReferenceLoop CONFIG.json [--eps E] [--epochs N] [--threads T] SEED...");
    return 2;
}

if (!File.Exists(args[0]))
{
    Console.Error.WriteLine($"error: {args[0]}: no such config file");
    return 2;
}

var parsed = ConfigReader.Parse(File.ReadAllText(args[0]), args[0]);
if (parsed.IsFail)
{
    Console.Error.WriteLine("error: " + parsed.Match(_ => "", e => e.Message));
    return 2;
}

var config = parsed.Match(c => c, _ => throw new InvalidOperationException());
double eps = 1e-6;
int threads = Environment.ProcessorCount;
var seeds = new List<int>();
for (int i = 1; i < args.Length; i++)
{
    string option = args[i];
    string? value = option.StartsWith("--", StringComparison.Ordinal) ? (i + 1 < args.Length ? args[++i] : "") : null;
    bool ok;
    switch (option)
    {
        case "--eps":
            ok = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out eps) && eps >= 0;
            break;
        case "--epochs":
            ok = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int epochs);
            config = config with { Training = config.Training with { Epochs = epochs } };
            break;
        case "--threads":
            ok = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out threads) && threads > 0;
            break;
        default:
            int seed = -1;
            ok = value is null && int.TryParse(option, NumberStyles.None, CultureInfo.InvariantCulture, out seed);
            if (ok)
            {
                seeds.Add(seed);
            }

            break;
    }

    if (!ok)
    {
        Console.Error.WriteLine($"error: '{option}{(value is null ? "" : " " + value)}': expected --eps E (>= 0), --epochs N, --threads T (> 0) or a seed (>= 0)");
        return 2;
    }
}

if (seeds.Count == 0)
{
    Console.Error.WriteLine("error: no seeds given");
    return 2;
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
