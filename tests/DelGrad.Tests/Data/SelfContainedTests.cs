using System.Text.RegularExpressions;

namespace DelGrad.Tests.Data;

/// <summary>
/// A user's clone has nothing beside it: no code, test, script or build file may name a folder outside the
/// repository (such as the team's shared reference folder), and the data the tests read must be in the repository.
/// </summary>
public class SelfContainedTests
{
    // Built from parts so that this file does not match itself.
    private static readonly string Shared = string.Concat("sha", "red");
    private static readonly Regex OutsideReference = new(@"\.\./" + Shared + @"|""\.\.""\s*,\s*""" + Shared + @"""", RegexOptions.Compiled);

    [Fact]
    public void NoSourceNamesTheSharedFolderBesideTheRepository()
    {
        string root = ReferenceFiles.RepositoryRoot();
        string[] endings = [".cs", ".sh", ".csproj", ".props", ".targets", ".fsx"];
        var offenders = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") &&
                        !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") &&
                        !f.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}"))
            .Where(f => endings.Contains(Path.GetExtension(f)) || Path.GetFileName(f) == "run")
            .Where(f => OutsideReference.IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(root, f))
            .ToList();
        Assert.True(offenders.Count == 0, "reads outside the repository: " + string.Join(", ", offenders));
    }

    [Fact]
    public void ReferenceDataLivesInTheRepositoryWithItsOrigin()
    {
        Assert.StartsWith(ReferenceFiles.RepositoryRoot(), Path.GetFullPath(ReferenceFiles.Directory), StringComparison.Ordinal);
        Assert.Equal(7, ReferenceFiles.NetworkVectorNames.Count());
        Assert.True(File.Exists(ReferenceFiles.PathOf("yinyang.json")));
        Assert.Contains("copied here unchanged", File.ReadAllText(ReferenceFiles.PathOf("README.md")), StringComparison.Ordinal);
    }
}
