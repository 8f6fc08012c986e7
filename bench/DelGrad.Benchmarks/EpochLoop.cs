using BenchmarkDotNet.Attributes;
using DelGrad.Serialization;
using DelGrad.Training;

namespace DelGrad.Benchmarks;

/// <summary>
/// One H30-WS epoch (5000 training samples forward + backward, 1000 validation samples forward) two ways: the
/// bare kernel on one core (no batching, no optimiser, no threads: the floor the training loop is measured
/// against, halved for two cores) and <see cref="Trainer.Epoch"/> on two threads and on one (batches, thread
/// hand-off, Adam, bumps, validation). <c>scripts/measure-epoch-loop.sh</c> puts both next to <c>delgrad train</c>'s whole
/// loop (which adds the checkpoint, the metrics row and the log line).
/// </summary>
[MemoryDiagnoser]
public class EpochLoop
{
    private YinyangH30WsNetwork kernel = null!;
    private YinyangH30WsNetwork secondKernel = null!;
    private Trainer trainer = null!;
    private Trainer oneThread = null!;
    private TrainingState state = null!;
    private Splits splits = null!;

    /// <summary>The reference config after 20 epochs: spike patterns as in a real run.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var config = ConfigReader.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "yinyang-h30-ws.json")), "yinyang-h30-ws.json").ThrowIfFail();
        trainer = new Trainer(config, threads: 2);
        oneThread = new Trainer(config, threads: 1);
        splits = Splits.YinYang(config.Data);
        state = trainer.Initial();
        for (int e = 0; e < 20; e++)
        {
            state = trainer.Epoch(state, splits.Train, splits.Validation).State;
        }

        kernel = new YinyangH30WsNetwork();
        kernel.Prepare(state.Parameters.Values);
        secondKernel = new YinyangH30WsNetwork();
        secondKernel.Prepare(state.Parameters.Values);
    }

    /// <summary>The epoch's samples on the bare generated kernel, one core, parameters prepared once.</summary>
    [Benchmark]
    public double KernelOnlyOneCore()
    {
        double sum = 0;
        var train = splits.Train;
        for (int s = 0; s < train.Count; s++)
        {
            kernel.Forward(train.Inputs.AsSpan(s * 4, 4));
            sum += kernel.Backward(YinyangH30WsNetwork.Loss, train.Labels[s], 1.0 / 150);
        }

        var validation = splits.Validation;
        for (int s = 0; s < validation.Count; s++)
        {
            sum += kernel.Forward(validation.Inputs.AsSpan(s * 4, 4))[0];
        }

        kernel.ClearGradient();
        return sum;
    }

    /// <summary>
    /// The same samples on the bare kernel, both cores: each core runs its own kernel instance on half of the training and
    /// validation samples (no batches, no reduction). What the kernels themselves reach on this machine's two cores (two
    /// virtual CPUs need not give twice one), the fair floor for a two-thread loop.
    /// </summary>
    [Benchmark]
    public double KernelOnlyTwoCores()
    {
        double first = 0, second = 0;
        Parallel.Invoke(
            () => first = Half(kernel, 0),
            () => second = Half(secondKernel, 1));
        return first + second;
    }

    private double Half(YinyangH30WsNetwork k, int half)
    {
        double sum = 0;
        var train = splits.Train;
        for (int s = half; s < train.Count; s += 2)
        {
            k.Forward(train.Inputs.AsSpan(s * 4, 4));
            sum += k.Backward(YinyangH30WsNetwork.Loss, train.Labels[s], 1.0 / 150);
        }

        var validation = splits.Validation;
        for (int s = half; s < validation.Count; s += 2)
        {
            sum += k.Forward(validation.Inputs.AsSpan(s * 4, 4))[0];
        }

        k.ClearGradient();
        return sum;
    }

    /// <summary>The same epoch through the trainer on two threads (always from the same state).</summary>
    [Benchmark]
    public double TrainerEpochTwoThreads() => trainer.Epoch(state, splits.Train, splits.Validation).Metrics.TrainLoss;

    /// <summary>The same epoch through the trainer on one thread (no hand-off: what batching, Adam and bumps add to the kernel).</summary>
    [Benchmark]
    public double TrainerEpochOneThread() => oneThread.Epoch(state, splits.Train, splits.Validation).Metrics.TrainLoss;
}
