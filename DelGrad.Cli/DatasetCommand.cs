using System.CommandLine;
using System.Globalization;
using System.Text;
using DelGrad.Data;
using DelGrad.Effects.Runtimes;

namespace DelGrad.Cli;

/// <summary><c>dataset yinyang --split S --out FILE.csv</c>.</summary>
internal static class DatasetCommand
{
    public static Command Create(LiveRuntime runtime, TextWriter stdout)
    {
        var split = new Option<string>("--split") { HelpName = "SPLIT", Description = "train (5000, seed 42), validation (1000, seed 41) or test (1000, seed 40).", Required = true };
        split.AcceptOnlyFromAmong("train", "validation", "test");
        var output = new Option<string>("--out") { HelpName = "FILE", Description = "CSV file to write (x, y, 1-x, 1-y, label).", Required = true };
        var yinyang = new Command("yinyang", "The Yin-Yang data set, bit-identical to the reference generator.") { split, output };
        yinyang.SetAction(parse =>
        {
            var set = parse.GetValue(split) switch { "train" => YinYang.Train(), "validation" => YinYang.Validation(), _ => YinYang.Test() };
            var csv = new StringBuilder("x,y,one_minus_x,one_minus_y,label\n");
            for (int i = 0; i < set.Count; i++)
            {
                var s = set.Sample(i);
                csv.Append(string.Create(CultureInfo.InvariantCulture, $"{s[0]:R},{s[1]:R},{s[2]:R},{s[3]:R},{set.Label(i)}\n"));
            }

            string file = parse.GetValue(output)!;
            Commands.WriteOutput(runtime, "--out", file, Encoding.UTF8.GetBytes(csv.ToString()));

            stdout.WriteLine($"wrote {set.Count} samples to {file}");
            return Commands.Ok;
        });
        return new Command("dataset", "Write a data set to CSV (yinyang), or fetch, cache and verify MNIST (mnist, mnist16).")
        {
            yinyang,
            MnistCommand.Create(Data.Mnist.MnistEncoding.Full, runtime, stdout),
            MnistCommand.Create(Data.Mnist.MnistEncoding.Downscaled16, runtime, stdout),
        };
    }
}
