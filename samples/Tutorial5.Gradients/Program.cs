using System.Globalization;
using CsCheck;
using DelGrad.Data;
using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Serialization;
using DelGrad.Training;

int iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;

// The H30-WS network (weights and synaptic delays) at random initial parameters, on Yin-Yang samples.
var config = ExperimentConfig.BuiltIn("yinyang-h30-ws");
var network = Network.Compile(config.Network);
var samples = YinYang.Generate(50, 7);
double[] inputs = SpikeEncoding.EncodeAll(samples);

// The exact gradient of one sample's loss: forward, backward, flush (dL/d(weights, raw delays)).
double[] Gradient(NetworkParameters p, int sample)
{
    var workspace = network.CreateWorkspace();
    var prepared = network.Prepare(p);
    network.Forward(prepared, inputs.AsSpan(sample * 4, 4), workspace);
    network.Backward(prepared, config.Loss, samples.Label(sample), workspace);
    return network.FlushDelayGradients(prepared, workspace).ToArray();
}

double Loss(double[] p, int sample)
{
    var workspace = network.CreateWorkspace();
    var prepared = network.Prepare(new NetworkParameters(p));
    network.Forward(prepared, inputs.AsSpan(sample * 4, 4), workspace);
    return network.Backward(prepared, config.Loss, samples.Label(sample), workspace);
}

double CentralDifference(double[] p, int sample, int i, double h)
{
    var plus = (double[])p.Clone();
    var minus = (double[])p.Clone();
    plus[i] += h;
    minus[i] -= h;
    return (Loss(plus, sample) - Loss(minus, sample)) / (2 * h);
}

// Property: wherever the loss is smooth (two step sizes agree), the exact gradient equals the finite difference.
int compared = 0;
Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[0, samples.Count - 1], Gen.Int[0, network.ParameterCount - 1]).Sample((seed, sample, i) =>
{
    var p = Initialisation.Draw(config.Network, config.Inits, seed);
    if (Loss(p.Values.ToArray(), sample) >= LossSpec.SilentLoss)
    {
        return true; // the label neuron is silent: no gradient there
    }

    double exact = Gradient(p, sample)[i];
    double coarse = CentralDifference(p.Values.ToArray(), sample, i, 1e-5), fine = CentralDifference(p.Values.ToArray(), sample, i, 5e-6);
    if (Math.Abs(coarse - fine) > 1e-6 * (1 + Math.Abs(fine)))
    {
        return true; // a spike entered or left a causal set between the steps: not smooth here
    }

    if (exact == 0 && fine == 0)
    {
        return true; // a parameter this sample does not reach (e.g. into a neuron that stays silent)
    }

    Interlocked.Increment(ref compared);
    return Math.Abs(exact - fine) <= 1e-5 * (1 + Math.Abs(fine));
}, iter: iterations);
Console.WriteLine($"exact gradients equal finite differences at {compared} smooth, non-zero points of {iterations}");
return compared > 0 ? 0 : 1;
