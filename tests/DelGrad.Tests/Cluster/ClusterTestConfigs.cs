using DelGrad.Serialization;
using DelGrad.Training;

namespace DelGrad.Tests.Cluster;

/// <summary>Two shipped configs, with few epochs, as a grid's resolved configs.</summary>
internal static class ClusterTestConfigs
{
    public static ExperimentConfig Read(string name, int epochs = 3)
    {
        string file = Path.Combine(Data.ReferenceFiles.RepositoryRoot(), "configs", name + ".json");
        var config = ConfigReader.Parse(File.ReadAllText(file), file).ThrowIfFail();
        return config with { Training = config.Training with { Epochs = epochs } };
    }

    public static IReadOnlyList<ExperimentConfig> Two => [Read("yinyang-h5-ws"), Read("yinyang-h30-ws")];
}
