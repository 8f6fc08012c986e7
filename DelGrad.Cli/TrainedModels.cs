using System.CommandLine;
using DelGrad.Effects.Runtimes;
using DelGrad.Effects.Traits;
using DelGrad.Effects.Training;
using DelGrad.Model;
using DelGrad.Serialization;
using DelGrad.Training;

namespace DelGrad.Cli;

/// <summary>What <c>eval</c> and <c>eval-chip</c> share: reading a trained model and choosing the split to run it on.</summary>
internal static class TrainedModels
{
    /// <summary>The <c>--split</c> option: train, validation or test (default).</summary>
    public static Option<string> SplitOption()
    {
        var split = new Option<string>("--split") { HelpName = "SPLIT", Description = "Which split to evaluate.", DefaultValueFactory = _ => "test" };
        split.AcceptOnlyFromAmong("train", "validation", "test");
        return split;
    }

    /// <summary>The model of a run directory (its model.json) or of a model file; one line naming the file when there is none or it is broken.</summary>
    public static (ExperimentConfig Config, NetworkParameters Parameters) Read(LiveRuntime runtime, string path)
    {
        string model = Commands.Exists(runtime, Files<LiveRuntime>.DirectoryExists(path)) ? Path.Combine(path, RunFiles.Model) : path;
        if (!Commands.Exists(runtime, Files<LiveRuntime>.FileExists(model)))
        {
            throw new CliException($"{model}: no model file (train the run to the end first)");
        }

        return CheckpointFormat.ReadModel(Commands.Read(runtime, model), model).Match(m => m, e => throw new CliException(e.Message));
    }

    /// <summary>The named split of the config's data.</summary>
    public static DataSplit Split(LiveRuntime runtime, ExperimentConfig config, string name)
    {
        var splits = Effects.Data.DataSets<LiveRuntime>.Load(config.Data).Run(runtime).Match(s => s, e => throw new CliException(e.Message));
        return name switch { "train" => splits.Train, "validation" => splits.Validation, _ => splits.Test };
    }
}
