using System.Text.Json;

namespace DelGrad.Tests.Data;

/// Locates the shared reference vectors (../shared/reference relative to the repository root).
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

    public static string Directory => Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "reference"));

    public static string PathOf(string name) =>
        Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "reference", name));

    private static readonly Lazy<JsonDocument> YinYangDoc =
        new(() => JsonDocument.Parse(File.ReadAllBytes(PathOf("yinyang.json"))));

    public static JsonElement YinYang => YinYangDoc.Value.RootElement;
}
