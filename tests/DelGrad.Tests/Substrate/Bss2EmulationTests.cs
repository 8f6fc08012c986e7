using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Substrate;
using LanguageExt;
using static LanguageExt.Prelude;

namespace DelGrad.Tests.Substrate;

public class Bss2EmulationTests
{
    private static readonly BatchKey Batch0 = new(RunSeed: 3, Epoch: 1, Batch: 0);

    private static Bss2Config Noisy => Bss2Config.Default with { TauMemFpStd = 0.05, TauSynFpStd = 0.05, OutputJitterNs = 40, SpikeLoss = 0.1 };

    [Fact]
    public void IdealEmulationReproducesNetworkForwardBitForBit()
    {
        int finite = 0;
        for (int seed = 0; seed < 40; seed++)
        {
            var (spec, parameters, inputs) = SubstrateTestNetworks.Random(seed);

            // The emulation runs the scalar solvers: compared with the network on the same (the lane kernels agree with them
            // to 1e-12, see NetworkEquivalenceTests and LaneKernelTests).
            var network = Network.CompileWithoutLanes(spec);
            var prepared = network.Prepare(parameters);
            var ws = network.CreateWorkspace();
            var chip = new Bss2Emulation(spec, parameters, Bss2Config.Ideal, chipSeed: seed);
            var result = chip.Run(inputs, Batch0);
            Assert.Equal(0, chip.ClippedWeights);
            Assert.Equal(0, result.LostSpikes);
            for (int s = 0; s < inputs.Length; s++)
            {
                network.Forward(prepared, inputs[s], ws);
                for (int l = 0; l < network.NeuronLayerCount; l++)
                {
                    var expected = ws.NeuronLayerOutput(l).ToArray();
                    var actual = result.Times(s, l).ToArray();
                    Assert.Equal(expected.Length, actual.Length);
                    for (int j = 0; j < expected.Length; j++)
                    {
                        Assert.True(
                            BitConverter.DoubleToInt64Bits(expected[j]) == BitConverter.DoubleToInt64Bits(actual[j]),
                            $"seed {seed} sample {s} layer {l} neuron {j}: {expected[j]:R} vs {actual[j]:R}");
                        finite += double.IsFinite(actual[j]) ? 1 : 0;
                    }
                }
            }
        }

        Assert.True(finite > 200, $"only {finite} spikes: the comparison is nearly vacuous");
    }

    [Fact]
    public void SameSeedsGiveSameBitsOnOneOrManyThreads()
    {
        var (spec, parameters, inputs) = SubstrateTestNetworks.Random(5, samples: 24);
        var a = new Bss2Emulation(spec, parameters, Noisy, chipSeed: 9).Run(inputs, Batch0, threads: 1);
        var b = new Bss2Emulation(spec, parameters, Noisy, chipSeed: 9).Run(inputs, Batch0, threads: 4);
        var other = new Bss2Emulation(spec, parameters, Noisy, chipSeed: 9).Run(inputs, Batch0 with { RunSeed = 4 });
        bool differs = false;
        for (int s = 0; s < inputs.Length; s++)
        {
            for (int l = 0; l < spec.Layers.Count(x => x is NeuronLayer); l++)
            {
                Assert.True(a.Times(s, l).SequenceEqual(b.Times(s, l)), $"sample {s} layer {l}");
                differs |= !a.Times(s, l).SequenceEqual(other.Times(s, l));
            }
        }

        Assert.Equal(a.LostSpikes, b.LostSpikes);
        Assert.True(differs, "another run seed should change the trial noise");
    }

    [Fact]
    public void WeightsLandOnTheSixBitGridAndClippingIsCounted()
    {
        var spec = NetworkSpec.Create(40, Seq1<LayerSpec>(new NeuronLayer(50, NeuronParameters.EqualTau(2.6)))).ThrowIfFail();
        var rng = new Random(1);
        var w = Enumerable.Range(0, spec.Layout.Count).Select(_ => -4 + (8 * rng.NextDouble())).ToArray();
        var chip = new Bss2Emulation(spec, new NetworkParameters(w), Bss2Config.Default, chipSeed: 1);
        int expectedClipped = w.Count(x => Math.Abs(x) > 63.0 / 30.0);
        Assert.InRange(expectedClipped, 1, w.Length - 1);
        Assert.Equal(expectedClipped, chip.ClippedWeights);
        Assert.Equal(w.Length, chip.WeightCount);
        var q = chip.Weights(0).ToArray();
        for (int k = 0; k < q.Length; k++)
        {
            double steps = q[k] * 30;
            Assert.True(Math.Abs(steps - Math.Round(steps)) < 1e-9, $"{q[k]} is off the grid");
            Assert.InRange(Math.Abs(Math.Round(steps)), 0, 63);
            Assert.True(Math.Abs(q[k] - Math.Clamp(w[k], -2.1, 2.1)) <= (0.5 / 30) + 1e-12);
        }
    }

    [Fact]
    public void DelaysLandOnTheCircuitGridAndRange()
    {
        var layers = Seq<LayerSpec>(new DelayLayer(DelayKind.Synaptic, new Positivity.Clip()), new NeuronLayer(30, NeuronParameters.EqualTau(2.6)));
        var spec = NetworkSpec.Create(20, layers).ThrowIfFail();
        var delayBlock = spec.Layout.Blocks.Find(b => b.Kind == ParameterKind.DelayRaw).IfNone(() => throw new InvalidOperationException());
        var rng = new Random(2);
        var values = new double[spec.Layout.Count];
        for (int k = 0; k < delayBlock.Count; k++)
        {
            values[delayBlock.Offset + k] = 8 * rng.NextDouble(); // 0..48 us
        }

        var chip = new Bss2Emulation(spec, new NetworkParameters(values), Bss2Config.Default, chipSeed: 1);
        var raw = values.AsSpan(delayBlock.Offset, delayBlock.Count).ToArray();
        Assert.Equal(raw.Count(d => d * 6 < 8.25 || d * 6 > 33.25), chip.DelaysOutOfRange);
        Assert.True(chip.DelaysOutOfRange > 0);
        foreach (var d in chip.Delays(0))
        {
            double ns = d * 6000;
            Assert.InRange(ns, 8250 - 1e-6, 33250 + 1e-6);
            Assert.True(Math.Abs((ns / 125) - Math.Round(ns / 125)) < 1e-6, $"{ns} ns is off the 125 ns grid");
        }
    }

    [Fact]
    public void ThresholdOffsetsHaveTheConfiguredStatistics()
    {
        const int n = 20_000;
        var spec = NetworkSpec.Create(1, Seq1<LayerSpec>(new NeuronLayer(n, NeuronParameters.EqualTau(2.6)))).ThrowIfFail();
        var p = new NetworkParameters(new double[n]);
        var chip = new Bss2Emulation(spec, p, Bss2Config.Default, chipSeed: 17);
        var fp = chip.FixedPatternThresholdOffsets(0).ToArray();
        AssertNormal(fp, 0.13, 0.08);
        Assert.Equal(fp, new Bss2Emulation(spec, p, Bss2Config.Default, chipSeed: 17).FixedPatternThresholdOffsets(0).ToArray());
        Assert.NotEqual(fp, new Bss2Emulation(spec, p, Bss2Config.Default, chipSeed: 18).FixedPatternThresholdOffsets(0).ToArray());

        var trial = Enumerable.Range(0, n).Select(j => chip.TrialThresholdOffset(j, Batch0)).ToArray();
        AssertNormal(trial, 0.0, 0.04);
        Assert.NotEqual(trial[0], chip.TrialThresholdOffset(0, Batch0 with { Batch = 1 }));

        var constants = chip.Constants(0, Batch0);
        Assert.Equal(2.6 + fp[10] + trial[10], constants[10].C, 12);
    }

    [Fact]
    public void TauMismatchSpreadsTheSolverConstants()
    {
        const int n = 5_000;
        var spec = NetworkSpec.Create(1, Seq1<LayerSpec>(new NeuronLayer(n, NeuronParameters.EqualTau(2.6)))).ThrowIfFail();
        var config = Bss2Config.Default with { TauSynFpStd = 0.1 };
        var constants = new Bss2Emulation(spec, new NetworkParameters(new double[n]), config, 4).Constants(0, Batch0);
        AssertNormal(constants.Select(c => c.TauSyn).ToArray(), 1.0, 0.1);
        Assert.Contains(constants, c => c.G != 1.0);
    }

    [Fact]
    public void ReportedTimesAreOnTheTimestampGrid()
    {
        var (spec, parameters, inputs) = SubstrateTestNetworks.Random(8, samples: 10);
        var result = new Bss2Emulation(spec, parameters, Bss2Config.Default, 1).Run(inputs, Batch0);
        int finite = 0;
        for (int s = 0; s < inputs.Length; s++)
        {
            foreach (var t in result.Output(s))
            {
                if (double.IsFinite(t))
                {
                    finite++;
                    double ticks = t * 6000 / 8;
                    Assert.True(Math.Abs(ticks - Math.Round(ticks)) < 1e-6, $"{t} is off the 8 ns grid");
                }
            }
        }

        Assert.True(finite > 0);
    }

    [Fact]
    public void CertainSpikeLossSilencesEverythingAndChipTimeIsOneWindowPerSample()
    {
        // The first random network whose first layer fires at all.
        var (spec, parameters, inputs) = Enumerable.Range(0, 50).Select(seed => SubstrateTestNetworks.Random(seed, samples: 10))
            .First(n => Enumerable.Range(0, 10).Any(s => new Bss2Emulation(n.Spec, n.Parameters, Bss2Config.Ideal, 1).Run(n.Inputs, Batch0).Times(s, 0).ToArray().Any(double.IsFinite)));
        var lossless = new Bss2Emulation(spec, parameters, Bss2Config.Ideal, 1).Run(inputs, Batch0);
        var result = new Bss2Emulation(spec, parameters, Bss2Config.Ideal with { SpikeLoss = 1.0 }, 1).Run(inputs, Batch0);
        int firstLayerSpikes = 0;
        for (int s = 0; s < inputs.Length; s++)
        {
            Assert.All(result.Output(s).ToArray(), t => Assert.Equal(double.PositiveInfinity, t));
            firstLayerSpikes += lossless.Times(s, 0).ToArray().Count(double.IsFinite);
        }

        Assert.True(firstLayerSpikes > 0);
        Assert.Equal(firstLayerSpikes, result.LostSpikes);
        Assert.Equal(10 * 180e-6, result.ChipSeconds, 15);
        Assert.Equal(1 / 180e-6, result.SamplesPerChipSecond, 9);
    }

    [Fact]
    public void DelayJitterShiftsEachDelayedSpikeWithTheConfiguredSpread()
    {
        // One input, one neuron, one delay: the spike time is arrival + a constant, so jitter passes through 1:1.
        var layers = Seq<LayerSpec>(new DelayLayer(DelayKind.Axonal, new Positivity.Clip()), new NeuronLayer(1, NeuronParameters.EqualTau(1.0)));
        var spec = NetworkSpec.Create(1, layers).ThrowIfFail();
        var p = new NetworkParameters([2.0, 3.0]); // delay 2 tau_syn = 12 us, weight 3
        var inputs = Enumerable.Range(0, 4000).Select(_ => new[] { 0.5 }).ToArray();
        var exact = Bss2Config.Ideal with { DelayMinUs = 8.25, DelayMaxUs = 33.25, DelayStepNs = 125 };
        double reference = new Bss2Emulation(spec, p, exact, 1).Run(inputs[..1], Batch0).Output(0)[0];
        Assert.True(double.IsFinite(reference));
        var jittered = new Bss2Emulation(spec, p, exact with { DelayJitterNs = 60 }, 1).Run(inputs, Batch0);
        var shifts = Enumerable.Range(0, inputs.Length).Select(s => jittered.Output(s)[0] - reference).ToArray();
        AssertNormal(shifts, 0.0, 60.0 / 6000.0);
    }

    private static void AssertNormal(double[] xs, double mean, double std)
    {
        double m = xs.Average();
        double s = Math.Sqrt(xs.Sum(x => (x - m) * (x - m)) / (xs.Length - 1));
        Assert.True(Math.Abs(m - mean) < 5 * std / Math.Sqrt(xs.Length), $"mean {m}, expected {mean}");
        Assert.True(Math.Abs(s - std) < 5 * std / Math.Sqrt(2.0 * xs.Length), $"std {s}, expected {std}");
    }
}
