using System.Buffers.Binary;
using System.Text.RegularExpressions;

namespace DelGrad.Tests.Plots;

/// <summary>What the plot tests read back from rendered files: PNG size and SVG text.</summary>
internal static partial class ImageFiles
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Width and height from a PNG's IHDR chunk, after checking the signature.</summary>
    public static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.True(png.Length > 33 && png.AsSpan(0, 8).SequenceEqual(PngSignature), "not a PNG");
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    /// <summary>Every text element of an SVG, trimmed; fails unless it is an SVG document.</summary>
    public static IReadOnlyList<string> SvgTexts(string svg)
    {
        Assert.StartsWith("<?xml", svg, StringComparison.Ordinal);
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        return TextElement().Matches(svg).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value).Trim()).ToArray();
    }

    [GeneratedRegex("<text[^>]*>([^<]*)</text>")]
    private static partial Regex TextElement();
}
