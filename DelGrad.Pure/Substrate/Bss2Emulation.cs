using DelGrad.Model;
using DelGrad.Solvers;
using DelGrad.Specs.Plan;

namespace DelGrad.Substrate;

/// <summary>The seeds and position of one emulated batch (the chip seed lives in the emulation).</summary>
/// <param name="RunSeed">The run (trial-to-trial noise).</param>
/// <param name="Epoch">Epoch index (0-based; the epoch a validation pass follows; ignored for the test).</param>
/// <param name="Batch">Batch index within the epoch (selects the trial threshold offsets).</param>
/// <param name="Phase">Training, validation or test: each draws its own trial noise.</param>
public readonly record struct BatchKey(long RunSeed, int Epoch, int Batch, NoisePhase Phase = NoisePhase.Training)
{
    /// <summary>
    /// The epoch word of the noise keys: the epoch for training, -1 - epoch for validation, int.MinValue for the
    /// test. Phases never share a word, and these are the words every recorded chip result was drawn with.
    /// </summary>
    public int NoiseEpoch => Phase switch
    {
        NoisePhase.Training => Epoch,
        NoisePhase.Validation => -1 - Epoch,
        _ => int.MinValue,
    };
}

/// <summary>
/// A network as a BrainScaleS-2 chip would run it: weights on the 6-bit grid, delays on the delay
/// circuits' grid and range, per-neuron threshold offsets (fixed pattern per chip seed plus a trial
/// offset per batch), optional tau mismatch, delay and output jitter, spike loss and quantised
/// timestamps. Immutable after construction (fixed-pattern noise is drawn here); every random number
/// comes from <see cref="CounterNoise"/>, so results do not depend on thread count.
/// </summary>
public sealed class Bss2Emulation
{
    private readonly Step[] steps;
    private readonly NeuronStep[] neuronSteps;
    private readonly int width;

    /// <summary>Quantises <paramref name="parameters"/> and draws the chip's fixed-pattern noise.</summary>
    public Bss2Emulation(NetworkSpec spec, NetworkParameters parameters, Bss2Config config, long chipSeed)
    {
        if (parameters.Count != spec.Layout.Count)
        {
            throw new ArgumentException($"parameters: expected {spec.Layout.Count} values for this network, got {parameters.Count}", nameof(parameters));
        }

        var errors = config.Validate();
        if (!errors.IsEmpty)
        {
            throw new ArgumentException(string.Join("; ", errors.Map(e => e.Message)), nameof(config));
        }

        Spec = spec;
        Config = config;
        ChipSeed = chipSeed;
        var list = new List<Step>();
        int neuronOffset = 0;
        var values = parameters.Values;
        foreach (var stage in spec.Plan.Stages)
        {
            switch (stage)
            {
                case BiasStagePlan bias:
                    list.Add(new BiasStep(((BiasSpikesLayer)spec.Layers[bias.LayerIndex]).Times.ToArray()));
                    break;
                case MultiplexStagePlan mux:
                    list.Add(new MultiplexStep(mux.Factor));
                    break;
                case NeuronStagePlan n:
                    var neuron = ((NeuronLayer)spec.Layers[n.LayerIndex]).Neuron;
                    var step = new NeuronStep(n.InSize, n.OutSize, neuron, neuronOffset, n.ArrivalOffset);
                    var w = values.Slice(n.WeightOffset, n.WeightCount);
                    for (int k = 0; k < w.Length; k++)
                    {
                        step.Weights[k] = QuantiseWeight(w[k], config, out bool clipped);
                        ClippedWeights += clipped ? 1 : 0;
                    }

                    WeightCount += w.Length;
                    if (n.Delays is { } block)
                    {
                        var delays = (DelayLayer)spec.Layers[block.LayerIndex];
                        step.Wiring = delays.Kind;
                        step.Delays = new double[block.Count];
                        for (int k = 0; k < block.Count; k++)
                        {
                            double effective = delays.Positivity.Effective(values[block.RawOffset + block.RawIndexOfExpanded(k)]);
                            step.Delays[k] = QuantiseDelay(effective, config, out bool outside);
                            DelaysOutOfRange += outside ? 1 : 0;
                        }

                        DelayCount += block.Count;
                    }

                    DrawFixedPattern(step, config, chipSeed);
                    list.Add(step);
                    neuronOffset += n.OutSize;
                    break;
            }
        }

        steps = [.. list];
        width = spec.Plan.MaxWidth;
        neuronSteps = [.. list.OfType<NeuronStep>()];
    }

    /// <summary>The emulated network's structure.</summary>
    public NetworkSpec Spec { get; }

    /// <summary>The substrate settings.</summary>
    public Bss2Config Config { get; }

    /// <summary>The chip seed (fixed-pattern noise).</summary>
    public long ChipSeed { get; }

    /// <summary>Number of neuron layers.</summary>
    public int NeuronLayerCount => neuronSteps.Length;

    /// <summary>Weights whose magnitude exceeded <see cref="Bss2Config.WeightMax"/>.</summary>
    public int ClippedWeights { get; }

    /// <summary>All weights.</summary>
    public int WeightCount { get; }

    /// <summary>Effective delays outside the delay circuits' range (clamped into it).</summary>
    public int DelaysOutOfRange { get; }

    /// <summary>All effective delays (expanded: per synapse, sender or receiver).</summary>
    public int DelayCount { get; }

    /// <summary>The weights the chip uses for neuron layer <paramref name="neuronLayer"/>, [in][out].</summary>
    public ReadOnlySpan<double> Weights(int neuronLayer) => neuronSteps[neuronLayer].Weights;

    /// <summary>The delays the chip uses for neuron layer <paramref name="neuronLayer"/> (tau_syn units), before jitter.</summary>
    public ReadOnlySpan<double> Delays(int neuronLayer) => neuronSteps[neuronLayer].Delays;

    /// <summary>The fixed-pattern threshold offsets of neuron layer <paramref name="neuronLayer"/>.</summary>
    public ReadOnlySpan<double> FixedPatternThresholdOffsets(int neuronLayer) => neuronSteps[neuronLayer].ThresholdOffsets;

    /// <summary>The per-neuron solver constants of neuron layer <paramref name="neuronLayer"/> in batch <paramref name="key"/>.</summary>
    public NeuronConstants[] Constants(int neuronLayer, BatchKey key) => BatchConstants(neuronSteps[neuronLayer], key);

    /// <summary>The trial threshold offset of one neuron (global neuron index) in one batch.</summary>
    public double TrialThresholdOffset(int globalNeuron, BatchKey key) =>
        Config.ThresholdTrialStd == 0.0 ? 0.0 : Config.ThresholdTrialStd * CounterNoise.Normal(new NoiseKey(ChipSeed, key.RunSeed, key.NoiseEpoch, key.Batch, 0, globalNeuron, NoiseStream.ThresholdTrial));

    /// <summary>
    /// Runs a batch. Sample <c>s</c> of the batch draws its jitter and losses from sample index
    /// <c>s</c>; non-finite input times are "no spike". <paramref name="threads"/> only changes speed.
    /// </summary>
    public Bss2Result Run(IReadOnlyList<double[]> inputs, BatchKey key, int threads = 1)
    {
        for (int s = 0; s < inputs.Count; s++)
        {
            if (inputs[s].Length != Spec.Inputs)
            {
                throw new ArgumentException($"inputs[{s}]: expected {Spec.Inputs} spike times, got {inputs[s].Length}", nameof(inputs));
            }
        }

        var constants = neuronSteps.Select(n => BatchConstants(n, key)).ToArray();
        var times = new double[inputs.Count][][];
        var lost = new int[inputs.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) };
        // One scratch set per worker and batch: a sample allocates only its reported times.
        Parallel.For(
            0,
            inputs.Count,
            options,
            () => new Scratch(width),
            (s, _, scratch) =>
            {
                times[s] = RunSample(inputs[s], s, key, constants, scratch, out lost[s]);
                return scratch;
            },
            _ => { });
        return new Bss2Result(times, lost.Sum(), Config.WindowUs);
    }

    private static double QuantiseWeight(double w, Bss2Config config, out bool clipped)
    {
        clipped = Math.Abs(w) > config.WeightMax;
        if (clipped)
        {
            w = Math.CopySign(config.WeightMax, w);
        }

        return config.WeightStep > 0.0 ? Math.Round(w / config.WeightStep) * config.WeightStep : w;
    }

    private static double QuantiseDelay(double d, Bss2Config config, out bool outside)
    {
        double min = config.FromUs(config.DelayMinUs), max = config.FromUs(config.DelayMaxUs);
        outside = d < min || d > max;
        d = Math.Clamp(d, min, max);
        double step = config.FromNs(config.DelayStepNs);
        return step > 0.0 ? Math.Round(d / step) * step : d;
    }

    private static void DrawFixedPattern(NeuronStep step, Bss2Config config, long chipSeed)
    {
        for (int j = 0; j < step.OutSize; j++)
        {
            long g = step.NeuronOffset + j;
            step.ThresholdOffsets[j] = config.ThresholdFpStd == 0.0 && config.ThresholdFpMean == 0.0
                ? 0.0
                : config.ThresholdFpMean + (config.ThresholdFpStd * CounterNoise.Normal(new NoiseKey(chipSeed, 0, 0, 0, 0, g, NoiseStream.ThresholdFixedPattern)));
            step.TauMemFactors[j] = config.TauMemFpStd == 0.0 ? 1.0 : Math.Max(0.05, 1.0 + (config.TauMemFpStd * CounterNoise.Normal(new NoiseKey(chipSeed, 0, 0, 0, 0, g, NoiseStream.TauMemFixedPattern))));
            step.TauSynFactors[j] = config.TauSynFpStd == 0.0 ? 1.0 : Math.Max(0.05, 1.0 + (config.TauSynFpStd * CounterNoise.Normal(new NoiseKey(chipSeed, 0, 0, 0, 0, g, NoiseStream.TauSynFixedPattern))));
        }
    }

    private static double Solve(in NeuronConstants c, ReadOnlySpan<double> w, ReadOnlySpan<double> t) => c.Model switch
    {
        NeuronModel.EqualTau => EqualTauSolver.SpikeTime(new EqualTauSolver(c), w, t, out _),
        NeuronModel.DoubleTau => DoubleTauSolver.SpikeTime(new DoubleTauSolver(c), w, t, out _),
        _ => GeneralSolver.SpikeTime(new GeneralSolver(c), w, t, out _),
    };

    private NeuronConstants[] BatchConstants(NeuronStep n, BatchKey key)
    {
        var baseC = n.Neuron.Constants;
        var result = new NeuronConstants[n.OutSize];
        for (int j = 0; j < n.OutSize; j++)
        {
            double c = baseC.C + n.ThresholdOffsets[j] + TrialThresholdOffset(n.NeuronOffset + j, key);
            if (n.TauMemFactors[j] == 1.0 && n.TauSynFactors[j] == 1.0)
            {
                result[j] = baseC with { C = c };
            }
            else
            {
                double tauSyn = n.Neuron.TauSyn * n.TauSynFactors[j], tauMem = n.Neuron.TauMem * n.TauMemFactors[j];
                result[j] = new NeuronConstants(tauSyn, tauSyn / tauMem, c);
            }
        }

        return result;
    }

    private double[][] RunSample(double[] input, int sample, BatchKey key, NeuronConstants[][] constants, Scratch scratch, out int lost)
    {
        lost = 0;
        var reported = new double[neuronSteps.Length][];
        ReadOnlySpan<double> vec = input;
        bool inFirst = false; // which scratch vector holds vec (none while it is the input)
        int layer = 0;
        foreach (var step in steps)
        {
            var next = inFirst ? scratch.Second : scratch.First;
            switch (step)
            {
                case BiasStep bias:
                    vec.CopyTo(next);
                    bias.Times.CopyTo(next.AsSpan(vec.Length));
                    vec = next.AsSpan(0, vec.Length + bias.Times.Length);
                    break;
                case MultiplexStep mux:
                    for (int i = 0; i < vec.Length; i++)
                    {
                        next.AsSpan(i * mux.Factor, mux.Factor).Fill(vec[i]);
                    }

                    vec = next.AsSpan(0, vec.Length * mux.Factor);
                    break;
                case NeuronStep n:
                    var physical = next.AsSpan(0, n.OutSize);
                    RunNeurons(n, vec, physical, sample, key, constants[layer], scratch);
                    var report = new double[physical.Length];
                    for (int j = 0; j < physical.Length; j++)
                    {
                        physical[j] = Emit(physical[j], n.NeuronOffset + j, sample, key, ref lost);
                        report[j] = Timestamp(physical[j]);
                    }

                    reported[layer++] = report;
                    vec = physical;
                    break;
            }

            inFirst = !inFirst;
        }

        return reported;
    }

    /// <summary>Per-worker buffers: two layer vectors (ping-pong) and the sort buffers.</summary>
    private sealed class Scratch(int width)
    {
        public double[] First { get; } = new double[width];

        public double[] Second { get; } = new double[width];

        public double[] Keys { get; } = new double[width];

        public int[] Index { get; } = new int[width];

        public double[] SortedW { get; } = new double[width];

        public double[] SortedT { get; } = new double[width];
    }

    private double Emit(double t, long neuron, int sample, BatchKey key, ref int lost)
    {
        if (!double.IsFinite(t))
        {
            return t;
        }

        if (Config.OutputJitterNs > 0.0)
        {
            t += Config.FromNs(Config.OutputJitterNs) * CounterNoise.Normal(new NoiseKey(ChipSeed, key.RunSeed, key.NoiseEpoch, key.Batch, sample, neuron, NoiseStream.OutputJitter));
        }

        if (Config.SpikeLoss > 0.0 && CounterNoise.Uniform(new NoiseKey(ChipSeed, key.RunSeed, key.NoiseEpoch, key.Batch, sample, neuron, NoiseStream.SpikeLoss)) < Config.SpikeLoss)
        {
            lost++;
            return double.PositiveInfinity;
        }

        return t;
    }

    // The chip's timestamp counter: the start of the clock cycle the spike falls in.
    private double Timestamp(double t)
    {
        double step = Config.FromNs(Config.TimestampStepNs);
        return step > 0.0 && double.IsFinite(t) ? Math.Floor(t / step) * step : t;
    }

    private void RunNeurons(NeuronStep n, ReadOnlySpan<double> inVec, Span<double> output, int sample, BatchKey key, NeuronConstants[] constants, Scratch scratch)
    {
        int nIn = n.InSize, nOut = n.OutSize;
        var weights = n.Weights;
        var delays = n.Delays;
        var keys = scratch.Keys;
        var index = scratch.Index;
        var sortedW = scratch.SortedW;
        var sortedT = scratch.SortedT;
        bool jitter = n.Wiring is not null && Config.DelayJitterNs > 0.0;
        double jitterSigma = Config.FromNs(Config.DelayJitterNs);

        // Axonal jitter is one draw per sender (its key ignores the receiver), so axonal layers keep one
        // arrival order for all neurons even with jitter; synaptic and jittered dendritic ones do not.
        if (n.Wiring == DelayKind.Synaptic || (jitter && n.Wiring != DelayKind.Axonal))
        {
            // Every arrival has its own delay (or jitter), so every neuron sees its own order.
            for (int j = 0; j < nOut; j++)
            {
                int m = 0;
                for (int i = 0; i < nIn; i++)
                {
                    double a = n.Wiring switch
                    {
                        DelayKind.Synaptic => inVec[i] + delays[(i * nOut) + j],
                        DelayKind.Axonal => inVec[i] + delays[i],
                        DelayKind.Dendritic => (inVec[i] + 0.0) + delays[j],
                        _ => inVec[i],
                    };
                    if (double.IsFinite(a))
                    {
                        if (jitter)
                        {
                            // One delayed spike per sender on axonal circuits, one per synapse otherwise.
                            long synapse = n.SynapseOffset + (i * (long)nOut) + (n.Wiring == DelayKind.Axonal ? 0 : j);
                            a += jitterSigma * CounterNoise.Normal(new NoiseKey(ChipSeed, key.RunSeed, key.NoiseEpoch, key.Batch, sample, synapse, NoiseStream.DelayJitter));
                        }

                        keys[m] = a;
                        index[m++] = i;
                    }
                }

                Kernel.ArrivalSort.Sort(keys.AsSpan(0, m), index.AsSpan(0, m));
                for (int k = 0; k < m; k++)
                {
                    sortedW[k] = weights[(index[k] * nOut) + j];
                }

                output[j] = Solve(constants[j], sortedW.AsSpan(0, m), keys.AsSpan(0, m));
            }

            return;
        }

        // Broadcast, axonal (jittered or not) or dendritic without jitter: one order for the layer.
        int count = 0;
        for (int i = 0; i < nIn; i++)
        {
            double a = inVec[i] + (n.Wiring == DelayKind.Axonal ? delays[i] : 0.0);
            if (double.IsFinite(a))
            {
                if (jitter)
                {
                    long synapse = n.SynapseOffset + (i * (long)nOut);
                    a += jitterSigma * CounterNoise.Normal(new NoiseKey(ChipSeed, key.RunSeed, key.NoiseEpoch, key.Batch, sample, synapse, NoiseStream.DelayJitter));
                }

                keys[count] = a;
                index[count++] = i;
            }
        }

        Kernel.ArrivalSort.Sort(keys.AsSpan(0, count), index.AsSpan(0, count));
        for (int j = 0; j < nOut; j++)
        {
            double shift = n.Wiring == DelayKind.Dendritic ? delays[j] : 0.0;
            for (int k = 0; k < count; k++)
            {
                sortedW[k] = weights[(index[k] * nOut) + j];
                sortedT[k] = keys[k] + shift;
            }

            output[j] = Solve(constants[j], sortedW.AsSpan(0, count), sortedT.AsSpan(0, count));
        }
    }

    private abstract class Step;

    private sealed class BiasStep(double[] times) : Step
    {
        public double[] Times { get; } = times;
    }

    private sealed class MultiplexStep(int factor) : Step
    {
        public int Factor { get; } = factor;
    }

    private sealed class NeuronStep(int inSize, int outSize, NeuronParameters neuron, int neuronOffset, long synapseOffset) : Step
    {
        public int InSize { get; } = inSize;

        public int OutSize { get; } = outSize;

        public NeuronParameters Neuron { get; } = neuron;

        public int NeuronOffset { get; } = neuronOffset;

        public long SynapseOffset { get; } = synapseOffset;

        public double[] Weights { get; } = new double[inSize * outSize];

        public DelayKind? Wiring { get; set; }

        public double[] Delays { get; set; } = [];

        public double[] ThresholdOffsets { get; } = new double[outSize];

        public double[] TauMemFactors { get; } = new double[outSize];

        public double[] TauSynFactors { get; } = new double[outSize];
    }
}

/// <summary>What the emulated chip reported for one batch.</summary>
public sealed class Bss2Result
{
    private readonly double[][][] times;

    internal Bss2Result(double[][][] times, int lostSpikes, double windowUs)
    {
        this.times = times;
        LostSpikes = lostSpikes;
        ChipSeconds = times.Length * windowUs * 1e-6;
        SamplesPerChipSecond = 1.0 / (windowUs * 1e-6);
    }

    /// <summary>Samples in the batch.</summary>
    public int SampleCount => times.Length;

    /// <summary>Spikes dropped by <see cref="Bss2Config.SpikeLoss"/>.</summary>
    public int LostSpikes { get; }

    /// <summary>Emulated chip time of the batch: one window per sample, in seconds.</summary>
    public double ChipSeconds { get; }

    /// <summary>Throughput in samples per second of chip time.</summary>
    public double SamplesPerChipSecond { get; }

    /// <summary>The reported (quantised) first-spike times of one neuron layer for one sample; +infinity = silent.</summary>
    public ReadOnlySpan<double> Times(int sample, int neuronLayer) => times[sample][neuronLayer];

    /// <summary>The reported label-layer times of one sample.</summary>
    public ReadOnlySpan<double> Output(int sample) => times[sample][^1];
}
