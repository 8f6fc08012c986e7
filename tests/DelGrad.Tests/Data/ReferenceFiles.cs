using System.Text.Json;

namespace DelGrad.Tests.Data;

/// Locates the reference vectors the repository carries (tests/data/reference; its README says where they come from).
internal static class ReferenceFiles
{
    public static string RepositoryRoot()
    {
        var dir = new System.IO.DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DelGradFunctional.sln")))
            {
                return dir.FullName;
            }
            dir = dir.Parent;
        }
        throw new InvalidOperationException("DelGradFunctional.sln not found above " + AppContext.BaseDirectory);
    }

    public static string Directory => Path.Combine(RepositoryRoot(), "tests", "data", "reference");

    public static string PathOf(string name) => Path.Combine(Directory, name);

    /// The network vector files (forward, loss, gradients), in name order: every file but the data-set records.
    public static IEnumerable<string> NetworkVectorNames =>
        System.IO.Directory.GetFiles(Directory, "*.json").Select(Path.GetFileName).OfType<string>()
            .Where(f => f is not ("yinyang.json" or "mnist.json")).Order(StringComparer.Ordinal);

    private static readonly Lazy<JsonDocument> YinYangDoc =
        new(() => JsonDocument.Parse(File.ReadAllBytes(PathOf("yinyang.json"))));

    public static JsonElement YinYang => YinYangDoc.Value.RootElement;
}
