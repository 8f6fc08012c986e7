using DelGrad.Effects.Runtimes;

namespace DelGrad.Tests.Training;

public class ProgressTests
{
    [Fact]
    public void ATerminalGetsOneOverwrittenStatusLine()
    {
        var output = new StringWriter();
        var progress = new LiveProgress(output, interactive: true);
        progress.Status("epoch 1/3 batch 1/2");
        progress.Status("epoch 1/3 batch 2/2");
        progress.Line("epoch 1/3 done");
        // Each status overwrites the last (padded to its length); the line first clears the status.
        Assert.Equal("\repoch 1/3 batch 1/2\repoch 1/3 batch 2/2\r" + new string(' ', 19) + "\repoch 1/3 done" + Environment.NewLine, output.ToString());
    }

    [Fact]
    public void APipeGetsOnlyPlainLines()
    {
        var output = new StringWriter();
        var progress = new LiveProgress(output, interactive: false);
        progress.Status("epoch 1/3 batch 1/2");
        progress.Line("epoch 1/3 done");
        Assert.Equal("epoch 1/3 done" + Environment.NewLine, output.ToString());
    }
}
