namespace DelGrad.Tests;

public class SmokeTests
{
    [Fact]
    public void HelpListsEveryCommandAndExitsZero()
    {
        var output = new StringWriter();
        Assert.Equal(0, DelGrad.Cli.Commands.Run(["--help"], output, new StringWriter()));
        foreach (var command in new[] { "train", "resume", "eval", "dataset", "check-vectors" })
        {
            Assert.Contains(command, output.ToString());
        }
    }

    [Fact]
    public void NoCommandIsBadInput()
    {
        var error = new StringWriter();
        Assert.Equal(2, DelGrad.Cli.Commands.Run([], new StringWriter(), error));
        Assert.Contains("delgrad --help", error.ToString());
    }
}
