using System.Text.Json.Nodes;
using DelGrad.Cli;
using DelGrad.Tests.Data;

namespace DelGrad.Tests.Cli;

/// <summary><c>delgrad sweep</c> end to end: files, exit codes and one-line errors.</summary>
public sealed class SweepCliTests : IDisposable
{
    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("delgrad-sweep-tests-");

    public void Dispose() => temp.Delete(recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Commands.Run(args, stdout, stderr);
        string err = stderr.ToString();
        Assert.DoesNotContain("   at ", err);
        Assert.DoesNotContain("Exception", err);
        return (code, stdout.ToString(), err);
    }

    private string SmallConfig()
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(ReferenceFiles.RepositoryRoot(), "configs", "yinyang-bss2-w.json")))!;
        node["data"]!["train"]!["size"] = 200;
        node["data"]!["validation"]!["size"] = 50;
        node["data"]!["test"]!["size"] = 100;
        string path = Path.Combine(temp.FullName, "small.json");
        File.WriteAllText(path, node.ToJsonString());
        return path;
    }

    [Fact]
    public void ASweepWritesOneCsvRowPerValueAndSeedAndAPlot()
    {
        string dir = Path.Combine(temp.FullName, "out");
        var (code, output, err) = Run("sweep", SmallConfig(), "--set", "threshold_fp_std=0,0.3", "--epochs", "1", "--seeds", "2", "--out", dir, "--threads", "1");
        Assert.True(code == 0, err);
        var lines = File.ReadAllLines(Path.Combine(dir, "sweep.csv"));
        Assert.Equal("config,key,value,seed,test_accuracy", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.Contains(",threshold_fp_std,0.3,1,", lines[4], StringComparison.Ordinal);
        Assert.All(lines.Skip(1), l => Assert.InRange(double.Parse(l.Split(',')[4], System.Globalization.CultureInfo.InvariantCulture), 0.0, 1.0));
        var png = File.ReadAllBytes(Path.Combine(dir, "sweep.png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Contains("threshold_fp_std = 0.3, seed 1", output, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralConfigsShareOneCsvAndOnePlot()
    {
        string dir = Path.Combine(temp.FullName, "two");
        string config = SmallConfig();
        var (code, _, err) = Run("sweep", config, config, "--set", "spike_loss=0,0.5", "--epochs", "1", "--out", dir, "--threads", "1");
        Assert.True(code == 0, err);
        Assert.Equal(5, File.ReadAllLines(Path.Combine(dir, "sweep.csv")).Length);
        Assert.True(File.Exists(Path.Combine(dir, "sweep.png")));
    }

    [Theory]
    [InlineData("threshold_fp_sdt=0,0.1", "threshold_fp_sdt")]
    [InlineData("spike_loss=0,1.5", "spike_loss")]
    [InlineData("delay_jitter_ns=-3", "delay_jitter_ns")]
    [InlineData("weight_step=abc", "weight_step")]
    [InlineData("weight_step", "--set")]
    public void BadSetValuesExitWithCodeTwoNamingTheKey(string set, string key)
    {
        string dir = Path.Combine(temp.FullName, "bad");
        var (code, _, err) = Run("sweep", SmallConfig(), "--set", set, "--epochs", "1", "--out", dir);
        Assert.Equal(Commands.BadInput, code);
        Assert.Contains(key, err, StringComparison.Ordinal);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.False(Directory.Exists(dir), "nothing may be trained or written for bad input");
    }

    [Fact]
    public void EvalChipRunsATrainedModelOnTheEmulatedChipAndRejectsUnknownKeys()
    {
        string run = Path.Combine(temp.FullName, "run");
        var (trained, _, trainErr) = Run("train", SmallConfig(), "--epochs", "1", "--out", run, "--threads", "1");
        Assert.True(trained == 0, trainErr);
        var (code, output, err) = Run("eval-chip", run, "--threads", "1");
        Assert.True(code == 0, err);
        Assert.Contains("emulated chip 0 accuracy", output, StringComparison.Ordinal);
        Assert.Contains("weights clipped", output, StringComparison.Ordinal);
        var (ideal, idealOut, _) = Run("eval-chip", run, "--threads", "1", "--chip-seed", "4", "--set", "spike_loss=1");
        Assert.Equal(0, ideal);
        Assert.Contains("emulated chip 4 accuracy 0.00%", idealOut, StringComparison.Ordinal);
        var (bad, _, badErr) = Run("eval-chip", run, "--set", "spike_los=1");
        Assert.Equal(Commands.BadInput, bad);
        Assert.Contains("spike_los", badErr, StringComparison.Ordinal);
        Assert.Single(badErr.TrimEnd().Split('\n'));
    }

    [Fact]
    public void EvalChipOverSeveralRunsEndsWithTheirMediansAndChecksEveryPathFirst()
    {
        string run = Path.Combine(temp.FullName, "run2");
        var (trained, _, trainErr) = Run("train", SmallConfig(), "--epochs", "1", "--out", run, "--threads", "1");
        Assert.True(trained == 0, trainErr);
        var (code, output, err) = Run("eval-chip", run, Path.Combine(run, "model.json"), "--chip-seed", "3", "--threads", "1");
        Assert.True(code == 0, err);
        var lines = output.TrimEnd().Split('\n');
        Assert.Equal(5, lines.Length);
        Assert.StartsWith($"{run}: yinyang-bss2-w on test", lines[0], StringComparison.Ordinal); // named by its run
        Assert.Equal(lines[0][(run.Length + 2)..], lines[2][(Path.Combine(run, "model.json").Length + 2)..]); // the same model on the same chip: the same result
        var single = System.Text.RegularExpressions.Regex.Match(lines[0], @"accuracy ([0-9.]+)% .*software ([0-9.]+)%");
        double chip = double.Parse(single.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        double software = double.Parse(single.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"2 runs on test: emulated chip median {chip:F1}% (min {chip:F1}%, max {chip:F1}%); software median {software:F1}% (min {software:F1}%, max {software:F1}%)"),
            lines[4]);

        var (bad, badOut, badErr) = Run("eval-chip", run, Path.Combine(temp.FullName, "missing"));
        Assert.Equal(Commands.BadInput, bad);
        Assert.Equal("", badOut); // nothing evaluated before the bad path was found
        Assert.Contains("missing", badErr, StringComparison.Ordinal);
    }
}
