using System.CommandLine;
using System.Globalization;
using System.Text;
using DelGrad.Plots;
using DelGrad.Effects.Runtimes;
using DelGrad.Effects.Training;
using DelGrad.Serialization;
using DelGrad.Substrate;
using DelGrad.Training;

namespace DelGrad.Cli;

/// <summary><c>sweep CONFIG --set key=v1,v2,... [--epochs N] [--seeds K] [--out DIR]</c>: chip-in-the-loop accuracy against one substrate setting.</summary>
internal static class SweepCommand
{
    public static Command Create(LiveRuntime runtime, TextWriter stdout, TextWriter stderr)
    {
        var config = new Argument<string[]>("configs") { Description = $"One or more config files or built-in names ({string.Join(", ", BuiltInConfigs.Names)}), swept alike and shown together; without a substrate section the reference BSS2 settings are used.", Arity = ArgumentArity.OneOrMore };
        var set = new Option<string>("--set") { HelpName = "KEY=V1,V2,...", Description = $"key=v1,v2,...: the substrate key to sweep ({string.Join(", ", Bss2Config.Keys.Select(k => k.Key))}) and its values.", Required = true };
        var epochs = new Option<int?>("--epochs") { HelpName = "N", Description = "Epochs per run (default: the config's)." };
        var seeds = new Option<int>("--seeds") { HelpName = "K", Description = "Runs per value; run k uses training seed S + k and chip seed C + k.", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { HelpName = "DIR", Description = "Directory for sweep.csv and sweep.png (default: runs/sweep-<name>-<key>-<time>)." };
        var threads = TrainCommands.ThreadsOption();
        var slurm = new SlurmArguments();
        var command = new Command("sweep", "Train chip-in-the-loop on the emulated BrainScaleS-2 chip for each value of one substrate setting; writes a CSV (key, value, seed, test accuracy) and a plot of accuracy against the setting.") { config, set, epochs, seeds, output, threads };
        slurm.AddTo(command);
        command.SetAction(parse =>
        {
            var slurmOptions = slurm.Options(parse);
            var configs = (parse.GetValue(config) ?? []).Select(name =>
            {
                var (text, file) = BuiltInConfigs.Resolve(runtime, name);
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
            string dir = parse.GetValue(output) ?? RunPaths.DefaultSweepDirectory(names, key, Commands.Now(runtime));
            var plan = configs.Select(parsed =>
            {
                var substrate = parsed.Substrate ?? new SubstrateOptions(Bss2Config.Default);
                var run = epochOverride is int e ? parsed with { Training = parsed.Training with { Epochs = e } } : parsed;
                return (run, substrate, ParseSet(setText, substrate.Bss2).Values);
            }).ToList();
            if (slurm.Requested(parse))
            {
                return SlurmSubmit.Sweep(plan, setText, key, k, Path.GetFullPath(dir), slurmOptions, slurm.DryRun(parse), runtime, stdout, stderr);
            }

            // Two sweeps into one folder would interleave sweep.csv and the seed runs: the second stops at once.
            using var sweepLock = Commands.Lock(dir);
            return Commands.RunEffect(SweepRun<LiveRuntime>.Run(plan, key, k, n, dir), runtime, stderr);
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
}
