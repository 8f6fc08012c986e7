namespace DelGrad.Plots;

/// <summary>The file formats a <see cref="Figure"/> renders to.</summary>
public enum PlotFormat
{
    /// <summary>Raster, rendered at twice the figure's logical size (crisp on screens and in print).</summary>
    Png,

    /// <summary>Vector graphics at the figure's logical size, with real text (searchable, scalable).</summary>
    Svg,
}

/// <summary>File-name helpers for <see cref="PlotFormat"/>.</summary>
public static class PlotFormats
{
    /// <summary>The file extension with its dot: ".png" or ".svg".</summary>
    /// <param name="format">The format.</param>
    /// <returns>The extension.</returns>
    public static string Extension(this PlotFormat format) => format == PlotFormat.Svg ? ".svg" : ".png";
}
