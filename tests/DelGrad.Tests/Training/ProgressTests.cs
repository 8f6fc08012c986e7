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

public class ProgressBarTests : IDisposable
{
    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("delgrad-progress-tests-");

    public void Dispose() => temp.Delete(recursive: true);

    private static DelGrad.Training.EpochMetrics Epoch(int e, double train, double validation) => new(e, 0.1, train, 0.1, validation, 1, 0);

    [Fact]
    public void TheBarShowsTheShareOfAllEpochsTheLastAccuraciesAndTheTimeLeft()
    {
        var line = DelGrad.Effects.Training.ProgressBar.Line(new DelGrad.Training.BatchProgress(3, 5, 10, 0.01234, 0), 4, LanguageExt.Prelude.toSeq(new[] { Epoch(1, 0.5, 0.6), Epoch(2, 0.951, 0.948) }), LanguageExt.Prelude.toSeq(new[] { 10.0, 20.0 }));

        // 2.5 of 4 epochs: 62.5 % of 20 characters is 12; 1.5 epochs left at 15 s each.
        Assert.Equal("[############--------]  62% epoch 3/4 batch 5/10 loss 0.0123 | train 95.1% val 94.8% | ETA 22s", line);
    }

    [Fact]
    public void TheFirstEpochHasNeitherAccuraciesNorAnEta()
    {
        var line = DelGrad.Effects.Training.ProgressBar.Line(new DelGrad.Training.BatchProgress(1, 1, 4, 0.5, 0), 300, default, default);
        Assert.Equal("[--------------------]   0% epoch 1/300 batch 1/4 loss 0.5000", line);
    }

    [Theory]
    [InlineData(42.4, "42s")]
    [InlineData(187, "3m07s")]
    [InlineData(7500, "2h05m")]
    [InlineData(double.NaN, "?")]
    public void DurationsReadAsATimeLeft(double seconds, string text) => Assert.Equal(text, DelGrad.Effects.Training.ProgressBar.Duration(seconds));

    [Fact]
    public void AStatusNeverWrapsANarrowTerminal()
    {
        var output = new StringWriter();
        new LiveProgress(output, interactive: true, columns: 11).Status("0123456789abcdef");
        Assert.Equal("\r0123456789", output.ToString());
    }

    // A whole run through the live runtime: on a (fake) terminal the bar is drawn and overwritten, redirected only
    // the epoch lines appear; both write the same epoch lines.
    [Fact]
    public void ARunDrawsTheBarOnATerminalAndPlainLinesWhenRedirected()
    {
        var config = TrainingSmokeTests.Load("yinyang-h5-ws");
        config = config with { Training = config.Training with { Epochs = 2 }, Data = config.Data with { TrainSize = 200, ValidationSize = 50, TestSize = 50 } };
        string Run(bool terminal)
        {
            var output = new StringWriter();
            string dir = Path.Combine(temp.FullName, terminal ? "terminal" : "pipe");
            DelGrad.Effects.Training.TrainingRun<LiveRuntime>.Start(config, dir, 1).Run(LiveRuntime.New(output, terminal, 200)).ThrowIfFail();
            return output.ToString();
        }

        string terminal = Run(true), pipe = Run(false);
        Assert.DoesNotContain("\r", pipe, StringComparison.Ordinal);
        Assert.DoesNotContain("[", pipe, StringComparison.Ordinal);
        Assert.Contains("\r[#", terminal, StringComparison.Ordinal);
        Assert.Contains("| train ", terminal, StringComparison.Ordinal);
        Assert.Contains("| ETA ", terminal, StringComparison.Ordinal);
        string[] Lines(string text) => text.Split(Environment.NewLine).Select(l => l[(l.LastIndexOf('\r') + 1)..]).Where(l => l.StartsWith("epoch ", StringComparison.Ordinal)).Select(l => l[..l.LastIndexOf("  ", StringComparison.Ordinal)]).ToArray();
        Assert.Equal(2, Lines(pipe).Length);
        Assert.Equal(Lines(pipe), Lines(terminal));
    }
}
