using System.Text;
using ScottPlot;

namespace DelGrad.Plots;

/// <summary>
/// One finished chart: a ScottPlot <see cref="ScottPlot.Plot"/> with its logical size. Rendering is pure (bytes out);
/// writing files is the caller's job. PNGs are drawn at <see cref="PngScale"/> times the logical size, so a
/// default 800x500 figure is a 1600x1000 PNG (about 160 dpi at 10 inches wide) and an 800x500 SVG.
/// </summary>
public sealed class Figure
{
    /// <summary>Pixels per logical unit in PNG output.</summary>
    public const int PngScale = 2;

    /// <summary>A figure of <paramref name="plot"/> at <paramref name="width"/> x <paramref name="height"/> logical pixels.</summary>
    /// <param name="plot">The plot (this figure owns it from now on).</param>
    /// <param name="width">Logical width.</param>
    /// <param name="height">Logical height.</param>
    public Figure(Plot plot, int width = Style.Width, int height = Style.Height)
    {
        Plot = plot;
        Width = Math.Max(width, 100);
        Height = Math.Max(height, 100);
    }

    /// <summary>The underlying plot, for callers who want to restyle it before rendering.</summary>
    public Plot Plot { get; }

    /// <summary>Logical width (the SVG's width; the PNG is <see cref="PngScale"/> times wider).</summary>
    public int Width { get; }

    /// <summary>Logical height.</summary>
    public int Height { get; }

    /// <summary>PNG bytes at <see cref="PngScale"/> times the logical size.</summary>
    /// <returns>The PNG file contents.</returns>
    public byte[] ToPng()
    {
        Plot.ScaleFactor = PngScale;
        return Plot.GetImageBytes(Width * PngScale, Height * PngScale, ImageFormat.Png);
    }

    /// <summary>SVG text at the logical size.</summary>
    /// <remarks>
    /// Skia's SVG canvas has no dash effects: it draws dashed lines solid and complains on standard error for each.
    /// They are drawn solid here on purpose (and restored afterwards), so the output is the same without the noise.
    /// </remarks>
    /// <returns>The SVG document.</returns>
    public string ToSvg()
    {
        Plot.ScaleFactor = 1;
        var dashed = Plot.PlottableList.OfType<IHasLine>().Where(p => !p.LineStyle.Pattern.Equals(LinePattern.Solid)).Select(p => (Line: p, p.LineStyle.Pattern)).ToArray();
        foreach (var (line, _) in dashed)
        {
            line.LineStyle.Pattern = LinePattern.Solid;
        }

        try
        {
            return Plot.GetSvgXml(Width, Height);
        }
        finally
        {
            foreach (var (line, pattern) in dashed)
            {
                line.LineStyle.Pattern = pattern;
            }
        }
    }

    /// <summary>The file contents in <paramref name="format"/> (SVG as UTF-8).</summary>
    /// <param name="format">PNG or SVG.</param>
    /// <returns>The bytes to write.</returns>
    public byte[] Encode(PlotFormat format) => format == PlotFormat.Svg ? Encoding.UTF8.GetBytes(ToSvg()) : ToPng();
}
