namespace DelGrad.Tests;

public class SmokeTests
{
    [Fact]
    public void CliMainReturnsZero() => Assert.Equal(0, DelGrad.Cli.Program.Main([]));
}
