namespace DelGrad.Effects.Plotting;

/// <summary>One scatter point.</summary>
/// <param name="X">X coordinate.</param>
/// <param name="Y">Y coordinate.</param>
/// <param name="Class">Class index; selects the palette colour and legend name.</param>
/// <param name="IsError">Flags the point (e.g. misclassified); drawn with a black 'x' on top.</param>
public readonly record struct ScatterPoint(double X, double Y, int Class, bool IsError = false);
