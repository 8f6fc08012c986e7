// DelGrad.Plots from its package: ScottPlot and the native Skia library it brings must render on this machine.
using DelGrad.Plots;

namespace Consumer;

/// <summary>The plot package's checks.</summary>
public static class PlotChecks
{
    /// <summary>A line chart renders as a PNG of twice its size and as an SVG with its title.</summary>
    public static void LineChartRendersPngAndSvg()
    {
        var figure = new LineChart("consumer loss", "epoch", "loss", [new LineSeries("training", [1, 2, 3], [0.3, 0.2, 0.15])]) { LogY = true }.ToFigure();
        var png = figure.ToPng();
        Check(png.Length > 1000 && png[1] == (byte)'P' && png[2] == (byte)'N' && png[3] == (byte)'G', "not a PNG");
        Check(System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)) == figure.Width * Figure.PngScale, "PNG width");
        Check(figure.ToSvg().Contains("consumer loss", StringComparison.Ordinal), "SVG without its title");
    }

    private static void Check(bool ok, string message)
    {
        if (!ok)
        {
            throw new InvalidOperationException(message);
        }
    }
}
