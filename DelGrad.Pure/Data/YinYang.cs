namespace DelGrad.Data;

/// <summary>
/// The Yin-Yang data set (Kriener, Goeltz, Petrovici 2021), generated bit for bit like the reference
/// generator on numpy's legacy <c>RandomState(seed)</c>.
/// </summary>
/// <remarks>
/// Per sample the goal class is drawn once with <c>randint(3)</c>; then candidates
/// <c>(x, y) = (random_sample() * 2 * rBig, random_sample() * 2 * rBig)</c> are drawn until one lies inside the
/// big circle and belongs to the goal class. A sample is <c>[x, y, 1 - x, 1 - y]</c>.
/// Pure: the result depends only on the arguments.
/// </remarks>
public static class YinYang
{
    /// <summary>Default radius of the two dots.</summary>
    public const double DefaultRSmall = 0.1;

    /// <summary>Default radius of the big circle.</summary>
    public const double DefaultRBig = 0.5;

    /// <summary>Size of the standard training split.</summary>
    public const int TrainSize = 5000;

    /// <summary>Seed of the standard training split.</summary>
    public const int TrainSeed = 42;

    /// <summary>Size of the standard validation split.</summary>
    public const int ValidationSize = 1000;

    /// <summary>Seed of the standard validation split.</summary>
    public const int ValidationSeed = 41;

    /// <summary>Size of the standard test split.</summary>
    public const int TestSize = 1000;

    /// <summary>Seed of the standard test split.</summary>
    public const int TestSeed = 40;

    /// <summary>The standard training split (5000 samples, seed 42).</summary>
    /// <returns>The generated data set.</returns>
    public static YinYangDataSet Train() => Generate(TrainSize, TrainSeed);

    /// <summary>The standard validation split (1000 samples, seed 41).</summary>
    /// <returns>The generated data set.</returns>
    public static YinYangDataSet Validation() => Generate(ValidationSize, ValidationSeed);

    /// <summary>The standard test split (1000 samples, seed 40).</summary>
    /// <returns>The generated data set.</returns>
    public static YinYangDataSet Test() => Generate(TestSize, TestSeed);

    /// <summary>Generates <paramref name="size"/> samples from <c>RandomState(seed)</c>, like the reference generator.</summary>
    /// <param name="size">Number of samples (0 or more).</param>
    /// <param name="seed">The seed (0 or more; used as numpy's <c>seed &amp; 0xffffffff</c>).</param>
    /// <param name="rSmall">Radius of the two dots.</param>
    /// <param name="rBig">Radius of the big circle (its centre is <c>(rBig, rBig)</c>).</param>
    /// <returns>The generated data set.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A negative size or seed, or non-positive radii.</exception>
    public static YinYangDataSet Generate(int size, int seed, double rSmall = DefaultRSmall, double rBig = DefaultRBig)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        if (!(rSmall > 0.0) || double.IsInfinity(rSmall))
        {
            throw new ArgumentOutOfRangeException(nameof(rSmall), rSmall, "Must be positive and finite.");
        }
        if (!(rBig > 0.0) || double.IsInfinity(rBig))
        {
            throw new ArgumentOutOfRangeException(nameof(rBig), rBig, "Must be positive and finite.");
        }

        var rng = new Mt19937((uint)seed);
        var samples = new double[size * YinYangDataSet.FeatureCount];
        var labels = new int[size];
        for (int i = 0; i < size; i++)
        {
            int goal = rng.NextInt(3);
            double x, y;
            while (true)
            {
                // numpy: x, y = rng.rand(2) * 2. * r_big
                x = rng.NextDouble() * 2.0 * rBig;
                y = rng.NextDouble() * 2.0 * rBig;
                if (Math.Sqrt(Square(x - rBig) + Square(y - rBig)) > rBig)
                {
                    continue;
                }
                if (WhichClass(x, y, rSmall, rBig) == goal)
                {
                    break;
                }
            }

            int o = i * YinYangDataSet.FeatureCount;
            samples[o] = x;
            samples[o + 1] = y;
            samples[o + 2] = 1.0 - x;
            samples[o + 3] = 1.0 - y;
            labels[i] = goal;
        }

        return new YinYangDataSet(samples, labels);
    }

    /// <summary>
    /// The class of a point inside the big circle: 2 (dot) if it is within <paramref name="rSmall"/> of either
    /// dot, else 1 (yang) or 0 (yin), exactly as the reference <c>which_class</c>.
    /// </summary>
    /// <param name="x">First coordinate.</param>
    /// <param name="y">Second coordinate.</param>
    /// <param name="rSmall">Radius of the two dots.</param>
    /// <param name="rBig">Radius of the big circle.</param>
    /// <returns>0, 1 or 2.</returns>
    public static int WhichClass(double x, double y, double rSmall = DefaultRSmall, double rBig = DefaultRBig)
    {
        double dRight = DistToRightDot(x, y, rBig);
        double dLeft = DistToLeftDot(x, y, rBig);
        bool criterion1 = dRight <= rSmall;
        bool criterion2 = dLeft > rSmall && dLeft <= 0.5 * rBig;
        bool criterion3 = y > rBig && dRight > 0.5 * rBig;
        bool isYin = criterion1 || criterion2 || criterion3;
        bool isCircles = dRight < rSmall || dLeft < rSmall;
        if (isCircles)
        {
            return 2;
        }
        return isYin ? 1 : 0;
    }

    private static double DistToRightDot(double x, double y, double rBig) =>
        Math.Sqrt(Square(x - 1.5 * rBig) + Square(y - rBig));

    private static double DistToLeftDot(double x, double y, double rBig) =>
        Math.Sqrt(Square(x - 0.5 * rBig) + Square(y - rBig));

    private static double Square(double v) => v * v;
}
