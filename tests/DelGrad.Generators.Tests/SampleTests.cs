using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace DelGrad.Generators.Tests;

/// <summary>The samples/YinYang.Compiled console app (generator as analyzer, spec as AdditionalFiles) trains and classifies.</summary>
public sealed class SampleTests
{
    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DelGradFunctional.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (DelGradFunctional.sln) not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public async Task CompiledYinYangSampleLearns()
    {
        // bin/<Configuration>/<tfm>/ of this test assembly: the sample is built with the same configuration.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string configuration = output.Parent!.Name, tfm = output.Name;
        string dll = Path.Combine(RepoRoot(), "samples", "YinYang.Compiled", "bin", configuration, tfm, "YinYang.Compiled.dll");
        Assert.True(File.Exists(dll), "sample not built: " + dll);

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}\n{stdout}\n{await stderr}");

        var match = Regex.Match(stdout, @"test accuracy: ([0-9.]+)");
        Assert.True(match.Success, "no accuracy line in:\n" + stdout);
        double accuracy = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(accuracy, 0.5 + 1e-9, 1.0);
        Assert.Contains("epoch 3:", stdout, StringComparison.Ordinal);
    }
}
