using System.Globalization;
using DelGrad.Effects.Runtimes;
using DelGrad.Effects.Traits;

namespace DelGrad.Cli;

/// <summary>The time stamp in default run folder names (<c>runs/NAME-seed0-20261206-131500</c>), read from the runtime's clock.</summary>
internal static class RunNames
{
    /// <summary>The runtime's local time as yyyyMMdd-HHmmss.</summary>
    public static string Stamp(LiveRuntime runtime) =>
        Clock<LiveRuntime>.Now.Run(runtime).Match(now => now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture), e => throw new CliException(e.Message));
}
