namespace DelGrad.Effects.Plotting;

/// <summary>An immutable chart description that renders deterministically to a raster.</summary>
public interface IChart
{
    /// <summary>Renders the chart onto a fresh canvas.</summary>
    /// <returns>The rendered canvas.</returns>
    Canvas ToCanvas();

    /// <summary>Renders the chart as PNG bytes.</summary>
    /// <returns>The PNG file contents.</returns>
    byte[] ToPng();
}
