using System.CommandLine;
using System.Globalization;
using DelGrad.Effects.Runtimes;
using DelGrad.Effects.Training;
using DelGrad.Serialization;
using DelGrad.Training;

namespace DelGrad.Cli;

/// <summary><c>train</c>, <c>resume</c> and <c>eval</c>.</summary>
internal static class TrainCommands
{
    public static Command Train(LiveRuntime runtime, TextWriter stdout, TextWriter stderr)
    {
        var config = new Argument<string?>("config") { Description = $"A config file, or a built-in name ({string.Join(", ", BuiltInConfigs.Names)}). Default: {BuiltInConfigs.Default}.", Arity = ArgumentArity.ZeroOrOne };
        var epochs = new Option<int?>("--epochs") { HelpName = "N", Description = "Override the config's number of epochs." };
        var seed = new Option<int?>("--seed") { HelpName = "S", Description = "Override the config's seed (initialisation and shuffling)." };
        var seeds = new Option<string?>("--seeds") { HelpName = "LIST", Description = "Train one run per seed (e.g. 0-4 or 0,3,7) into <out>/<name>-seed<S>, then print their table and write <out>/runs.csv; running it again keeps finished seeds and resumes an interrupted one." };
        var threads = ThreadsOption();
        var output = new Option<string?>("--out") { HelpName = "DIR", Description = "Run directory (default: runs/<name>-seed<S>-<time>)." };
        var kernel = new Option<string?>("--kernel") { HelpName = "KERNEL", Description = "Override the config's kernel: 'compiled' (a network compiled at build time when one matches, else the runtime one) or 'runtime'." };
        kernel.AcceptOnlyFromAmong("compiled", "runtime");
        var command = new Command("train", "Train a network on Yin-Yang; writes config, metrics, checkpoints, model, summary and plots to a run directory.") { config, epochs, seed, seeds, threads, output, kernel };
        command.SetAction(parse =>
        {
            var (text, file) = BuiltInConfigs.Resolve(runtime, parse.GetValue(config));
            var parsed = ConfigReader.Parse(text, file).Match(c => c, e => throw new CliException(e.Message));
            var t = parsed.Training;
            if (parse.GetValue(epochs) is int e)
            {
                t = e >= 0 ? t with { Epochs = e } : throw new CliException($"--epochs: must be at least 0, got {e}");
            }

            if (parse.GetValue(seed) is int s)
            {
                t = s >= 0 ? t with { Seed = s } : throw new CliException($"--seed: must be at least 0, got {s}");
            }

            if (parse.GetValue(kernel) is string k)
            {
                t = t with { Kernel = k == "runtime" ? KernelChoice.Runtime : KernelChoice.Compiled };
            }

            parsed = parsed with { Training = t };
            int n = CheckThreads(parse.GetValue(threads));
            if (parse.GetValue(seeds) is string list)
            {
                if (parse.GetValue(seed) is not null)
                {
                    throw new CliException("--seed and --seeds: give one of them");
                }

                int[] all = SeedList.Parse(list).Match(x => x, e => throw new CliException("--seeds: " + e.Message));
                string outDir = parse.GetValue(output) ?? Path.Combine("runs", string.Create(CultureInfo.InvariantCulture, $"{parsed.Name}-seeds{RunTable.SeedRanges(all).Replace(", ", "_", StringComparison.Ordinal)}-{RunNames.Stamp(runtime)}"));
                return Commands.RunEffect(SeedRuns<LiveRuntime>.Run(parsed, all, outDir, n), runtime, stderr, runs =>
                {
                    stdout.Write(RunTable.Markdown(RunTable.Group(runs)));
                    stdout.WriteLine($"one row per run in {Path.Combine(outDir, RunFiles.RunsCsv)}");
                });
            }

            string dir = parse.GetValue(output) ?? Path.Combine("runs", string.Create(CultureInfo.InvariantCulture, $"{parsed.Name}-seed{t.Seed}-{RunNames.Stamp(runtime)}"));
            return Commands.RunEffect(TrainingRun<LiveRuntime>.Start(parsed, dir, n), runtime, stderr);
        });
        return command;
    }

    public static Command Resume(LiveRuntime runtime, TextWriter stderr)
    {
        var dir = new Argument<string>("run-dir") { Description = "A run directory written by 'delgrad train'." };
        var epochs = new Option<int?>("--epochs") { HelpName = "N", Description = "Train up to this many epochs in total (default: the config's)." };
        var threads = ThreadsOption();
        var command = new Command("resume", "Continue an interrupted (or finished) run from its last checkpoint; the result is bit-identical to an uninterrupted run.") { dir, epochs, threads };
        command.SetAction(parse =>
        {
            string runDir = parse.GetValue(dir)!;
            if (!Directory.Exists(runDir))
            {
                throw new CliException($"{runDir}: no such run directory");
            }

            if (parse.GetValue(epochs) is int e && e < 0)
            {
                throw new CliException($"--epochs: must be at least 0, got {e}");
            }

            return Commands.RunEffect(TrainingRun<LiveRuntime>.Resume(runDir, CheckThreads(parse.GetValue(threads)), parse.GetValue(epochs)), runtime, stderr);
        });
        return command;
    }

    public static Command Eval(LiveRuntime runtime, TextWriter stdout, TextWriter stderr)
    {
        var dir = new Argument<string>("run-dir") { Description = "A run directory (or a model.json file)." };
        var split = TrainedModels.SplitOption();
        var threads = ThreadsOption();
        var command = new Command("eval", "Evaluate a trained model: accuracy, loss and confusion matrix on a Yin-Yang split.") { dir, split, threads };
        command.SetAction(parse =>
        {
            var (config, parameters) = TrainedModels.Read(runtime, parse.GetValue(dir)!);
            var data = TrainedModels.Split(config, parse.GetValue(split)!);
            var result = new Trainer(config, CheckThreads(parse.GetValue(threads))).Evaluate(parameters, data);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{config.Name} on {parse.GetValue(split)} ({data.Count} samples): accuracy {result.Accuracy * 100:F2}%, loss {result.Loss:F5}"));
            stdout.WriteLine("confusion (rows: true yin/yang/dot; columns: predicted yin/yang/dot/silent):");
            for (int r = 0; r < result.Confusion.GetLength(0); r++)
            {
                stdout.WriteLine("  " + string.Join(" ", Enumerable.Range(0, result.Confusion.GetLength(1)).Select(c => result.Confusion[r, c].ToString(CultureInfo.InvariantCulture).PadLeft(6))));
            }

            return Commands.Ok;
        });
        return command;
    }

    internal static Option<int?> ThreadsOption() => new("--threads") { HelpName = "T", Description = "Worker threads; results are identical for any count (default: all cores)." };

    internal static int CheckThreads(int? threads) => threads switch
    {
        null => Environment.ProcessorCount,
        < 1 => throw new CliException($"--threads: must be at least 1, got {threads}"),
        int t => t,
    };
}
