using System.CommandLine;
using System.Globalization;
using DelGrad.Cluster;
using DelGrad.Effects.Runtimes;
using DelGrad.Effects.Traits;
using DelGrad.Effects.Training;
using DelGrad.Reporting;
using DelGrad.Serialization;
using DelGrad.Training;

namespace DelGrad.Cli;

/// <summary><c>train</c>, <c>resume</c> and <c>eval</c>.</summary>
internal static class TrainCommands
{
    public static Command Train(LiveRuntime runtime, TextWriter stdout, TextWriter stderr)
    {
        var config = new Argument<string[]>("config") { Description = $"A config file, or a built-in name ({string.Join(", ", BuiltInConfigs.Names)}); with --seeds several. Default: {BuiltInConfigs.Default}.", Arity = ArgumentArity.ZeroOrMore };
        var epochs = new Option<int?>("--epochs") { HelpName = "N", Description = "Override the config's number of epochs." };
        var seed = new Option<int?>("--seed") { HelpName = "S", Description = "Override the config's seed (initialisation and shuffling)." };
        var seeds = new Option<string?>("--seeds") { HelpName = "LIST", Description = "Train one run per config and seed (e.g. 0-4 or 0,3,7) into <out>/<name>-seed<S>, then print their table and write <out>/runs.csv; running it again keeps finished seeds and resumes an interrupted one. With --slurm: a Slurm job array instead." };
        var threads = ThreadsOption();
        var output = new Option<string?>("--out") { HelpName = "DIR", Description = "Run directory (default: runs/<name>-seed<S>-<time>)." };
        var kernel = new Option<string?>("--kernel") { HelpName = "KERNEL", Description = "Override the config's kernel: 'compiled' (a network compiled at build time when one matches, else the runtime one) or 'runtime'." };
        kernel.AcceptOnlyFromAmong("compiled", "runtime");
        var runsOnly = new Option<bool>("--runs-only") { Description = "With --seeds: train the runs only, without reading them back or writing runs.csv (what a Slurm array task runs; 'report' writes the table)." };
        var slurm = new SlurmArguments();
        var command = new Command("train", "Train a network on its config's data set (Yin-Yang, MNIST, 16x16 MNIST), in software or chip-in-the-loop on the emulated BrainScaleS-2; writes config, metrics, checkpoints, model, summary and plots to a run directory.") { config, epochs, seed, seeds, threads, output, kernel, runsOnly };
        slurm.AddTo(command);
        command.SetAction(parse =>
        {
            var names = parse.GetValue(config) is { Length: > 0 } given ? given : [BuiltInConfigs.Default];
            if (names.Length > 1 && parse.GetValue(seeds) is null)
            {
                throw new CliException("config: several configs need --seeds LIST");
            }

            var all = names.Select(name => Override(runtime, name, parse.GetValue(epochs), parse.GetValue(seed), parse.GetValue(kernel))).ToArray();
            if (all.Select(c => c.Name).Distinct().Count() < all.Length)
            {
                throw new CliException("config: two configs have the same name (their runs would share directories)");
            }

            var slurmOptions = slurm.Options(parse);
            int n = CheckThreads(parse.GetValue(threads));
            if (parse.GetValue(seeds) is string list)
            {
                if (parse.GetValue(seed) is not null)
                {
                    throw new CliException("--seed and --seeds: give one of them");
                }

                int[] seedList = SeedList.Parse(list).Match(x => x, e => throw new CliException("--seeds: " + e.Message));
                string outDir = parse.GetValue(output) ?? RunPaths.DefaultSeedsDirectory(string.Join("+", all.Select(c => c.Name)), SeedList.Format(seedList).Replace(", ", "_", StringComparison.Ordinal), Commands.Now(runtime));
                if (parse.GetValue(runsOnly))
                {
                    // A Slurm array task: tasks of one grid share the folder, so each locks only the runs it trains.
                    var runLocks = all.SelectMany(c => seedList.Select(s => Commands.Lock(RunPaths.SeedRunDirectory(outDir, c.Name, s)))).ToList();
                    try
                    {
                        return Commands.RunEffect(SeedRuns<LiveRuntime>.Train(all, seedList, outDir, n), runtime, stderr);
                    }
                    finally
                    {
                        runLocks.ForEach(l => l.Dispose());
                    }
                }

                using var seedsLock = Commands.Lock(outDir);
                if (slurm.Requested(parse))
                {
                    return SlurmSubmit.Run(all, seedList, Path.GetFullPath(outDir), slurmOptions, slurm.DryRun(parse), runtime, stdout, stderr);
                }

                return Commands.RunEffect(SeedRuns<LiveRuntime>.Run(all, seedList, outDir, n), runtime, stderr, runs =>
                {
                    stdout.Write(RunTable.Markdown(RunTable.Group(runs)));
                    stdout.WriteLine($"one row per run in {Path.Combine(outDir, RunFiles.RunsCsv)}");
                });
            }

            if (slurm.Requested(parse) || parse.GetValue(runsOnly))
            {
                throw new CliException("--slurm and --runs-only: only with --seeds LIST");
            }

            var parsed = all[0];
            string dir = parse.GetValue(output) ?? RunPaths.DefaultRunDirectory(parsed.Name, parsed.Training.Seed, Commands.Now(runtime));
            using var runLock = Commands.Lock(dir);
            return Commands.RunEffect(TrainingRun<LiveRuntime>.Start(parsed, dir, n), runtime, stderr);
        });
        return command;
    }

    // A config read and its --epochs, --seed and --kernel applied: what a run trains.
    private static ExperimentConfig Override(LiveRuntime runtime, string name, int? epochs, int? seed, string? kernel)
    {
        var (text, file) = BuiltInConfigs.Resolve(runtime, name);
        var parsed = ConfigReader.Parse(text, file).Match(c => c, e => throw new CliException(e.Message));
        var t = parsed.Training;
        if (epochs is int e)
        {
            t = e >= 0 ? t with { Epochs = e } : throw new CliException($"--epochs: must be at least 0, got {e}");
        }

        if (seed is int s)
        {
            t = s >= 0 ? t with { Seed = s } : throw new CliException($"--seed: must be at least 0, got {s}");
        }

        if (kernel is string k)
        {
            t = t with { Kernel = k == "runtime" ? KernelChoice.Runtime : KernelChoice.Compiled };
        }

        return parsed with { Training = t };
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
            if (!Commands.Exists(runtime, Files<LiveRuntime>.DirectoryExists(runDir)))
            {
                throw new CliException($"{runDir}: no such run directory");
            }

            if (parse.GetValue(epochs) is int e && e < 0)
            {
                throw new CliException($"--epochs: must be at least 0, got {e}");
            }

            using var runLock = Commands.Lock(runDir);
            return Commands.RunEffect(TrainingRun<LiveRuntime>.Resume(runDir, CheckThreads(parse.GetValue(threads)), parse.GetValue(epochs)), runtime, stderr);
        });
        return command;
    }

    public static Command Eval(LiveRuntime runtime, TextWriter stdout, TextWriter stderr)
    {
        var dir = new Argument<string>("run-dir") { Description = "A run directory (or a model.json file)." };
        var split = TrainedModels.SplitOption();
        var threads = ThreadsOption();
        var command = new Command("eval", "Evaluate a trained model: accuracy, loss and confusion matrix on a split of its data set (Yin-Yang or MNIST).") { dir, split, threads };
        command.SetAction(parse =>
        {
            var (config, parameters) = TrainedModels.Read(runtime, parse.GetValue(dir)!);
            var data = TrainedModels.Split(runtime, config, parse.GetValue(split)!);
            var result = new Trainer(config, CheckThreads(parse.GetValue(threads))).Evaluate(parameters, data);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{config.Name} on {parse.GetValue(split)} ({data.Count} samples): accuracy {result.Accuracy * 100:F2}%, loss {result.Loss:F5}"));
            stdout.WriteLine(config.Data.IsYinYang ? "confusion (rows: true yin/yang/dot; columns: predicted yin/yang/dot/silent):" : "confusion (rows: true digit 0-9; columns: predicted digit 0-9, then silent):");
            for (int r = 0; r < result.Confusion.GetLength(0); r++)
            {
                stdout.WriteLine("  " + string.Join(" ", Enumerable.Range(0, result.Confusion.GetLength(1)).Select(c => result.Confusion[r, c].ToString(CultureInfo.InvariantCulture).PadLeft(6))));
            }

            return Commands.Ok;
        });
        return command;
    }

    internal static Option<int?> ThreadsOption() => new("--threads") { HelpName = "T", Description = "Worker threads; results are identical for any count (default: all cores)." };

    /// <summary>Most worker threads accepted (each holds a network's buffers).</summary>
    internal const int MaxThreads = 1024;

    internal static int CheckThreads(int? threads) => threads switch
    {
        null => Environment.ProcessorCount,
        < 1 or > MaxThreads => throw new CliException($"--threads: must be between 1 and {MaxThreads}, got {threads}"),
        int t => t,
    };
}
