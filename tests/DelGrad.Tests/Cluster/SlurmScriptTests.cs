using System.Diagnostics;
using CsCheck;
using DelGrad.Cluster;

namespace DelGrad.Tests.Cluster;

/// <summary>The job-array and report scripts of a grid.</summary>
public class SlurmScriptTests
{
    private static readonly GridManifest Manifest = SeedGrid.Expand(ClusterTestConfigs.Two, [0, 1], "/grids/g", ["/opt/tools/delgrad"], ["train"]).Manifest;

    [Fact]
    public void EachArrayTaskExecsItsRunsCommandOnTheCpusSlurmGaveIt()
    {
        string script = SlurmScript.Tasks(Manifest, new SlurmOptions(Partition: "gpu", Time: "1:00:00", CpusPerTask: 4, Mem: "2G", Account: "lab"));
        Assert.StartsWith("#!/bin/bash\n", script, StringComparison.Ordinal);
        foreach (var option in new[] { "--partition=gpu", "--time=1:00:00", "--account=lab", "--cpus-per-task=4", "--mem=2G", "--output=/grids/g/slurm/logs/task-%A_%a.out" })
        {
            Assert.Contains("\n#SBATCH " + option + "\n", script, StringComparison.Ordinal);
        }

        Assert.Contains("threads=\"${SLURM_CPUS_PER_TASK:-1}\"\n", script, StringComparison.Ordinal);
        foreach (var run in Manifest.Runs)
        {
            Assert.Contains($"\n  {run.Task}) exec {SlurmScript.Join(Manifest.Command(run))} --threads \"$threads\" ;;\n", script, StringComparison.Ordinal);
        }

        Assert.Equal(Manifest.Runs.Count + 1, script.Split(" ;;\n").Length - 1); // the runs and the catch-all
    }

    [Fact]
    public void TheReportJobAsksForNoMoreThanOneCpuAndReportsTheGridsFolder()
    {
        string script = SlurmScript.Report(Manifest, new SlurmOptions(Partition: "gpu", CpusPerTask: 4, Mem: "2G"));
        Assert.Contains("#SBATCH --partition=gpu\n", script, StringComparison.Ordinal);
        Assert.DoesNotContain("--cpus-per-task", script, StringComparison.Ordinal);
        Assert.DoesNotContain("--mem", script, StringComparison.Ordinal);
        Assert.EndsWith("\nexec /opt/tools/delgrad report /grids/g\n", script, StringComparison.Ordinal);
    }

    [Fact]
    public void QuotedArgumentsReachTheProgramUnchangedThroughARealShell()
    {
        var gen = Gen.String[Gen.OneOf(Gen.Char.AlphaNumeric, Gen.Char[" '\"$`\\;&|*?~!#(){}[]<>=%\t"]), 0, 12].Array[1, 8];
        gen.Sample(arguments =>
        {
            var start = new ProcessStartInfo("bash", ["-c", "printf '%s\\0' " + SlurmScript.Join(arguments)]) { RedirectStandardOutput = true };
            using var bash = Process.Start(start)!;
            string output = bash.StandardOutput.ReadToEnd();
            bash.WaitForExit();
            Assert.Equal(arguments, output.Split('\0')[..^1]);
        }, iter: 40);
    }
}
