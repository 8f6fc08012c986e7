using DelGrad.TestKit;
using DelGrad.Training;

namespace DelGrad.Tests.Training;

/// <summary>
/// The trainer against <see cref="ReferenceTrainingMirror"/>, an independent scalar implementation of the reference
/// code's training loop: the same parameters after every epoch (to accumulated rounding) and the same bumps, for
/// every software Yin-Yang config (Fast &amp; Deep and the DelGrad ones) and both kernels. Three batches per epoch, the last one short.
/// </summary>
public class ReferenceTrainingMirrorTests
{
    // Seeds chosen so that both the bump rule (W seed 0 bumps in every batch of its first epochs, doubling;
    // H5-WS seed 2 bumps, then steps) and plain Adam steps are compared. max_dw_norm 0.2 rarely fires this early,
    // so two cases lower it until it cuts columns. Fast & Deep starts bumping after a few epochs on the whole
    // training set, so its comparison starts from the trainer's state after those (Adam moments and bump state
    // handed over).
    [Theory]
    [InlineData("yinyang-h30-w", 0, KernelChoice.Compiled, true)]
    [InlineData("yinyang-h30-wa", 1, KernelChoice.Compiled, false)]
    [InlineData("yinyang-h30-ws", 4, KernelChoice.Compiled, false)]
    [InlineData("yinyang-h30-ws", 4, KernelChoice.Runtime, false)]
    [InlineData("yinyang-h30-wd", 2, KernelChoice.Compiled, false)]
    [InlineData("yinyang-h5-ws", 2, KernelChoice.Compiled, true)]
    [InlineData("yinyang-h5-ws", 2, KernelChoice.Runtime, true)]
    [InlineData("yinyang-fastanddeep", 0, KernelChoice.Compiled, true, 0.2, 5)]
    [InlineData("yinyang-fastanddeep", 1, KernelChoice.Runtime, true, 0.2, 6)]
    [InlineData("yinyang-h30-ws", 4, KernelChoice.Compiled, false, 0.002)]
    [InlineData("yinyang-h30-wa", 1, KernelChoice.Runtime, false, 0.0005)]
    public void TheTrainerRunsTheReferencesTrainingLoop(string name, int seed, KernelChoice kernel, bool bumps, double maxDwNorm = 0.2, int warmupEpochs = 0)
    {
        var config = TrainingSmokeTests.Load(name);
        config = config with
        {
            Data = config.Data with { TrainSize = 400, ValidationSize = 20 },
            Training = config.Training with { Seed = seed, Kernel = kernel, MaxDwNorm = maxDwNorm },
        };
        var trainer = new Trainer(config, threads: 2);
        var splits = Splits.YinYang(config.Data);
        var state = trainer.Initial();
        var whole = Splits.YinYang(config.Data with { TrainSize = 5000 }).Train;
        for (int e = 0; e < warmupEpochs; e++)
        {
            state = trainer.Epoch(state, whole, splits.Validation).State;
        }

        var mirror = new ReferenceTrainingMirror(config);
        mirror.Resume(state);
        double[] p = state.Parameters.Values.ToArray();
        const int epochs = 4;
        var trainerBumps = new List<int>();
        for (int e = warmupEpochs; e < warmupEpochs + epochs; e++)
        {
            (state, var metrics) = trainer.Epoch(state, splits.Train, splits.Validation);
            trainerBumps.Add(metrics.Bumps);
            mirror.Epoch(p, splits.Train, e);
            var ours = state.Parameters.Values;
            for (int q = 0; q < p.Length; q++)
            {
                Assert.True(Math.Abs(ours[q] - p[q]) <= 1e-9 * Math.Max(1, Math.Abs(p[q])), $"epoch {e + 1}, parameter {q}: trainer {ours[q]:R}, reference loop {p[q]:R}");
            }
        }

        Assert.Equal(mirror.Bumps, trainerBumps);
        Assert.Equal(bumps, trainerBumps.Sum() > 0);
    }
}
