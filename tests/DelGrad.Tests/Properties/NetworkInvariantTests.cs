using CsCheck;
using DelGrad.Kernel;
using DelGrad.Losses;
using DelGrad.Model;

namespace DelGrad.Tests.Properties;

/// <summary>Whole-network invariants on random networks (every solver and delay configuration).</summary>
public class NetworkInvariantTests
{
    private static readonly string[] SolverKinds = ["equal", "double", "general1.5", "general3"];

    private static readonly LossSpec[] Losses =
    [
        new LossSpec.Ttfs(0.5, 0.05, 2.0),
        new LossSpec.ShiftInvariantMse(0.3),
        new LossSpec.Mse(1.5, 2.5),
    ];

    public static TheoryData<string> Solvers() => [.. SolverKinds];

    [Theory]
    [MemberData(nameof(Solvers))]
    public void ShiftingAllInputsShiftsEveryLayerByTheSameAmount(string solver)
    {
        var rng = new Random(solver.Length * 7919);
        int checkedCount = 0, grazing = 0, spikes = 0;
        foreach (var delays in RandomNetworks.DelayConfigs)
        {
            for (int sample = 0; sample < 40; sample++)
            {
                var (nIn, nHidden, nLabels) = RandomNetworks.Sizes(delays, rng);
                var spec = RandomNetworks.Spec(solver, delays, nIn, nHidden, nLabels);
                var network = Network.Compile(spec);
                var prepared = network.Prepare(new NetworkParameters(RandomNetworks.Parameters(spec, rng)));
                var input = Enumerable.Range(0, nIn).Select(_ => 2.0 * rng.NextDouble()).ToArray();
                double d = -20.0 + (70.0 * rng.NextDouble());
                var ws = network.CreateWorkspace();
                network.Forward(prepared, input, ws);
                double slope = RandomNetworks.MinSlope(network, prepared, ws);
                if (slope < 1e-3)
                {
                    grazing++; // a tangential crossing amplifies the rounding of a + D without bound
                    continue;
                }

                var before = Enumerable.Range(0, network.NeuronLayerCount).Select(l => ws.NeuronLayerOutput(l).ToArray()).ToArray();
                network.Forward(prepared, input.Select(a => a + d).ToArray(), ws);
                checkedCount++;
                for (int l = 0; l < before.Length; l++)
                {
                    var after = ws.NeuronLayerOutput(l);
                    for (int j = 0; j < after.Length; j++)
                    {
                        double t = before[l][j];
                        if (!double.IsFinite(t))
                        {
                            Assert.True(double.IsPositiveInfinity(after[j]), $"{delays}: layer {l} neuron {j} silent before the shift, {after[j]:R} after");
                            continue;
                        }

                        spikes++;
                        double tol = 1e-11 * (1.0 + Math.Abs(t) + Math.Abs(d)) / Math.Min(1.0, slope);
                        Assert.True(Math.Abs(after[j] - (t + d)) <= tol, $"{delays}: layer {l} neuron {j}: {t:R} shifted by {d:R} gave {after[j]:R}");
                    }
                }
            }
        }

        Assert.True(grazing * 20 < checkedCount, $"{grazing} grazing of {grazing + checkedCount}");
        Assert.True(spikes > 1000, $"only {spikes} spikes compared");
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void OneAndFourThreadsGiveIdenticalBits(string solver)
    {
        var rng = new Random(solver.Length * 104729);
        int informative = 0, combinations = 0;
        foreach (var delays in RandomNetworks.DelayConfigs)
        {
            var (nIn, nHidden, nLabels) = RandomNetworks.Sizes(delays, rng);
            var spec = RandomNetworks.Spec(solver, delays, nIn, nHidden, nLabels);
            var network = Network.Compile(spec);
            var prepared = network.Prepare(new NetworkParameters(RandomNetworks.Parameters(spec, rng)));
            const int n = 77; // not a multiple of the chunk size
            var inputs = Enumerable.Range(0, n * nIn).Select(_ => 2.0 * rng.NextDouble()).ToArray();
            var labels = Enumerable.Range(0, n).Select(_ => rng.Next(nLabels)).ToArray();
            var indices = Enumerable.Range(0, n).Select(_ => rng.Next(n)).ToArray();
            foreach (var loss in Losses)
            {
                var results = new List<(double Mean, double[] Gradient, double[] Outputs, double[] Losses)>();
                foreach (int threads in new[] { 1, 4 })
                {
                    var evaluator = new BatchEvaluator(network, threads);
                    var outputs = new double[n * nLabels];
                    var losses = new double[n];
                    var r = evaluator.Evaluate(prepared, loss, inputs, labels, indices, outputs, losses);
                    results.Add((r.MeanLoss, r.Gradient.ToArray(), outputs, losses));
                }

                var (m1, g1, o1, l1) = results[0];
                var (m4, g4, o4, l4) = results[1];
                Assert.Equal(BitConverter.DoubleToInt64Bits(m1), BitConverter.DoubleToInt64Bits(m4));
                Assert.Equal(g1.Select(BitConverter.DoubleToInt64Bits), g4.Select(BitConverter.DoubleToInt64Bits));
                Assert.Equal(o1.Select(BitConverter.DoubleToInt64Bits), o4.Select(BitConverter.DoubleToInt64Bits));
                Assert.Equal(l1.Select(BitConverter.DoubleToInt64Bits), l4.Select(BitConverter.DoubleToInt64Bits));
                informative += g1.Any(v => v != 0.0) ? 1 : 0;
                combinations++;
            }
        }

        Assert.True(2 * informative > combinations, $"only {informative} of {combinations} batches had a non-zero gradient");
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void SilentLabelNeuronGivesLoss100AndZeroGradient(string solver)
    {
        var rng = new Random(solver.Length * 31337);
        foreach (var delays in RandomNetworks.DelayConfigs)
        {
            var (nIn, nHidden, nLabels) = RandomNetworks.Sizes(delays, rng);
            var spec = RandomNetworks.Spec(solver, delays, nIn, nHidden, nLabels);
            var network = Network.Compile(spec);
            var theta = RandomNetworks.Parameters(spec, rng, weightLo: 0.5, weightHi: 2.5);
            var last = spec.Layout.Blocks.Last(b => b.Kind == ParameterKind.Weights);
            for (int i = 0; i < last.Rows; i++)
            {
                theta[last.Offset + (i * last.Columns)] = -1.0; // label neuron 0 only receives inhibition
            }

            var prepared = network.Prepare(new NetworkParameters(theta));
            var ws = network.CreateWorkspace();
            const int n = 20;
            var inputs = Enumerable.Range(0, n * nIn).Select(_ => 2.0 * rng.NextDouble()).ToArray();
            int otherSpikes = 0;
            foreach (var loss in Losses)
            {
                for (int b = 0; b < n; b++)
                {
                    ws.ClearGradient();
                    var output = network.Forward(prepared, inputs.AsSpan(b * nIn, nIn), ws);
                    Assert.True(double.IsPositiveInfinity(output[0]));
                    otherSpikes += output[1..].ToArray().Count(double.IsFinite);
                    Assert.Equal(LossSpec.SilentLoss, network.Backward(prepared, loss, 0, ws));
                    Assert.All(network.FlushDelayGradients(prepared, ws).ToArray(), g => Assert.Equal(0.0, g));
                }

                var r = new BatchEvaluator(network, 2).Evaluate(prepared, loss, inputs, new int[n], Enumerable.Range(0, n).ToArray());
                Assert.Equal(LossSpec.SilentLoss, r.MeanLoss);
                Assert.All(r.Gradient.ToArray(), g => Assert.Equal(0.0, g));
            }

            Assert.True(otherSpikes > 0, $"{delays}: no other label neuron ever spiked; the test would be vacuous for TTFS");
        }
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void OutputsLossesAndGradientsAreNeverNaN(string solver)
    {
        Gen.Select(Gen.Int[0, RandomNetworks.DelayConfigs.Length - 1], Gen.Int, Gen.Int[0, 2]).Sample((configIndex, seed, lossIndex) =>
        {
            var rng = new Random(seed);
            var delays = RandomNetworks.DelayConfigs[configIndex];
            var (nIn, nHidden, nLabels) = RandomNetworks.Sizes(delays, rng);
            var spec = RandomNetworks.Spec(solver, delays, nIn, nHidden, nLabels);
            var network = Network.Compile(spec);
            var theta = RandomNetworks.Parameters(spec, rng, delaySpread: 20.0);
            foreach (var block in spec.Layout.Blocks)
            {
                for (int k = 0; k < block.Count; k++)
                {
                    theta[block.Offset + k] = block.Kind == ParameterKind.Weights
                        ? (rng.Next(4) == 0 ? (rng.Next(2) == 0 ? 50.0 : -50.0) : -50.0 + (100.0 * rng.NextDouble()))
                        : (delays.Sigmoid ? -20.0 + (40.0 * rng.NextDouble()) : theta[block.Offset + k]);
                }
            }

            var prepared = network.Prepare(new NetworkParameters(theta));
            var ws = network.CreateWorkspace();
            var input = Enumerable.Range(0, nIn).Select(_ => rng.Next(8) == 0 ? double.PositiveInfinity : 50.0 * rng.NextDouble()).ToArray();
            if (rng.Next(4) == 0)
            {
                Array.Fill(input, input[0]); // coincident inputs
            }

            network.Forward(prepared, input, ws);
            for (int l = 0; l < network.NeuronLayerCount; l++)
            {
                foreach (var t in ws.NeuronLayerOutput(l))
                {
                    Assert.False(double.IsNaN(t), $"layer {l} produced NaN");
                    Assert.False(double.IsNegativeInfinity(t));
                }
            }

            ws.ClearGradient();
            var loss = Losses[lossIndex];
            double value = network.Backward(prepared, loss, rng.Next(nLabels), ws);
            Assert.False(double.IsNaN(value));
            Assert.All(network.FlushDelayGradients(prepared, ws).ToArray(), g => Assert.False(double.IsNaN(g)));
        }, iter: 3000);
    }
}
