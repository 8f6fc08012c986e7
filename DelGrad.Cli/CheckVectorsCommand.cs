using System.CommandLine;
using System.Globalization;
using DelGrad.Effects.Runtimes;
using DelGrad.Effects.Traits;
using DelGrad.Specs;
using DelGrad.Verification;

namespace DelGrad.Cli;

/// <summary><c>delgrad check-vectors FILE...</c>: compare our results with reference vector files.</summary>
internal static class CheckVectorsCommand
{
    public static Command Create(LiveRuntime runtime, TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("files") { Description = "Reference vector files (the format of tests/data/reference/*.json).", Arity = ArgumentArity.OneOrMore };
        var threads = TrainCommands.ThreadsOption();
        var command = new Command("check-vectors", "Run each file's network on its batch and compare spike pattern, times, loss and gradients with the recorded reference (exit 0 within tolerance, 1 outside, 2 unreadable).")
        {
            files,
            threads,
        };
        command.SetAction(parse => Run(runtime, parse.GetValue(files) ?? [], TrainCommands.CheckThreads(parse.GetValue(threads)), stdout, stderr));
        return command;
    }

    public static int Run(LiveRuntime runtime, string[] files, int threads, TextWriter stdout, TextWriter stderr)
    {
        if (threads < 1 || threads > TrainCommands.MaxThreads)
        {
            stderr.WriteLine($"error: --threads: must be between 1 and {TrainCommands.MaxThreads}, got {threads}");
            return Commands.BadInput;
        }

        int worst = Commands.Ok;
        foreach (var file in files)
        {
            var parsed = Files<LiveRuntime>.ReadAllText(file).Run(runtime).Bind(text => ReferenceVectorFile.Parse(text, file));
            if (parsed.IsFail)
            {
                Commands.WriteError(stderr, parsed.Match(_ => "", e => e.Message));
                worst = Commands.BadInput;
                continue;
            }

            var c = ReferenceComparison.Run(parsed.ThrowIfFail(), threads);
            stdout.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{file}: spike mismatches {c.SpikeMismatches}, max time deviation {c.MaxTimeDeviation:E2} (tol {ReferenceComparison.TimeTolerance:E0}), loss {c.Loss:R} deviation {c.LossRelativeDeviation:E2} relative (tol {ReferenceComparison.LossTolerance:E0}), max gradient deviation {c.MaxGradientDeviation:E2} = {c.MaxGradientExcess:F3} x tolerance -> {(c.WithinTolerance ? "OK" : "FAIL")}"));
            if (!c.WithinTolerance && worst == Commands.Ok)
            {
                worst = Commands.CheckFailed;
            }
        }

        return worst;
    }
}
