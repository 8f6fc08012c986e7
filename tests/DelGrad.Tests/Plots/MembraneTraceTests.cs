using CsCheck;
using DelGrad.Kernel;

namespace DelGrad.Tests.Plots;

public class MembraneTraceTests(SmallRun run) : IClassFixture<SmallRun>
{
    // The membrane of every neuron that spikes crosses its threshold exactly at the solver's spike time, and stays
    // below it before: the closed-form trace and the spike-time solver agree.
    [Fact]
    public void EverySpikingNeuronCrossesItsThresholdAtTheSolversSpikeTime()
    {
        var network = run.Results.Network;
        Gen.Int[0, run.Results.TestSplit.Count - 1].Select(Gen.Int[0, network.NeuronLayerCount - 1]).Sample(
            (sample, layer) =>
            {
                var input = run.Input(sample);
                for (int j = 0; j < network.NeuronLayerSizes[layer]; j++)
                {
                    var at = network.Membrane(run.Results.Parameters, input, layer, j, [0.0]);
                    if (!double.IsFinite(at.SpikeTime))
                    {
                        continue;
                    }

                    double t = at.SpikeTime;
                    var trace = network.Membrane(run.Results.Parameters, input, layer, j, [t, .. Enumerable.Range(0, 200).Select(k => t * k / 200.0)]);
                    double scale = 1 + at.Weights.Sum(Math.Abs);
                    Assert.True(Math.Abs(trace.Potential[0] - trace.Threshold) <= 1e-9 * scale, $"V({t}) = {trace.Potential[0]}, threshold {trace.Threshold}");
                    Assert.All(trace.Potential.Skip(1).SkipLast(1), v => Assert.True(v < trace.Threshold, $"V = {v} reaches the threshold before the spike at {t}"));
                    Assert.Equal(trace.Leak, trace.Potential[1]);
                }
            },
            iter: 30);
    }

    [Fact]
    public void TheTraceSumsTheWeightedPspsOfTheArrivedInputs()
    {
        var input = run.Input(0);
        var network = run.Results.Network;
        var trace = network.Membrane(run.Results.Parameters, input, 0, 3, [0.5, 1.0, 2.0, 3.0]);

        // DelGrad neuron (tau_mem = 2 tau_syn = 2): PSP(s) = 2 (e^(-s/2) - e^(-s)).
        for (int k = 0; k < trace.Times.Length; k++)
        {
            double t = trace.Times[k], v = trace.Leak;
            for (int i = 0; i < trace.Arrivals.Length; i++)
            {
                if (trace.Arrivals[i] < t)
                {
                    double s = t - trace.Arrivals[i];
                    v += trace.Weights[i] * 2 * (Math.Exp(-s / 2) - Math.Exp(-s));
                }
            }

            Assert.Equal(v, trace.Potential[k], 12);
        }
    }

    [Fact]
    public void NoSuchNeuronIsAnArgumentError()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => run.Results.Network.Membrane(run.Results.Parameters, run.Input(0), 5, 0, [1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => run.Results.Network.Membrane(run.Results.Parameters, run.Input(0), 0, 999, [1.0]));
    }
}
