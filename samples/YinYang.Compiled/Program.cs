using DelGrad.Data;
using DelGrad.Model;
using DelGrad.Serialization;
using DelGrad.Training;
using YinYang.Compiled;

// Trains the build-time compiled H30-WS network (YinyangH30WsNetwork, generated from
// yinyang-h30-ws.delgrad.json) for a few epochs on Yin-Yang and prints the test accuracy.
// Exit code 1 when the accuracy is not above chance-ish (0.5).
int epochs = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 3;
const int trainSize = 1500, batchSize = 32;

// The same file the generator compiled: its init section gives the initial parameters.
string configPath = Path.Combine(AppContext.BaseDirectory, "yinyang-h30-ws.delgrad.json");
var config = ConfigReader.Parse(File.ReadAllText(configPath), configPath).Match(c => c, e => throw new InvalidOperationException(e.Message));
var parameters = Initialisation.Draw(config.Network, config.Inits, seed: 0).Values.ToArray();
if (parameters.Length != YinyangH30WsNetwork.ParameterCount)
{
    throw new InvalidOperationException($"layout mismatch: {parameters.Length} vs {YinyangH30WsNetwork.ParameterCount}");
}

// Per-parameter learning rates: weights and delays as the config says.
var rates = new double[parameters.Length];
foreach (var block in config.Network.Layout.Blocks)
{
    double rate = block.Kind == ParameterKind.Weights ? config.Training.WeightLearningRates[0] : config.Training.DelayLearningRates[0];
    Array.Fill(rates, rate, block.Offset, block.Rows * block.Columns);
}

var train = DelGrad.Data.YinYang.Generate(trainSize, DelGrad.Data.YinYang.TrainSeed);
var test = DelGrad.Data.YinYang.Test();
double[] trainTimes = SpikeEncoding.EncodeAll(train), testTimes = SpikeEncoding.EncodeAll(test);
int[] trainLabels = train.LabelSpan.ToArray();

var network = new YinyangH30WsNetwork();
var adam = AdamState.Zero(parameters.Length);
var gradient = new double[parameters.Length];
var order = Enumerable.Range(0, trainSize).ToArray();
var batchInputs = new double[batchSize * YinyangH30WsNetwork.Inputs];
var batchLabels = new int[batchSize];
var random = new Random(1);
for (int epoch = 0; epoch < epochs; epoch++)
{
    random.Shuffle(order);
    double lossSum = 0;
    int batches = 0;
    for (int start = 0; start + batchSize <= trainSize; start += batchSize)
    {
        for (int b = 0; b < batchSize; b++)
        {
            int n = order[start + b];
            trainTimes.AsSpan(n * YinyangH30WsNetwork.Inputs, YinyangH30WsNetwork.Inputs).CopyTo(batchInputs.AsSpan(b * YinyangH30WsNetwork.Inputs));
            batchLabels[b] = trainLabels[n];
        }

        lossSum += network.TrainStep(parameters, batchInputs, batchLabels, gradient);
        batches++;
        (parameters, adam) = adam.Step(parameters, gradient, rates, config.Training.Beta1, config.Training.Beta2, config.Training.Epsilon);
    }

    Console.WriteLine($"epoch {epoch + 1}: mean train loss {lossSum / batches:F4}");
}

network.Prepare(parameters);
int correct = 0;
for (int n = 0; n < test.Count; n++)
{
    var output = network.Forward(testTimes.AsSpan(n * YinyangH30WsNetwork.Inputs, YinyangH30WsNetwork.Inputs));
    int best = 0;
    for (int k = 1; k < output.Length; k++)
    {
        if (output[k] < output[best])
        {
            best = k;
        }
    }

    correct += double.IsFinite(output[best]) && best == test.Label(n) ? 1 : 0;
}

double accuracy = (double)correct / test.Count;
Console.WriteLine(FormattableString.Invariant($"test accuracy: {accuracy:F4}"));
return accuracy > 0.5 ? 0 : 1;
