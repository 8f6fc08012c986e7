using System.CommandLine;
using System.Globalization;
using DelGrad.Effects.Runtimes;
using DelGrad.Serialization;
using DelGrad.Substrate;
using DelGrad.Training;

namespace DelGrad.Cli;

/// <summary><c>eval-chip RUN [--split S] [--chip-seed C] [--set key=v]...</c>: a trained model on the emulated BrainScaleS-2 chip.</summary>
internal static class EvalChipCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dir = new Argument<string>("run-dir") { Description = "A run directory (or a model.json file), trained in software or chip-in-the-loop." };
        var split = new Option<string>("--split") { HelpName = "SPLIT", Description = "Which split to evaluate.", DefaultValueFactory = _ => "test" };
        split.AcceptOnlyFromAmong("train", "validation", "test");
        var chipSeed = new Option<int?>("--chip-seed") { HelpName = "SEED", Description = "The emulated chip (default: the model's substrate chip_seed, else 0)." };
        var set = new Option<string[]>("--set") { HelpName = "KEY=VALUE", Description = "key=value: override one substrate setting (repeatable).", AllowMultipleArgumentsPerToken = false };
        var threads = TrainCommands.ThreadsOption();
        var command = new Command("eval-chip", "Evaluate a trained model on the emulated BrainScaleS-2 chip (weights and delays quantised, chip noise) next to the ideal software model.") { dir, split, chipSeed, set, threads };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(dir)!;
            string model = Directory.Exists(path) ? Path.Combine(path, Effects.Training.RunFiles.Model) : path;
            if (!File.Exists(model))
            {
                throw new CliException($"{model}: no model file (train the run to the end first)");
            }

            var (config, parameters) = CheckpointFormat.ReadModel(File.ReadAllText(model), model).Match(m => m, e => throw new CliException(e.Message));
            var bss2 = config.Substrate?.Bss2 ?? Bss2Config.Default;
            foreach (var s in parse.GetValue(set) ?? [])
            {
                var (key, values) = SweepCommand.ParseSet(s, bss2);
                if (values.Count != 1)
                {
                    throw new CliException($"--set: {key}: expected one value, got {values.Count}");
                }

                bss2 = values[0].Config;
            }

            long seed = parse.GetValue(chipSeed) is int c ? (c >= 0 ? c : throw new CliException($"--chip-seed: must be at least 0, got {c}")) : config.Substrate?.ChipSeed ?? 0;
            int n = TrainCommands.CheckThreads(parse.GetValue(threads));
            var splits = Splits.YinYang(config.Data);
            var data = parse.GetValue(split) switch { "train" => splits.Train, "validation" => splits.Validation, _ => splits.Test };
            var chip = new Bss2Emulation(config.Network, parameters, bss2, seed);
            var onChip = ChipTrainer.EvaluateOn(chip, config, data, int.MinValue, n, withOutputs: false);
            var software = new Trainer(config, n).Evaluate(parameters, data, withOutputs: false);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{config.Name} on {parse.GetValue(split)} ({data.Count} samples): emulated chip {seed} accuracy {onChip.Evaluation.Accuracy * 100:F2}% (loss {onChip.Evaluation.Loss:F5}); software {software.Accuracy * 100:F2}% (loss {software.Loss:F5})"));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"chip: {chip.ClippedWeights}/{chip.WeightCount} weights clipped, {chip.DelaysOutOfRange}/{chip.DelayCount} delays out of range, {onChip.LostSpikes} spikes lost, {onChip.ChipSeconds:F3} s chip time"));
            return Commands.Ok;
        });
        return command;
    }
}
