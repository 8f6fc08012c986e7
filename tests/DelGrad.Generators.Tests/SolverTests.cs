using CsCheck;
using DelGrad.Solvers;

namespace DelGrad.Generators.Tests;

/// <summary>A general-ratio configuration generated in this test assembly.</summary>
[NeuronConfig(3, 1, 1)]
public partial struct TripleTauNeuron
{
}

/// <summary>Non-unit constants with leak and explicit g_leak.</summary>
[NeuronConfig(tauMem: 1.7, tauSyn: 0.6, threshold: 1.3, leak: 0.2, gLeak: 0.6 / 1.7)]
public partial struct OddNeuron
{
}

/// <summary>Equal tau with non-unit tau_syn and leak.</summary>
[NeuronConfig(0.8, 0.8, 0.9, -0.1)]
public partial struct ScaledEqualNeuron
{
}

/// <summary>Double tau with non-unit tau_syn.</summary>
[NeuronConfig(3.0, 1.5, 1.1)]
public partial struct ScaledDoubleNeuron
{
}

public sealed class SolverTests
{
    private static readonly Gen<(double[] W, double[] T)> Inputs =
        Gen.Int[1, 16].SelectMany(n => Gen.Select(Gen.Double[-1.0, 3.0].Array[n], Gen.Double[0.0, 4.0].Array[n]))
            .Select(p =>
            {
                var t = (double[])p.Item2.Clone();
                Array.Sort(t);
                return (p.Item1, t);
            });

    private static void Same<TGen, TRun>(in TGen generated, in TRun runtime)
        where TGen : struct, ISpikeTimeSolver<TGen>
        where TRun : struct, ISpikeTimeSolver<TRun>
    {
        var g = generated;
        var r = runtime;
        Inputs.Sample(x =>
        {
            double a = TGen.SpikeTime(g, x.W, x.T, out int ca);
            double b = TRun.SpikeTime(r, x.W, x.T, out int cb);
            Assert.Equal(cb, ca);
            if (double.IsPositiveInfinity(b))
            {
                Assert.True(double.IsPositiveInfinity(a));
            }
            else
            {
                Assert.True(Math.Abs(a - b) <= 1e-12 * Math.Max(1, Math.Abs(b)), $"{a} vs {b}");
            }

            foreach (double s in x.T)
            {
                Assert.True(Math.Abs(TGen.Psp(g, s) - TRun.Psp(r, s)) <= 1e-12);
                Assert.True(Math.Abs(TGen.PspSlope(g, s) - TRun.PspSlope(r, s)) <= 1e-12);
            }
        }, iter: 2000);
    }

    [Fact]
    public void FastAndDeepEqualsEqualTauSolver() => Same(default(FastAndDeepNeuron), new EqualTauSolver(FastAndDeepNeuron.Constants));

    [Fact]
    public void DelGradNeuronEqualsDoubleTauSolver() => Same(default(DelGradNeuron), new DoubleTauSolver(DelGradNeuron.Constants));

    [Fact]
    public void ScaledEqualEqualsEqualTauSolver() => Same(default(ScaledEqualNeuron), new EqualTauSolver(ScaledEqualNeuron.Parameters.Constants));

    [Fact]
    public void ScaledDoubleEqualsDoubleTauSolver() => Same(default(ScaledDoubleNeuron), new DoubleTauSolver(ScaledDoubleNeuron.Parameters.Constants));

    [Fact]
    public void TripleTauEqualsGeneralSolver() => Same(default(TripleTauNeuron), new GeneralSolver(TripleTauNeuron.Parameters.Constants));

    [Fact]
    public void OddEqualsGeneralSolver() => Same(default(OddNeuron), new GeneralSolver(OddNeuron.Parameters.Constants));

    [Fact]
    public void ModelsAndParametersAreFolded()
    {
        Assert.Equal(NeuronModel.EqualTau, FastAndDeepNeuron.Model);
        Assert.Equal(NeuronModel.DoubleTau, DelGradNeuron.Model);
        Assert.Equal(NeuronModel.General, TripleTauNeuron.Model);
        Assert.Equal(DelGrad.Model.NeuronParameters.EqualTau(), FastAndDeepNeuron.Parameters);
        Assert.Equal(DelGrad.Model.NeuronParameters.DoubleTau(), DelGradNeuron.Parameters);
        Assert.Equal(DelGradNeuron.Parameters.Constants, DelGradNeuron.Constants);
        Assert.Equal(OddNeuron.Parameters.Constants, OddNeuron.Constants);
        Assert.Equal(0.2, OddNeuron.Leak);
        Assert.Equal(1.0 / 0.6, OddNeuron.InvTauSyn);
    }
}
