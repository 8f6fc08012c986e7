using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using CsCheck;
using Xunit.Abstractions;

namespace DelGrad.Tests.Cli;

/// <summary>
/// The bad-input campaign (issue 13), driven by CsCheck: mutations of a valid config, checkpoint (format 2, the
/// state only; and format 1, which carried its metrics), metrics.csv beside a format-2 checkpoint, model file and
/// reference vector file, each run through the CLI as a user would. Every case must end in exit 2 with one line
/// per problem naming its field, or in a correct result (exit 0; exit 1 = a vector check that fails, for mutated
/// expectations); never an unhandled exception, never a NaN or infinity written, never a file outside the case's folder.
/// Prints its counts (the README's "Bad input" section quotes them).
/// </summary>
public sealed partial class BadInputCampaign(ITestOutputHelper output) : IDisposable
{
    /// <summary>Cases per kind of file: 50, so the campaign stays a few seconds in CI; DELGRAD_BAD_INPUT_CASES runs a longer one.</summary>
    private static readonly int CasesPerKind = int.TryParse(Environment.GetEnvironmentVariable("DELGRAD_BAD_INPUT_CASES"), out int n) && n > 0 ? n : 50;

    private static readonly string[] NumberReplacements = ["-1", "0", "3", "5", "0.5", "1e-300", "1e155", "1e308", "-1e308", "2147483648", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "null", "\"x\"", "[]", "{}", "true"];
    private static readonly string[] StringReplacements = ["\"../../evil\"", "\"/tmp/delgrad-evil\"", "\"\"", "\"x\"", "1", "null", "\"NaN\""];

    private readonly string sandbox = Directory.CreateTempSubdirectory("delgrad-campaign-").FullName;
    private readonly ConcurrentDictionary<string, int> outcomes = new();
    private int cases;

    private enum FileKind
    {
        Config,
        Checkpoint,
        LegacyCheckpoint,
        Metrics,
        Model,
        Vectors,
    }

    private enum Mutation
    {
        ReplaceNumber,
        ReplaceString,
        Truncate,
        DeleteLine,
        DuplicateLine,
    }

    public void Dispose() => Directory.Delete(sandbox, recursive: true);

    [Fact]
    public void MutatedFilesGiveOneLineAndExit2OrACorrectResult()
    {
        string baseRun = Path.Combine(sandbox, "base");
        string config = Path.Combine(sandbox, "tiny.json");
        File.WriteAllText(config, BadInputTests.Tiny(epochs: 2));
        var trained = BadInputTests.Run("train", config, "--out", baseRun, "--threads", "1");
        Assert.True(trained.Code == 0, trained.Err);
        string vectors = File.ReadAllText(Path.Combine(Data.ReferenceFiles.RepositoryRoot(), "tests", "data", "reference", "equal_tau_bias_ttfs.json"));
        var originals = new Dictionary<FileKind, string>
        {
            [FileKind.Config] = File.ReadAllText(config),
            [FileKind.Checkpoint] = File.ReadAllText(Path.Combine(baseRun, "checkpoint.json")),
            [FileKind.LegacyCheckpoint] = FormatOne(baseRun),
            [FileKind.Metrics] = File.ReadAllText(Path.Combine(baseRun, "metrics.csv")),
            [FileKind.Model] = File.ReadAllText(Path.Combine(baseRun, "model.json")),
            [FileKind.Vectors] = vectors,
        };
        var outside = Snapshot(sandbox);

        var seconds = new Dictionary<FileKind, double>();
        foreach (var kind in Enum.GetValues<FileKind>())
        {
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            Gen.Select(Gen.Enum<Mutation>(), Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue])
                .Sample((mutation, where, what) => RunCase(kind, Mutate(originals[kind], mutation, where, what), baseRun), iter: CasesPerKind, threads: 1);
            seconds[kind] = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
        }

        Assert.Equal(outside, Snapshot(sandbox).Where(f => !f.StartsWith(Path.Combine(sandbox, "cases"), StringComparison.Ordinal)).ToHashSet());
        output.WriteLine($"bad-input campaign: {cases} cases ({string.Join(", ", seconds.Select(s => $"{s.Key} {s.Value:F1} s"))})");
        foreach (var (key, count) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {key}: {count}");
        }

        Assert.Equal(CasesPerKind * Enum.GetValues<FileKind>().Length, cases);
    }

    private void RunCase(FileKind kind, string text, string baseRun)
    {
        int n = Interlocked.Increment(ref cases);
        string dir = Path.Combine(sandbox, "cases", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        var placed = new Dictionary<string, string>();
        void Place(string path, string content)
        {
            File.WriteAllText(path, content);
            placed[path] = content;
        }

        string[] args;
        switch (kind)
        {
            case FileKind.Config:
                Place(Path.Combine(dir, "config-in.json"), text);
                args = ["train", Path.Combine(dir, "config-in.json"), "--out", Path.Combine(dir, "run"), "--threads", "1"];
                break;
            case FileKind.Checkpoint or FileKind.LegacyCheckpoint or FileKind.Metrics:
                string run = Path.Combine(dir, "run");
                Directory.CreateDirectory(run);
                foreach (var file in new[] { "config.json", "metrics.csv", "checkpoint.json" })
                {
                    bool mutated = file == (kind == FileKind.Metrics ? "metrics.csv" : "checkpoint.json");
                    Place(Path.Combine(run, file), mutated ? text : File.ReadAllText(Path.Combine(baseRun, file)));
                }

                args = ["resume", run, "--threads", "1"];
                break;
            case FileKind.Model:
                Place(Path.Combine(dir, "model.json"), text);
                args = ["eval", Path.Combine(dir, "model.json"), "--threads", "1"];
                break;
            default:
                Place(Path.Combine(dir, "vectors.json"), text);
                args = ["check-vectors", Path.Combine(dir, "vectors.json"), "--threads", "1"];
                break;
        }

        (int Code, string Out, string Err) result;
        try
        {
            result = BadInputTests.Run(args);
        }
        catch (Exception e)
        {
            Count(kind, "unhandled exception");
            throw new InvalidOperationException($"{kind} case {n}: unhandled {e.GetType().Name}: {e.Message}\n--- input ---\n{text}", e);
        }

        string outcome = result.Code switch
        {
            0 => "exit 0 (correct result)",
            1 when kind == FileKind.Vectors => "exit 1 (vector check failed, as the mutation demands)",
            2 => "exit 2 (rejected, one line per problem)",
            _ => $"exit {result.Code} (unexpected)",
        };
        Count(kind, outcome);
        Assert.True(result.Code is 0 or 2 || (result.Code == 1 && kind == FileKind.Vectors), $"{kind} case {n}: exit {result.Code}\n{result.Err}\n--- input ---\n{text}");
        if (result.Code == 2)
        {
            var lines = result.Err.TrimEnd().Split('\n');
            Assert.All(lines, line =>
            {
                Assert.Matches(ErrorLine(), line);
                Assert.DoesNotContain("   at ", line);
                Assert.DoesNotContain("Exception", line);
            });
            if (lines.Length > 1)
            {
                Count(kind, "exit 2 with several problems (one line each)");
            }
        }

        foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        {
            if (placed.TryGetValue(file, out string? content) && File.ReadAllText(file) == content)
            {
                continue; // the case's own input, unchanged
            }

            if (file.EndsWith(".json", StringComparison.Ordinal))
            {
                var written = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file)); // whole, not half-written
                Assert.False(HasNonFinite(written, null), $"{kind} case {n}: {file} holds NaN or Infinity\n--- input ---\n{text}");
            }
            else if (file.EndsWith(".csv", StringComparison.Ordinal))
            {
                Assert.False(NonFinite().IsMatch(File.ReadAllText(file)), $"{kind} case {n}: {file} holds NaN or Infinity\n--- input ---\n{text}");
            }
        }
    }

    // The base run's checkpoint as a run from before metrics.csv was append-only wrote it: format 1, its metrics inline.
    private static string FormatOne(string baseRun)
    {
        var rows = DelGrad.Serialization.MetricsLog.Read(File.ReadAllText(Path.Combine(baseRun, "metrics.csv")), "metrics.csv", 2, finished: true).ThrowIfFail();
        var c = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(baseRun, "checkpoint.json")))!.AsObject();
        c["format"] = "delgrad-checkpoint-1";
        c["metrics"] = new System.Text.Json.Nodes.JsonArray([.. rows.Metrics.Map(m => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonArray(m.Epoch, m.TrainLoss, m.TrainAccuracy, m.ValidationLoss, m.ValidationAccuracy, m.LearningRateFactor, m.Bumps))]);
        c["wall_seconds"] = new System.Text.Json.Nodes.JsonArray([.. rows.WallSeconds.Map(w => (System.Text.Json.Nodes.JsonNode)w)]);
        return c.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    private void Count(FileKind kind, string outcome) => outcomes.AddOrUpdate($"{kind}: {outcome}", 1, (_, c) => c + 1);

    private static string Mutate(string text, Mutation mutation, int where, int what)
    {
        switch (mutation)
        {
            case Mutation.ReplaceNumber or Mutation.ReplaceString:
                var tokens = (mutation == Mutation.ReplaceNumber ? NumberToken() : StringToken()).Matches(text);
                if (tokens.Count == 0)
                {
                    return text;
                }

                var token = tokens[where % tokens.Count];
                var pool = mutation == Mutation.ReplaceNumber ? NumberReplacements : StringReplacements;
                return text[..token.Index] + pool[what % pool.Length] + text[(token.Index + token.Length)..];
            case Mutation.Truncate:
                return text[..(where % text.Length)];
            default:
                var lines = text.Split('\n').ToList();
                int line = where % lines.Count;
                if (mutation == Mutation.DeleteLine)
                {
                    lines.RemoveAt(line);
                }
                else
                {
                    lines.Insert(line, lines[line]);
                }

                return string.Join('\n', lines);
        }
    }

    // Non-finite numbers are written as the strings "NaN", "Infinity", "-Infinity"; a run may be named "NaN".
    private static bool HasNonFinite(System.Text.Json.Nodes.JsonNode? node, string? key) => node switch
    {
        System.Text.Json.Nodes.JsonObject o => o.Any(p => HasNonFinite(p.Value, p.Key)),
        System.Text.Json.Nodes.JsonArray a => a.Any(x => HasNonFinite(x, key)),
        System.Text.Json.Nodes.JsonValue v when v.TryGetValue(out string? text) => key is not ("name" or "description") && text is "NaN" or "Infinity" or "-Infinity",
        _ => false,
    };

    private static HashSet<string> Snapshot(string dir) => Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories).ToHashSet();

    [GeneratedRegex(@"(?<![\w.""])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w.])")]
    private static partial Regex NumberToken();

    [GeneratedRegex(@"(?<=:\s*)""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringToken();

    [GeneratedRegex(@"(?<![A-Za-z])(NaN|-?Infinity)(?![A-Za-z])")]
    private static partial Regex NonFinite();

    // "error: " then the problem, naming a file or argument and what is wrong.
    [GeneratedRegex(@"^error: \S.*: \S")]
    private static partial Regex ErrorLine();
}
