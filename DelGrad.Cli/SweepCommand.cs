using System.CommandLine;
using System.Globalization;
using System.Text;
using DelGrad.Effects.Plotting;
using DelGrad.Effects.Runtimes;
using DelGrad.Substrate;
using DelGrad.Training;

namespace DelGrad.Cli;

/// <summary><c>sweep CONFIG --set key=v1,v2,... [--epochs N] [--seeds K] [--out DIR]</c>: chip-in-the-loop accuracy against one substrate setting.</summary>
internal static class SweepCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var config = new Argument<string[]>("configs") { Description = $"One or more config files or built-in names ({string.Join(", ", BuiltInConfigs.Names)}), swept alike and shown together; without a substrate section the reference BSS2 settings are used.", Arity = ArgumentArity.OneOrMore };
        var set = new Option<string>("--set") { HelpName = "KEY=V1,V2,...", Description = $"key=v1,v2,...: the substrate key to sweep ({string.Join(", ", Bss2Config.Keys.Select(k => k.Key))}) and its values.", Required = true };
        var epochs = new Option<int?>("--epochs") { HelpName = "N", Description = "Epochs per run (default: the config's)." };
        var seeds = new Option<int>("--seeds") { HelpName = "K", Description = "Runs per value; run k uses training seed S + k and chip seed C + k.", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { HelpName = "DIR", Description = "Directory for sweep.csv and sweep.png (default: runs/sweep-<name>-<key>-<time>)." };
        var threads = TrainCommands.ThreadsOption();
        var command = new Command("sweep", "Train chip-in-the-loop on the emulated BrainScaleS-2 chip for each value of one substrate setting; writes a CSV (key, value, seed, test accuracy) and a plot of accuracy against the setting.") { config, set, epochs, seeds, output, threads };
        command.SetAction(parse =>
        {
            var configs = (parse.GetValue(config) ?? []).Select(name =>
            {
                var (text, file) = BuiltInConfigs.Resolve(name);
                return ConfigReader.Parse(text, file).Match(c => c, e => throw new CliException(e.Message));
            }).ToList();
            string setText = parse.GetValue(set)!;
            string key = ParseSet(setText, Bss2Config.Default).Key;
            int? epochOverride = parse.GetValue(epochs);
            if (epochOverride is < 0)
            {
                throw new CliException($"--epochs: must be at least 0, got {epochOverride}");
            }

            int k = parse.GetValue(seeds);
            if (k < 1)
            {
                throw new CliException($"--seeds: must be at least 1, got {k}");
            }

            int n = TrainCommands.CheckThreads(parse.GetValue(threads));
            string names = string.Join("+", configs.Select(c => c.Name));
            string dir = parse.GetValue(output) ?? Path.Combine("runs", string.Create(CultureInfo.InvariantCulture, $"sweep-{names}-{key}-{DateTime.Now:yyyyMMdd-HHmmss}"));
            try
            {
                Directory.CreateDirectory(dir);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"--out: cannot create {dir}: {ex.Message}");
            }

            var rows = new List<(string Config, double Value, int Seed, double Accuracy)>();
            var csv = new StringBuilder("config,key,value,seed,test_accuracy\n");
            double[] swept = [];
            foreach (var parsed in configs)
            {
                var substrate = parsed.Substrate ?? new SubstrateOptions(Bss2Config.Default);
                var (_, values) = ParseSet(setText, substrate.Bss2);
                swept = values.Select(v => v.Value).ToArray();
                var t = epochOverride is int e ? parsed.Training with { Epochs = e } : parsed.Training;
                var splits = Splits.YinYang(parsed.Data);
                foreach (var (value, bss2) in values)
                {
                    for (int r = 0; r < k; r++)
                    {
                        var run = parsed with { Training = t with { Seed = t.Seed + r } };
                        var trainer = new ChipTrainer(run, new SubstrateOptions(bss2, substrate.ChipSeed + r), n);
                        var state = trainer.Software.Initial();
                        for (int ep = 0; ep < run.Training.Epochs; ep++)
                        {
                            state = trainer.Epoch(state, splits.Train, splits.Validation).State;
                        }

                        double accuracy = trainer.Evaluate(state.Parameters, splits.Test, int.MinValue, withOutputs: false).Evaluation.Accuracy;
                        rows.Add((parsed.Name, value, run.Training.Seed, accuracy));
                        csv.Append(string.Create(CultureInfo.InvariantCulture, $"{parsed.Name},{key},{value:R},{run.Training.Seed},{accuracy:R}\n"));
                        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{parsed.Name}: {key} = {value:R}, seed {run.Training.Seed}: test accuracy on chip {accuracy * 100:F2}% after {run.Training.Epochs} epochs"));
                    }
                }
            }

            LiveFiles.Instance.WriteAtomic(Path.Combine(dir, "sweep.csv"), Encoding.UTF8.GetBytes(csv.ToString()));
            LiveFiles.Instance.WriteAtomic(Path.Combine(dir, "sweep.png"), Plot(key, swept, rows, k).ToPng());
            stdout.WriteLine($"wrote {Path.Combine(dir, "sweep.csv")} and {Path.Combine(dir, "sweep.png")}");
            return Commands.Ok;
        });
        return command;
    }

    /// <summary>Parses <c>key=v1,v2,...</c>; each value is checked with <see cref="Bss2Config.With"/> on <paramref name="baseline"/>.</summary>
    internal static (string Key, IReadOnlyList<(double Value, Bss2Config Config)> Values) ParseSet(string set, Bss2Config baseline)
    {
        int eq = set.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || eq == set.Length - 1)
        {
            throw new CliException($"--set: expected key=v1,v2,..., got '{set}'");
        }

        string key = set[..eq].Trim();
        if (baseline.Get(key).IsFail)
        {
            throw new CliException($"--set: {key}: unknown substrate key (known: {string.Join(", ", Bss2Config.Keys.Select(k => k.Key))})");
        }

        var values = new List<(double, Bss2Config)>();
        foreach (var part in set[(eq + 1)..].Split(','))
        {
            if (!double.TryParse(part.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            {
                throw new CliException($"--set: {key}: '{part}' is not a number");
            }

            var config = baseline.With(key, v).Match(c => c, e => throw new CliException("--set: " + e.Message));
            values.Add((v, config));
        }

        return (key, values);
    }

    internal static LineChart Plot(string key, double[] values, List<(string Config, double Value, int Seed, double Accuracy)> rows, int seeds)
    {
        // One median line per config (what the comparison is about); single runs dashed when one config.
        var series = new List<LineSeries>();
        var configs = rows.Select(r => r.Config).Distinct().ToArray();
        foreach (var config in configs)
        {
            var median = values.Select(v =>
            {
                var a = rows.Where(r => r.Config == config && r.Value == v).Select(r => r.Accuracy).Order().ToArray();
                return a.Length % 2 == 1 ? a[a.Length / 2] : (a[(a.Length / 2) - 1] + a[a.Length / 2]) / 2.0;
            }).ToArray();
            if (seeds > 1 && configs.Length == 1)
            {
                foreach (var seed in rows.Select(r => r.Seed).Distinct())
                {
                    series.Add(new LineSeries($"seed {seed}", values, values.Select(v => rows.First(r => r.Value == v && r.Seed == seed).Accuracy).ToArray()) { Dashed = true });
                }
            }

            series.Add(new LineSeries(seeds > 1 ? $"{config}: median of {seeds}" : config, values, median));
        }

        // Accuracy axis from <= 0.8 to 1: an automatic range would blow differences of a few samples up.
        double low = Math.Min(0.8, Math.Floor((rows.Min(r => r.Accuracy) - 0.05) * 20) / 20);
        return new LineChart("test accuracy on the emulated chip", key, "test accuracy", series) { ShowMarkers = true, YRange = new AxisRange(Math.Max(0, low), 1.0) };
    }
}
