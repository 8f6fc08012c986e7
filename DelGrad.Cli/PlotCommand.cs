using System.CommandLine;
using System.Globalization;
using DelGrad.Effects.Runtimes;
using DelGrad.Effects.Traits;
using DelGrad.Effects.Training;
using DelGrad.Plots;
using DelGrad.Serialization;
using DelGrad.Training;

namespace DelGrad.Cli;

/// <summary>
/// <c>plot RUN [--view ...] [--sample N] [--neurons L:J,...] [--format png|svg] [--out DIR]</c>: draws views of a
/// trained run from its model.json (and checkpoint.json for the learning curves), evaluating the test split again.
/// </summary>
internal static class PlotCommand
{
    public static Command Create(LiveRuntime runtime, TextWriter stdout)
    {
        var run = new Argument<string>("run-dir") { Description = "A run directory written by 'delgrad train' (its model.json, and checkpoint.json for loss and accuracy)." };
        var views = new Option<string>("--view") { HelpName = "VIEWS", Description = $"Comma-separated views: {string.Join(", ", PlotViews.All.Select(v => v.Name()))}, or all.", DefaultValueFactory = _ => "all" };
        var sample = new Option<int>("--sample") { HelpName = "N", Description = "Test sample shown by the raster and membrane views (from 0).", DefaultValueFactory = _ => 0 };
        var neurons = new Option<string?>("--neurons") { HelpName = "L:J,...", Description = "Neurons of the membrane view: neuron layer L (from 1; the last is the label layer) and neuron J (from 0), e.g. 1:0,1:5,2:1. Default: every label neuron." };
        var format = new Option<string>("--format") { HelpName = "FORMAT", Description = "png (rendered at 2x) or svg.", DefaultValueFactory = _ => "png" };
        format.AcceptOnlyFromAmong("png", "svg");
        var output = new Option<string?>("--out") { HelpName = "DIR", Description = "Where the plots go (created when missing; default: the run directory)." };
        var command = new Command("plot", "Draw views of a trained run: learning curves, test set, decision map, confusion matrix, parameter histograms, a sample's spike raster and exact membrane traces.") { run, views, sample, neurons, format, output };
        command.SetAction(parse =>
        {
            string dir = parse.GetValue(run)!;
            var chosen = ParseViews(parse.GetValue(views)!);
            var (config, parameters) = TrainedModels.Read(runtime, dir);
            var trainer = new Trainer(config, 1);
            var split = TrainedModels.Split(runtime, config, "test"); // the config's data set (Yin-Yang or MNIST from the cache)
            int index = parse.GetValue(sample);
            if (index < 0 || index >= split.Count)
            {
                throw new CliException(string.Create(CultureInfo.InvariantCulture, $"--sample: {index} is not a test sample (0..{split.Count - 1})"));
            }

            var membrane = ParseNeurons(parse.GetValue(neurons), trainer.Network.NeuronLayerSizes);
            var results = new RunResults(config, Metrics(runtime, dir, config, trainer.Network.ParameterCount), trainer.Evaluate(parameters, split), split, parameters, trainer.Network);
            var plotFormat = parse.GetValue(format) == "svg" ? PlotFormat.Svg : PlotFormat.Png;
            string outDir = parse.GetValue(output) ?? dir;
            try
            {
                Directory.CreateDirectory(outDir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"--out: cannot create {outDir}: {e.Message}");
            }

            var drawn = RunPlots.Draw(results, chosen, index, membrane);
            foreach (var (name, figure) in drawn)
            {
                string path = Path.Combine(outDir, name + plotFormat.Extension());
                Commands.Write(runtime, path, figure.Encode(plotFormat));
                stdout.WriteLine($"wrote {path}");
            }

            foreach (var skipped in chosen.Distinct().Where(v => drawn.All(d => d.Name != v.Name())))
            {
                stdout.WriteLine($"no {skipped.Name()} plot: it does not apply to this run (its data set or network has none)");
            }

            return Commands.Ok;
        });
        return command;
    }

    /// <summary>The views a comma-separated list names ("all" for every one); a clear line naming --view otherwise.</summary>
    internal static IReadOnlyList<PlotView> ParseViews(string text)
    {
        var views = new List<PlotView>();
        foreach (var word in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (word == "all")
            {
                views.AddRange(PlotViews.All);
            }
            else
            {
                views.Add(PlotViews.Parse(word) ?? throw new CliException($"--view: unknown view '{word}' (expected {string.Join(", ", PlotViews.All.Select(v => v.Name()))} or all)"));
            }
        }

        return views.Count > 0 ? views : throw new CliException("--view: no view given");
    }

    /// <summary>
    /// "L:J,..." with neuron layer L from 1 and neuron J from 0, as (layer from 0, neuron) pairs; null for none.
    /// A clear line naming --neurons when one is malformed or not in the network.
    /// </summary>
    internal static IReadOnlyList<(int Layer, int Neuron)>? ParseNeurons(string? text, IReadOnlyList<int> layerSizes)
    {
        if (text is null)
        {
            return null;
        }

        var list = new List<(int, int)>();
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split(':');
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int layer) || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int neuron))
            {
                throw new CliException($"--neurons: '{item}' is not LAYER:NEURON (e.g. 1:0)");
            }

            if (layer < 1 || layer > layerSizes.Count || neuron >= layerSizes[layer - 1])
            {
                throw new CliException(string.Create(CultureInfo.InvariantCulture, $"--neurons: '{item}' is not in the network (layers 1..{layerSizes.Count} with {string.Join(", ", layerSizes)} neurons)"));
            }

            list.Add((layer - 1, neuron));
        }

        return list.Count > 0 ? list : throw new CliException("--neurons: no neuron given");
    }

    // The learning curves come from the run's checkpoint and metrics (validated as resume does); a bare model file has none.
    private static LanguageExt.Seq<EpochMetrics> Metrics(LiveRuntime runtime, string dir, ExperimentConfig config, int parameterCount) =>
        Commands.Exists(runtime, Files<LiveRuntime>.DirectoryExists(dir))
            ? RunCheckpoint<LiveRuntime>.Load(dir, config, parameterCount).Run(runtime).Match(c => c.Match(x => x.Metrics, () => default), e => throw new CliException(e.Message))
            : default;
}
