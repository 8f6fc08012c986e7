using System.Globalization;
using DelGrad.Model;
using DelGrad.Serialization;
using DelGrad.Training;

int epochs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
string folder = args.Length > 1 ? args[1] : ".";

// Your data: points in the unit square, class 0 inside a circle, class 1 outside.
var random = new Random(1);
double[][] Points(int count) => [.. Enumerable.Range(0, count).Select(_ => new[] { random.NextDouble(), random.NextDouble() })];
int[] Classes(double[][] points) => [.. points.Select(p => Math.Pow(p[0] - 0.5, 2) + Math.Pow(p[1] - 0.5, 2) < 0.1 ? 0 : 1)];

// Features in [0, 1] become spike times (0 spikes early, 1 late); the mirrored 1 - x, 1 - y give every point early spikes.
double[][] Features(double[][] points) => [.. points.Select(p => new[] { p[0], p[1], 1 - p[0], 1 - p[1] })];
var trainPoints = Points(3000);
var validationPoints = Points(500);
var train = DataSplit.FromArrays(Features(trainPoints), Classes(trainPoints));
var validation = DataSplit.FromArrays(Features(validationPoints), Classes(validationPoints));

// The same from a CSV file: features, then the class in the last column (a header line is optional).
var testPoints = Points(500);
string csv = Path.Combine(folder, "circle-test.csv");
File.WriteAllLines(csv, ["x,y,one_minus_x,one_minus_y,class", .. Features(testPoints).Zip(Classes(testPoints), (f, c) => string.Join(',', f.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "," + c)]);
var test = DataSplit.FromCsv(File.ReadAllText(csv), csv).Match(split => split, error => throw new InvalidDataException(error.Message));

// The reference network and training settings, with two label neurons for two classes.
var reference = ExperimentConfig.BuiltIn("yinyang-h30-ws");
var layers = reference.Network.Layers.Map(layer => layer is NeuronLayer { Size: 3 } labels ? labels with { Size = 2 } : layer);
var config = reference with
{
    Name = "circle",
    Network = NetworkSpec.Create(4, layers).ThrowIfFail(),
    Training = reference.Training with { Epochs = epochs },
};

// Ctrl+C stops training after the current batch.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
try
{
    var progress = new SynchronousProgress<EpochReport>(r => Console.WriteLine($"epoch {r.Metrics.Epoch}/{r.Epochs}: train loss {r.Metrics.TrainLoss:F4}, validation accuracy {r.Metrics.ValidationAccuracy:P1}"));
    var fit = Trainer.Fit(config, new Splits(train, validation, test), progress, cancel.Token);
    Console.WriteLine($"test accuracy {fit.Test.Accuracy:P1}");
}
catch (OperationCanceledException)
{
    Console.WriteLine("stopped");
}
