using System.Globalization;
using DelGrad.Data;
using DelGrad.Model;
using DelGrad.Specs;
using DelGrad.Specs.Format;
using LanguageExt;
using static LanguageExt.Prelude;

namespace DelGrad.Training;

/// <summary>Data splits from your own data: feature arrays or CSV text, encoded as first-spike times.</summary>
public sealed partial record DataSplit
{
    /// <summary>
    /// Encodes <paramref name="features"/> (one row per sample, values in [0, 1]) as input spike times
    /// <c>early + v (late - early)</c> (<see cref="SpikeEncoding"/>): small values spike early.
    /// </summary>
    /// <param name="features">One array of feature values per sample, all of the same length.</param>
    /// <param name="labels">Each sample's class, 0-based.</param>
    /// <param name="early">Spike time of the value 0 (the reference's 0.15).</param>
    /// <param name="late">Spike time of the value 1 (the reference's 2.0).</param>
    /// <returns>The encoded split.</returns>
    /// <exception cref="ArgumentException">Rows of different lengths, a non-finite value, a negative label or a count mismatch.</exception>
    /// <example>
    /// <code>
    /// double[][] x = [[0.1, 0.9], [0.8, 0.2]];
    /// var split = DataSplit.FromArrays(x, labels: [0, 1]);
    /// </code>
    /// </example>
    public static DataSplit FromArrays(IReadOnlyList<double[]> features, IReadOnlyList<int> labels, double early = SpikeEncoding.DefaultEarly, double late = SpikeEncoding.DefaultLate)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (features.Count != labels.Count)
        {
            throw new ArgumentException($"{features.Count} feature rows but {labels.Count} labels", nameof(labels));
        }

        int width = features.Count == 0 ? 0 : features[0].Length;
        var times = new double[features.Count * width];
        for (int n = 0; n < features.Count; n++)
        {
            var row = features[n];
            if (row.Length != width)
            {
                throw new ArgumentException($"row {n} has {row.Length} features, row 0 has {width}", nameof(features));
            }

            if (row.Any(v => !double.IsFinite(v)))
            {
                throw new ArgumentException($"row {n} has a non-finite value", nameof(features));
            }

            if (labels[n] < 0)
            {
                throw new ArgumentException($"label {n} is negative ({labels[n]})", nameof(labels));
            }

            SpikeEncoding.Encode(row, times.AsSpan(n * width, width), early, late);
        }

        return new DataSplit(times, [.. labels]);
    }

    /// <summary>
    /// Reads CSV text: one sample per line, its feature values (in [0, 1]) and then its class as the last column
    /// (an integer from 0), e.g. the files <c>delgrad dataset yinyang</c> writes. A first line that is not numeric is a
    /// header; empty lines are skipped. Values are encoded as in <see cref="FromArrays"/>.
    /// </summary>
    /// <param name="text">The CSV text.</param>
    /// <param name="fileName">The file's name, for messages.</param>
    /// <param name="early">Spike time of the value 0.</param>
    /// <param name="late">Spike time of the value 1.</param>
    /// <returns>The split, or one line <c>file:line:col: column: problem [DG0009]</c> per problem.</returns>
    /// <example>
    /// <code>
    /// var train = DataSplit.FromCsv(File.ReadAllText("train.csv"), "train.csv").Match(s =&gt; s, e =&gt; throw new InvalidDataException(e.Message));
    /// </code>
    /// </example>
    public static Fin<DataSplit> FromCsv(string text, string fileName, double early = SpikeEncoding.DefaultEarly, double late = SpikeEncoding.DefaultLate)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        var problems = new List<SpecDiagnostic>();
        var rows = new List<double[]>();
        var labels = new List<int>();
        string[]? header = null;
        int width = -1;
        for (int l = 0; l < lines.Length && problems.Count < 10; l++)
        {
            if (lines[l].Trim().Length == 0)
            {
                continue;
            }

            var fields = lines[l].Split(',');
            if (rows.Count == 0 && header == null && width < 0 && !double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                header = [.. fields.Select(f => f.Trim())];
                width = fields.Length;
                continue;
            }

            width = width < 0 ? fields.Length : width;
            int column = 1;
            void Report(string key, string problem) => problems.Add(new SpecDiagnostic(SpecCodes.BadValue, "", $"{key}: {problem}", l + 1, column));
            string Key(int field) => header != null && field < header.Length ? header[field] : "column " + (field + 1);

            if (fields.Length != width || width < 2)
            {
                Report("row", $"{fields.Length} columns, expected {Math.Max(width, 2)} (features, then the label)");
                continue;
            }

            var row = new double[width - 1];
            for (int f = 0; f < width; f++)
            {
                string field = fields[f].Trim();
                if (f < width - 1)
                {
                    if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out row[f]) || !double.IsFinite(row[f]))
                    {
                        Report(Key(f), $"not a finite number: '{field}'");
                    }
                }
                else if (!int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out int label))
                {
                    Report(Key(f), $"a label must be an integer from 0, got '{field}'");
                }
                else
                {
                    labels.Add(label);
                    rows.Add(row);
                }

                column += fields[f].Length + 1;
            }
        }

        if (problems.Count == 0 && rows.Count == 0)
        {
            problems.Add(new SpecDiagnostic(SpecCodes.BadValue, "", "no samples", 1, 1));
        }

        return problems.Count > 0 ? FinFail<DataSplit>(SpecMapper.ToError(problems, fileName)) : FinSucc(FromArrays(rows, labels, early, late));
    }
}
