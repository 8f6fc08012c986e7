using System.Reflection;
using DelGrad.Tests.Data;

namespace DelGrad.Tests.Docs;

/// <summary>
/// The tutorials (docs/tutorials/NN-*.md) quote their programs (samples/TutorialN.*): every C# block of a tutorial, and
/// the README's library example, is a run of lines of the program, and each program runs to the end here (briefly), so
/// the documents cannot drift from code that compiles and works.
/// </summary>
[Collection(nameof(TutorialTests))] // the programs write to the console; one at a time
public class TutorialTests
{
    public static TheoryData<int, string, string[]> Programs() => new()
    {
        { 1, "Tutorial1.YinYang", ["3", "{dir}"] },
        { 2, "Tutorial2.OwnData", ["3", "{dir}"] },
        { 3, "Tutorial3.Compiled", ["2"] },
        { 4, "Tutorial4.Chip", ["1"] },
        { 5, "Tutorial5.Gradients", ["60"] },
    };

    [Theory]
    [MemberData(nameof(Programs))]
    public void TheTutorialsProgramRuns(int number, string project, string[] args)
    {
        string dir = Path.Combine(Path.GetTempPath(), "delgrad-tutorial-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var entry = Assembly.Load(project).EntryPoint!;
            object? result = entry.Invoke(null, [args.Select(a => a.Replace("{dir}", dir, StringComparison.Ordinal)).ToArray()]);
            Assert.True(result is null or 0, $"tutorial {number} exited with {result}");
            if (number == 1)
            {
                Assert.True(File.Exists(Path.Combine(dir, "model.json")));
                Assert.True(File.Exists(Path.Combine(dir, "accuracy.png")));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void TheTutorialQuotesItsProgram(int number, string project, string[] args)
    {
        _ = args;
        string root = ReferenceFiles.RepositoryRoot();
        string document = Assert.Single(Directory.GetFiles(Path.Combine(root, "docs", "tutorials"), $"{number:D2}-*.md"));
        string text = File.ReadAllText(document);
        Assert.Contains($"samples/{project}", text, StringComparison.Ordinal);
        var blocks = CodeBlocks(text, "csharp");
        Assert.NotEmpty(blocks);
        var sources = SourceLines(Path.Combine(root, "samples", project));
        foreach (var block in blocks)
        {
            Assert.True(IsQuoted(block, sources), $"{Path.GetFileName(document)}: this block is not in samples/{project}:\n{string.Join("\n", block)}");
        }
    }

    [Fact]
    public void TheReadmesLibraryExampleIsTutorialOnesProgram()
    {
        string root = ReferenceFiles.RepositoryRoot();
        string readme = File.ReadAllText(Path.Combine(root, "README.md")).Replace("\r", "", StringComparison.Ordinal);
        int start = readme.IndexOf("## Library example", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no Library example section");
        int end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var block = Assert.Single(CodeBlocks(readme[start..end], "csharp"));
        var program = SourceLines(Path.Combine(root, "samples", "Tutorial1.YinYang"));
        Assert.True(IsQuoted(block, program), "the README's library example is not samples/Tutorial1.YinYang/Program.cs");
        Assert.Contains(block, l => l.StartsWith("using ", StringComparison.Ordinal)); // complete: it compiles as pasted
    }

    [Fact]
    public void ThePackageReadmeIsForPackageUsers()
    {
        string root = ReferenceFiles.RepositoryRoot();
        string readme = File.ReadAllText(Path.Combine(root, "docs", "package-README.md"));
        var block = CodeBlocks(readme, "csharp").First();
        Assert.True(IsQuoted(block, SourceLines(Path.Combine(root, "samples", "Tutorial1.YinYang"))), "the package README's example is not tutorial 1's program");

        // A package page has no repository around it: links are absolute, and nothing speaks of the repository's work.
        foreach (System.Text.RegularExpressions.Match link in System.Text.RegularExpressions.Regex.Matches(readme, @"\]\(([^)]*)\)"))
        {
            Assert.StartsWith("https://", link.Groups[1].Value, StringComparison.Ordinal);
        }

        foreach (string word in new[] { "dotnet test", "../", "the issue", "shared/" })
        {
            Assert.DoesNotContain(word, readme, StringComparison.OrdinalIgnoreCase);
        }
    }

    internal static List<string[]> CodeBlocks(string markdown, string language)
    {
        var blocks = new List<string[]>();
        var lines = markdown.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() == "```" + language)
            {
                int close = Array.FindIndex(lines, i + 1, l => l.Trim() == "```");
                Assert.True(close > i, $"unclosed ```{language} block at line {i + 1}");
                blocks.Add(lines[(i + 1)..close]);
                i = close;
            }
        }

        return blocks;
    }

    private static List<string[]> SourceLines(string folder) =>
        [.. Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => File.ReadAllText(f).Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()).ToArray())];

    // A block is quoted when its lines (ignoring trailing blanks) appear, in order and contiguous, in one source file.
    private static bool IsQuoted(string[] block, List<string[]> sources)
    {
        var wanted = block.Select(l => l.TrimEnd()).ToArray();
        return sources.Any(file => Enumerable.Range(0, Math.Max(0, file.Length - wanted.Length + 1)).Any(at => file.AsSpan(at, wanted.Length).SequenceEqual(wanted)));
    }
}
