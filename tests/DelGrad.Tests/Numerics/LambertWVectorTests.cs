using System.Runtime.Intrinsics;
using CsCheck;
using DelGrad.Numerics;

namespace DelGrad.Tests.Numerics;

/// <summary>The four-lane W0 agrees with the scalar one element by element (each is within a few ulps of W0, so they differ by at most about 5 ulps).</summary>
public class LambertWVectorTests
{
    private const double MinusInvE = -0.36787944117144233;

    // Every region: next to the branch point, the Padé range, around 0 (Taylor), Winitzki's range, huge values.
    private static readonly Gen<double> Arguments = Gen.OneOf(
        Gen.Double[MinusInvE, -0.25],
        Gen.Double[-0.25, 0.7],
        Gen.Double[-1e-3, 1e-3],
        Gen.Double[0.7, 1e6],
        Gen.Double[1e6, 1e300],
        Gen.Double[1e-300, 1e-10],
        Gen.Int[0, 40].Select(k => MinusInvE + (k * 1e-17)));

    [Fact]
    public void AgreesWithTheScalarFunction() => Arguments.Array[4].Sample(iter: 20_000, assert: z =>
    {
        var w = LambertW.W0(Vector256.Create(z));
        for (int k = 0; k < 4; k++)
        {
            double expected = LambertW.W0(z[k]);
            Assert.True(Math.Abs(w[k] - expected) <= 1.2e-15 * Math.Max(Math.Abs(expected), 1e-300), $"W0({z[k]:R}): vector {w[k]:R}, scalar {expected:R}");
        }
    });

    // Kernels run four neurons per vector: a neuron's result must not depend on its neighbours, whatever they hold.
    [Fact]
    public void EachElementDependsOnItselfOnly() => Gen.Select(Arguments, Gen.Int[0, 3], Gen.Int[0, Special.Length - 1].Array[3]).Sample(iter: 5_000, assert: (z, lane, others) =>
    {
        double expected = LambertW.W0(Vector256.Create(z))[0];
        var values = new double[4];
        for (int k = 0, o = 0; k < 4; k++)
        {
            values[k] = k == lane ? z : Special[others[o++]];
        }

        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(LambertW.W0(Vector256.Create(values))[lane]));
    });

    private static readonly double[] Special = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.5, MinusInvE, 1e-300, 1e300];

    [Fact]
    public void OutsideTheDomainAndAtTheEnds()
    {
        var w = LambertW.W0(Vector256.Create(-0.5, double.NaN, double.PositiveInfinity, 0.0));
        Assert.True(double.IsNaN(w[0]));
        Assert.True(double.IsNaN(w[1]));
        Assert.Equal(double.PositiveInfinity, w[2]);
        Assert.Equal(0.0, w[3]);
        Assert.Equal(-1.0, LambertW.W0(Vector256.Create(MinusInvE))[0]);
    }
}
