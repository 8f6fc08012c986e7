using DelGrad.Cli;
using DelGrad.Plots;
using DelGrad.Tests.Plots;

namespace DelGrad.Tests.Cli;

/// <summary><c>delgrad plot</c> end to end on a one-epoch run: files in the chosen format and folder, one-line errors.</summary>
public sealed class PlotCliTests : IDisposable
{
    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("delgrad-plot-tests-");

    public void Dispose() => temp.Delete(recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Commands.Run(args, stdout, stderr);
        Assert.DoesNotContain("   at ", stderr.ToString());
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string TrainedRun()
    {
        string dir = Path.Combine(temp.FullName, "run");
        var (code, _, err) = Run("train", "yinyang-h5-ws", "--epochs", "1", "--threads", "1", "--out", dir);
        Assert.True(code == 0, err);
        return dir;
    }

    [Fact]
    public void EveryViewIsWrittenAsSvgIntoTheChosenFolder()
    {
        string run = TrainedRun(), output = Path.Combine(temp.FullName, "svg");
        var (code, stdout, err) = Run("plot", run, "--format", "svg", "--out", output, "--sample", "7", "--neurons", "1:0,2:2");
        Assert.True(code == 0, err);
        foreach (var view in PlotViews.Applicable(new DelGrad.Training.DataOptions()))
        {
            string file = Path.Combine(output, view.Name() + ".svg");
            Assert.Contains("wrote " + file, stdout, StringComparison.Ordinal);
            Assert.NotEmpty(ImageFiles.SvgTexts(File.ReadAllText(file)));
        }

        var membrane = ImageFiles.SvgTexts(File.ReadAllText(Path.Combine(output, "membrane.svg")));
        Assert.Contains(membrane, t => t.StartsWith("layer 1 neuron 0", StringComparison.Ordinal));
        Assert.Contains(membrane, t => t.StartsWith("label neuron dot", StringComparison.Ordinal));
        Assert.Contains(ImageFiles.SvgTexts(File.ReadAllText(Path.Combine(output, "raster.svg"))), t => t.Contains("test sample 7", StringComparison.Ordinal));
    }

    [Fact]
    public void OneViewAsPngGoesIntoTheRunDirectoryByDefault()
    {
        string run = TrainedRun();
        File.Delete(Path.Combine(run, "loss.png"));
        var (code, stdout, err) = Run("plot", run, "--view", "loss");
        Assert.True(code == 0, err);
        Assert.Equal("wrote " + Path.Combine(run, "loss.png"), stdout.Trim());
        Assert.Equal((Style.Width * Figure.PngScale, Style.Height * Figure.PngScale), ImageFiles.PngSize(File.ReadAllBytes(Path.Combine(run, "loss.png"))));
    }

    [Theory]
    [InlineData("--view", "bogus", "--view: unknown view 'bogus'")]
    [InlineData("--sample", "100000", "--sample: 100000 is not a test sample")]
    [InlineData("--neurons", "3:0", "--neurons: '3:0' is not in the network")]
    [InlineData("--neurons", "1-0", "--neurons: '1-0' is not LAYER:NEURON")]
    [InlineData("--format", "jpg", "jpg")]
    public void BadArgumentsAreOneLineAndExitCode2(string option, string value, string message)
    {
        string run = TrainedRun();
        string output = Path.Combine(temp.FullName, "none");
        var (code, _, err) = Run("plot", run, option, value, "--out", output);
        Assert.Equal(2, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFiles(output).Any(), "nothing may be written on bad input");
    }

    [Fact]
    public void AFolderWithoutAModelIsOneLine()
    {
        var (code, _, err) = Run("plot", temp.FullName);
        Assert.Equal(2, code);
        Assert.Contains("model.json: no model file", err, StringComparison.Ordinal);
    }
}
