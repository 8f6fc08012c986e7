using DelGrad.Cli;

namespace DelGrad.Tests.Cli;

public sealed class PlotSweepCliTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("delgrad-plot-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void RedrawsASweepFromItsCsvAndRejectsOtherFiles()
    {
        string csv = Path.Combine(root, "sweep.csv");
        File.WriteAllText(csv, "config,key,value,seed,test_accuracy\nw,spike_loss,0,0,0.9\nw,spike_loss,0.1,0,0.85\nwa,spike_loss,0,0,0.93\nwa,spike_loss,0.1,0,0.9\n");
        string png = Path.Combine(root, "sweep.png");
        var stdout = new StringWriter();
        Assert.Equal(0, Commands.Run(["plot-sweep", csv, "--out", png], stdout, new StringWriter()));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(png)[..4]);
        Assert.Equal(
            $"wrote {png}\n| spike_loss | w median test acc (chip) | wa median test acc (chip) |\n|---|---|---|\n| 0 | 90.0 % | 93.0 % |\n| 0.1 | 85.0 % | 90.0 % |\n",
            stdout.ToString().ReplaceLineEndings("\n"));

        File.WriteAllText(csv, "config,key,value,seed,test_accuracy\nw,spike_loss,zero,0,0.9\n");
        var stderr = new StringWriter();
        Assert.Equal(2, Commands.Run(["plot-sweep", csv, "--out", png], new StringWriter(), stderr));
        Assert.Contains("sweep.csv:2:14: value: expected a finite number, got 'zero' [DG0009]", stderr.ToString());
    }
}
