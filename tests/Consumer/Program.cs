// Uses DelGrad exactly as a package consumer would: an attribute-configured solver, a build-time spec,
// training through the library, and property tests of the exact gradients against finite differences.
using CsCheck;
using DelGrad.Data;
using DelGrad.Kernel;
using DelGrad.Serialization;
using DelGrad.Solvers;
using DelGrad.Training;

namespace Consumer;

/// <summary>tau_mem = 2, tau_syn = 1, threshold 1: the generator emits a constant-folded double-tau solver.</summary>
[NeuronConfig(2, 1, 1)]
public partial struct MyNeuron
{
}

/// <summary>The consumer checks; exit code 0 when all pass.</summary>
public static class Program
{
    private const string SpecFile = "tiny-ws.delgrad.json";

    /// <summary>Runs every check and prints <c>consumer: N passed, N failed</c>.</summary>
    /// <returns>0 when every check passed, 1 otherwise.</returns>
    public static int Main()
    {
        var checks = new (string Name, Action Run)[]
        {
            ("generated solver equals the library's double-tau solver", SolverMatchesLibrary),
            ("solver: dt/dw and dt/da equal finite differences", SolverGradientProperty),
            ("spec compiled at build time equals the runtime network", SpecMatchesRuntime),
            ("the project's generated registry finds the compiled spec", RegistryFindsSpec),
            ("spec network: the library's exact gradient equals finite differences", LibraryGradientProperty),
            ("spec network: the generated TrainStep gradient equals finite differences", GeneratedGradientProperty),
            ("training a few epochs lowers the loss", TrainFewEpochs),
            ("DelGrad.Plots renders PNG and SVG", PlotChecks.LineChartRendersPngAndSvg),
        };
        int passed = 0, failed = 0;
        foreach (var (name, run) in checks)
        {

            try
            {
                run();
                passed++;
                Console.WriteLine("PASS " + name);
            }
            catch (Exception e)
            {
                failed++;
                Console.WriteLine("FAIL " + name + ": " + e.Message);
            }
        }

        Console.WriteLine($"consumer: {passed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    private static void Check(bool ok, string message)
    {
        if (!ok)
        {
            throw new InvalidOperationException(message);
        }
    }

    private static readonly Gen<(double[] W, double[] A)> SolverInputs =
        Gen.Int[1, 8].SelectMany(n => Gen.Select(Gen.Double[0.1, 2.5].Array[n], Gen.Double[0.0, 3.0].Array[n]))
            .Select(p =>
            {
                var a = (double[])p.Item2.Clone();
                Array.Sort(a);
                return (p.Item1, a);
            });

    private static void SolverMatchesLibrary()
    {
        var library = new DoubleTauSolver(MyNeuron.Constants);
        SolverInputs.Sample(x =>
        {
            double g = MyNeuron.SpikeTime(default, x.W, x.A, out int cg);
            double r = DoubleTauSolver.SpikeTime(library, x.W, x.A, out int cr);
            return cg == cr && (double.IsPositiveInfinity(r) ? double.IsPositiveInfinity(g) : Math.Abs(g - r) <= 1e-12 * Math.Max(1, Math.Abs(r)));
        }, iter: 2000);
    }

    private static void SolverGradientProperty()
    {
        const double h = 1e-6;
        SolverInputs.Sample(x =>
        {
            double t = MyNeuron.SpikeTime(default, x.W, x.A, out int causal);
            if (double.IsPositiveInfinity(t))
            {
                return true;
            }

            // V'(t) over the causal set; the implicit function theorem gives the exact gradient.
            double slope = 0;
            for (int k = 0; k < causal; k++)
            {
                slope += x.W[k] * MyNeuron.PspSlope(default, t - x.A[k]);
            }

            if (slope < 1e-3)
            {
                return true; // grazing threshold crossing: the spike time is not differentiable there
            }

            for (int i = 0; i < causal; i++)
            {
                double dw = -MyNeuron.Psp(default, t - x.A[i]) / slope;
                double da = x.W[i] * MyNeuron.PspSlope(default, t - x.A[i]) / slope;
                double? fw = Central(x.W, i, h, w => MyNeuron.SpikeTime(default, w, x.A, out _), causal, x);
                double? fw2 = Central(x.W, i, h / 2, w => MyNeuron.SpikeTime(default, w, x.A, out _), causal, x);
                if (fw is double f && fw2 is double f2 && Math.Abs(f - f2) < 1e-6 * (1 + Math.Abs(f)) && Math.Abs(f - dw) > 1e-4 * (1 + Math.Abs(dw)))
                {
                    return false;
                }

                // Moving one arrival within the causal interval keeps the order (skip ties).
                if ((i > 0 && x.A[i] - x.A[i - 1] < 10 * h) || (i + 1 < x.A.Length && x.A[i + 1] - x.A[i] < 10 * h))
                {
                    continue;
                }

                double? fa = Central(x.A, i, h, a => MyNeuron.SpikeTime(default, x.W, a, out _), causal, x);
                double? fa2 = Central(x.A, i, h / 2, a => MyNeuron.SpikeTime(default, x.W, a, out _), causal, x);
                if (fa is double g && fa2 is double g2 && Math.Abs(g - g2) < 1e-6 * (1 + Math.Abs(g)) && Math.Abs(g - da) > 1e-4 * (1 + Math.Abs(da)))
                {
                    return false;
                }
            }

            return true;
        }, iter: 2000);
    }

    /// <summary>Central difference of <paramref name="f"/> in coordinate <paramref name="i"/>; null when the causal set changes.</summary>
    private static double? Central(double[] v, int i, double h, Func<double[], double> f, int causal, (double[] W, double[] A) x)
    {
        var plus = (double[])v.Clone();
        var minus = (double[])v.Clone();
        plus[i] += h;
        minus[i] -= h;
        double tp = f(plus), tm = f(minus);
        _ = MyNeuron.SpikeTime(default, ReferenceEquals(v, x.W) ? plus : x.W, ReferenceEquals(v, x.A) ? plus : x.A, out int cp);
        _ = MyNeuron.SpikeTime(default, ReferenceEquals(v, x.W) ? minus : x.W, ReferenceEquals(v, x.A) ? minus : x.A, out int cm);
        if (cp != causal || cm != causal || double.IsInfinity(tp) || double.IsInfinity(tm))
        {
            return null;
        }

        return (tp - tm) / (2 * h);
    }

    private static ExperimentConfig Config() =>
        ConfigReader.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, SpecFile)), SpecFile)
            .Match(c => c, e => throw new InvalidOperationException(e.Message));

    private static (double[] Inputs, int[] Labels) Data(int size, int seed)
    {
        var data = YinYang.Generate(size, seed);
        return (SpikeEncoding.EncodeAll(data), data.LabelSpan.ToArray());
    }

    private static void SpecMatchesRuntime()
    {
        var config = Config();
        Check(TinyWsNetwork.ParameterCount == config.Network.Layout.Count, "parameter counts differ");
        Check(TinyWsNetwork.Inputs == 4 && TinyWsNetwork.Outputs == 3, "sizes differ");
        var runtime = Network.Compile(config.Network);
        var workspace = runtime.CreateWorkspace();
        var generated = new TinyWsNetwork();
        var (inputs, _) = Data(50, 7);
        for (int seed = 0; seed < 3; seed++)
        {
            var p = Initialisation.Draw(config.Network, config.Inits, seed);
            var prepared = runtime.Prepare(p);
            for (int s = 0; s < 50; s++)
            {
                var x = inputs.AsSpan(s * 4, 4);
                var a = generated.Forward(p.Values, x).ToArray();
                var b = runtime.Forward(prepared, x, workspace);
                for (int k = 0; k < 3; k++)
                {
                    bool same = double.IsPositiveInfinity(b[k]) ? double.IsPositiveInfinity(a[k]) : Math.Abs(a[k] - b[k]) <= 1e-9 * Math.Max(1, Math.Abs(b[k]));
                    Check(same, $"seed {seed} sample {s} output {k}: {a[k]} vs {b[k]}");
                }
            }
        }
    }

    private static void RegistryFindsSpec()
    {
        var config = Config();
        Check(TinyWsNetwork.Spec == config.Network, "the generated Spec differs from the config's network");
        Check(CompiledNetworkRegistry.All.Count == 1 && CompiledNetworkRegistry.All[0].File == SpecFile, "the registry does not list exactly " + SpecFile);
        Check(CompiledNetworkRegistry.Find(config.Network)?.Invoke() is TinyWsNetwork, "Find does not return a TinyWsNetwork");
    }

    private static void LibraryGradientProperty() => GradientProperty(generated: false);

    private static void GeneratedGradientProperty() => GradientProperty(generated: true);

    private static void GradientProperty(bool generated)
    {
        var config = Config();
        var (inputs, labels) = Data(8, 3);
        var net = new TinyWsNetwork();
        var gradient = new double[TinyWsNetwork.ParameterCount];
        int compared = 0;
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[0, TinyWsNetwork.ParameterCount - 1].Array[4]).Sample(x =>
        {
            var p = Initialisation.Draw(config.Network, config.Inits, x.Item1).Values.ToArray();
            double loss = net.TrainStep(p, inputs, labels, gradient);
            if (!double.IsFinite(loss) || loss >= 100)
            {
                return true; // a silent label neuron has no gradient
            }

            var g = generated ? (double[])gradient.Clone() : RuntimeGradient(config, p, inputs, labels);

            for (int s = 0; s < labels.Length; s++)
            {
                foreach (double t in net.Forward(p, inputs.AsSpan(s * 4, 4)))
                {
                    if (!double.IsFinite(t))
                    {
                        return true; // a silent output neuron: the loss is clamped there, not differentiable
                    }
                }
            }
            foreach (int i in x.Item2)
            {
                // Two step sizes must agree, or the loss is not smooth here (a spike entered or left a causal set).
                double? f1 = Fd(net, p, inputs, labels, i, 1e-6), f2 = Fd(net, p, inputs, labels, i, 5e-7);
                if (f1 is not double a || f2 is not double b || Math.Abs(a - b) > 1e-5 * (1 + Math.Abs(a)))
                {
                    continue;
                }

                compared++;
                if (Math.Abs(a - g[i]) > 1e-4 * (1 + Math.Abs(g[i])))
                {
                    Console.WriteLine($"  seed {x.Item1} parameter {i}: finite difference {a} ({b}), analytic {g[i]}, loss {loss}");
                    return false;
                }
            }

            return true;
        }, iter: 60, threads: 1); // one network instance: its buffers are not shared between threads
        Check(compared >= 10, $"only {compared} smooth coordinates compared");
    }

    private static double[] RuntimeGradient(ExperimentConfig config, double[] p, double[] inputs, int[] labels)
    {
        var runtime = Network.Compile(config.Network);
        var ws = runtime.CreateWorkspace();
        var prepared = runtime.Prepare(new DelGrad.Model.NetworkParameters(p));
        for (int s = 0; s < labels.Length; s++)
        {
            runtime.Forward(prepared, inputs.AsSpan(s * 4, 4), ws);
            runtime.Backward(prepared, config.Loss, labels[s], ws, 1.0 / labels.Length);
        }

        return runtime.FlushDelayGradients(prepared, ws).ToArray();
    }

    private static double? Fd(TinyWsNetwork net, double[] p, double[] inputs, int[] labels, int i, double h)
    {
        var scratch = new double[p.Length];
        var q = (double[])p.Clone();
        q[i] = p[i] + h;
        double up = net.TrainStep(q, inputs, labels, scratch);
        q[i] = p[i] - h;
        double down = net.TrainStep(q, inputs, labels, scratch);
        return double.IsFinite(up) && double.IsFinite(down) && up < 100 && down < 100 ? (up - down) / (2 * h) : null;
    }

    private static void TrainFewEpochs()
    {
        var config = Config();
        var trainer = new Trainer(config, threads: 1);
        var (ti, tl) = Data(config.Data.TrainSize, config.Data.TrainSeed);
        var (vi, vl) = Data(config.Data.ValidationSize, config.Data.ValidationSeed);
        var train = new DataSplit(ti, tl);
        var validation = new DataSplit(vi, vl);
        var state = trainer.Initial();
        double first = trainer.Evaluate(state.Parameters, train, withOutputs: false).Loss;
        for (int e = 0; e < config.Training.Epochs; e++)
        {
            (state, var m) = trainer.Epoch(state, train, validation);
            Console.WriteLine($"  epoch {m.Epoch}: train loss {m.TrainLoss:F4} acc {m.TrainAccuracy:P1}, validation loss {m.ValidationLoss:F4} acc {m.ValidationAccuracy:P1}");
            Check(double.IsFinite(m.TrainLoss) && double.IsFinite(m.ValidationLoss), "non-finite loss");
        }

        double last = trainer.Evaluate(state.Parameters, train, withOutputs: false).Loss;
        Console.WriteLine($"  train loss {first:F4} -> {last:F4}");
        Check(last < first, $"loss did not decrease: {first} -> {last}");
    }
}
