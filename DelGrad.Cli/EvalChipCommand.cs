using System.CommandLine;
using System.Globalization;
using DelGrad.Effects.Runtimes;
using DelGrad.Model;
using DelGrad.Reporting;
using DelGrad.Substrate;
using DelGrad.Training;

namespace DelGrad.Cli;

/// <summary><c>eval-chip RUN [--split S] [--chip-seed C] [--set key=v]...</c>: a trained model on the emulated BrainScaleS-2 chip.</summary>
internal static class EvalChipCommand
{
    public static Command Create(LiveRuntime runtime, TextWriter stdout, TextWriter stderr)
    {
        var dirs = new Argument<string[]>("run-dirs") { Description = "Run directories (or model.json files), trained in software or chip-in-the-loop; with several, a last line gives the medians.", Arity = ArgumentArity.OneOrMore };
        var split = TrainedModels.SplitOption();
        var chipSeed = new Option<int?>("--chip-seed") { HelpName = "SEED", Description = "The emulated chip (default: each model's substrate chip_seed, else 0)." };
        var set = new Option<string[]>("--set") { HelpName = "KEY=VALUE", Description = "key=value: override one substrate setting (repeatable).", AllowMultipleArgumentsPerToken = false };
        var threads = TrainCommands.ThreadsOption();
        var command = new Command("eval-chip", "Evaluate trained models on the emulated BrainScaleS-2 chip (weights and delays quantised, chip noise) next to the ideal software model; with several runs, also the medians.") { dirs, split, chipSeed, set, threads };
        command.SetAction(parse =>
        {
            int? seedOverride = parse.GetValue(chipSeed) is int c ? (c >= 0 ? c : throw new CliException($"--chip-seed: must be at least 0, got {c}")) : null;
            int n = TrainCommands.CheckThreads(parse.GetValue(threads));
            string splitName = parse.GetValue(split)!;

            // Every model is read and every --set checked before the first (slow) evaluation.
            var models = (parse.GetValue(dirs) ?? []).Select(path => (Path: path, Model: Load(runtime, path, parse.GetValue(set) ?? []))).ToList();
            var chipAccuracies = new List<double>();
            var softwareAccuracies = new List<double>();
            foreach (var (path, (config, parameters, bss2)) in models)
            {
                // With several runs each result is named by its run (they may share a config name).
                string run = models.Count > 1 ? path + ": " : "";
                long seed = seedOverride ?? config.Substrate?.ChipSeed ?? 0;
                var data = TrainedModels.Split(runtime, config, splitName);
                var chip = new Bss2Emulation(config.Network, parameters, bss2, seed);
                var onChip = ChipForward.Evaluate(chip, config, data, NoisePhase.Test, threads: n, withOutputs: false);
                var software = new Trainer(config, n).Evaluate(parameters, data, withOutputs: false);
                chipAccuracies.Add(onChip.Evaluation.Accuracy);
                softwareAccuracies.Add(software.Accuracy);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run}{config.Name} on {splitName} ({data.Count} samples): emulated chip {seed} accuracy {onChip.Evaluation.Accuracy * 100:F2}% (loss {onChip.Evaluation.Loss:F5}); software {software.Accuracy * 100:F2}% (loss {software.Loss:F5})"));
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"chip: {chip.ClippedWeights}/{chip.WeightCount} weights clipped, {chip.DelaysOutOfRange}/{chip.DelayCount} delays out of range, {onChip.LostSpikes} spikes lost, {onChip.ChipSeconds:F3} s chip time"));
            }

            if (models.Count > 1)
            {
                Spread onChipSpread = Spread.Of(chipAccuracies), softwareSpread = Spread.Of(softwareAccuracies);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{models.Count} runs on {splitName}: emulated chip median {onChipSpread.Median * 100:F1}% (min {onChipSpread.Min * 100:F1}%, max {onChipSpread.Max * 100:F1}%); software median {softwareSpread.Median * 100:F1}% (min {softwareSpread.Min * 100:F1}%, max {softwareSpread.Max * 100:F1}%)"));
            }

            return Commands.Ok;
        });
        return command;
    }

    /// <summary>A run's model and the substrate settings to evaluate it with (its own, then each --set).</summary>
    private static (ExperimentConfig Config, NetworkParameters Parameters, Bss2Config Bss2) Load(LiveRuntime runtime, string path, IEnumerable<string> sets)
    {
        var (config, parameters) = TrainedModels.Read(runtime, path);
        var bss2 = config.Substrate?.Bss2 ?? Bss2Config.Default;
        foreach (var s in sets)
        {
            var (key, values) = SweepCommand.ParseSet(s, bss2);
            if (values.Count != 1)
            {
                throw new CliException($"--set: {key}: expected one value, got {values.Count}");
            }

            bss2 = values[0].Config;
        }

        return (config, parameters, bss2);
    }

}
