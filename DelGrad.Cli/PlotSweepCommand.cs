using System.CommandLine;
using System.Globalization;
using DelGrad.Effects.Runtimes;
using DelGrad.Plots;

namespace DelGrad.Cli;

/// <summary><c>plot-sweep CSV --out PNG</c>: redraw a sweep's plot from its CSV (for example after merging CSVs) and print its table.</summary>
internal static class PlotSweepCommand
{
    public static Command Create(LiveRuntime runtime, TextWriter stdout)
    {
        var csv = new Argument<string>("csv") { Description = "A sweep.csv written by 'delgrad sweep' (config,key,value,seed,test_accuracy)." };
        var output = new Option<string>("--out") { HelpName = "PNG", Description = "The plot to write.", Required = true };
        var command = new Command("plot-sweep", "Redraw the accuracy-against-noise plot of a sweep from its CSV and print its table (median test accuracy per value and config).") { csv, output };
        command.SetAction(parse =>
        {
            string file = parse.GetValue(csv)!;
            string[] lines = Commands.Read(runtime, file).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
            if (lines.Length < 2 || lines[0].Trim() != DelGrad.Effects.Training.SweepReport.Header)
            {
                throw new CliException($"{file}:1:1: header: expected {DelGrad.Effects.Training.SweepReport.Header} and at least one row [DG0009]");
            }

            var rows = new List<DelGrad.Effects.Training.SweepPoint>();
            string key = "";
            for (int i = 1; i < lines.Length; i++)
            {
                var f = lines[i].Split(',');
                string At(int field) => $"{file}:{i + 1}:{1 + f.Take(field).Sum(x => x.Length + 1)}: ";
                if (f.Length != 5)
                {
                    throw new CliException($"{At(0)}row: expected 5 fields (config,key,value,seed,test_accuracy), got {f.Length} [DG0009]");
                }

                if (!double.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                {
                    throw new CliException($"{At(2)}value: expected a finite number, got '{f[2]}' [DG0009]");
                }

                if (!int.TryParse(f[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed) || seed < 0)
                {
                    throw new CliException($"{At(3)}seed: expected a whole number >= 0, got '{f[3]}' [DG0009]");
                }

                if (!double.TryParse(f[4], NumberStyles.Float, CultureInfo.InvariantCulture, out double accuracy) || !(accuracy >= 0 && accuracy <= 1))
                {
                    throw new CliException($"{At(4)}test_accuracy: expected a fraction in [0, 1], got '{f[4]}' [DG0009]");
                }

                key = f[1];
                rows.Add(new DelGrad.Effects.Training.SweepPoint(f[0], value, seed, accuracy));
            }

            var values = rows.Select(r => r.Value).Distinct().Order().ToArray();
            int seeds = rows.Select(r => r.Seed).Distinct().Count();
            string png = parse.GetValue(output)!;
            Commands.Write(runtime, png, DelGrad.Effects.Training.SweepReport.Plot(key, values, rows, seeds).ToPng());
            stdout.WriteLine($"wrote {png}");
            stdout.Write(DelGrad.Effects.Training.SweepReport.Markdown(key, rows));
            return Commands.Ok;
        });
        return command;
    }
}
