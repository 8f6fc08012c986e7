using DelGrad.Model;
using DelGrad.Training;

namespace DelGrad.TestKit;

/// <summary>
/// A plain, scalar re-implementation of the reference code's training loop for the Yin-Yang networks (tau_syn = 1,
/// tau_mem = 1 or 2; bias spikes; no, synaptic, axonal or dendritic sigmoid delays; TTFS with the early-output
/// regulariser or shift-invariant MSE), written from the reference's own formulas and sharing no code with the
/// kernels, losses and optimiser under test (it has its own Lambert W):
/// <list type="bullet">
/// <item>forward: sort the arrivals, the closed-form candidate of every prefix, the reference's masks
/// (<c>t &lt; t_k</c> or <c>t &gt; t_k+1</c> is no spike), the earliest valid candidate;</item>
/// <item>loss: TTFS <c>log sum_k exp(-t_k / xi) + t_label / xi + alpha exp(t_label / beta)</c> or
/// <c>0.5 sum_{k != label} (t_k - t_label - delta_t)^2</c>, their batch mean; a sample with an infinite loss or a
/// silent label neuron counts with zero gradient;</item>
/// <item>backward: the reference's <c>get_spiketime_derivative</c> (causal inputs are those arriving before the
/// spike), <c>max_dw_norm</c> on each sample's column of the batch-mean weight gradient, arrival-time gradients
/// into the delays (through the sigmoid) and on to the sending layer;</item>
/// <item>the between-batch rule of <c>check_bump_weights</c> (targeted, doubling while the same layer triggers),
/// else one step of PyTorch's Adam (<c>lerp</c> for the first moment) with per-layer rates and StepLR.</item>
/// </list>
/// Scalar on purpose: slow and obvious, so that agreement with the trainer to rounding says the trainer runs the
/// reference's algorithm. <see cref="Eps"/> adds the reference's <c>eps</c> to its sums (the tests run exact, 0);
/// <c>bench/DelGrad.ReferenceLoop</c> uses it to train whole runs with the reference's 1e-6.
/// </summary>
public sealed class ReferenceTrainingMirror
{
    private readonly ExperimentConfig config;
    private readonly Stage[] stages;
    private readonly double[] m, v, rates;
    private int step;
    private int lastBumped = -2;
    private double bump;

    public ReferenceTrainingMirror(ExperimentConfig config)
    {
        this.config = config;
        var t = config.Training;
        if (config.Loss is not (LossSpec.ShiftInvariantMse or LossSpec.Ttfs) || t.WeightClip < double.PositiveInfinity || t.InputNoiseStd != 0)
        {
            throw new ArgumentException("the mirror covers TTFS and the shift-invariant MSE, without weight clipping or input noise");
        }

        var list = new List<Stage>();
        int width = config.Network.Inputs, delayIndex = 0;
        var layers = config.Network.Layers.ToArray();
        // Each stage is [bias spikes] (broadcast | delays) neurons.
        for (int l = 0; l < layers.Length; l += 2)
        {
            double[] bias = [];
            if (layers[l] is BiasSpikesLayer b)
            {
                bias = [.. b.Times];
                l++;
            }

            var neuron = (NeuronLayer)layers[l + 1];
            bool equalTau = neuron.Neuron.TauMem == 1.0;
            if (neuron.Neuron.TauSyn != 1.0 || neuron.Neuron.TauMem is not (1.0 or 2.0))
            {
                throw new ArgumentException("the mirror covers tau_syn = 1, tau_mem = 1 or 2");
            }

            var weights = config.Network.Layout.ForLayer(l + 1).Match(w => w, () => throw new ArgumentException("no weights"));
            var (kind, delayOffset, shift, scale, delayRate) = layers[l] switch
            {
                BroadcastLayer => ((DelayKind?)null, -1, 0.0, 0.0, 0.0),
                DelayLayer { Positivity: Positivity.Sigmoid sg, PresynSharing: 1, PostsynSharing: 1 } d =>
                    (d.Kind, config.Network.Layout.ForLayer(l).Match(x => x.Offset, () => -1), sg.Shift, sg.Scale, t.DelayLearningRates[Math.Min(delayIndex++, t.DelayLearningRates.Count - 1)]),
                _ => throw new ArgumentException("the mirror covers broadcast and unshared sigmoid delay layers"),
            };
            if (bias.Length > 0 && kind is not null)
            {
                throw new ArgumentException("the mirror covers bias spikes without delays");
            }

            int k = list.Count;
            list.Add(new Stage(width, bias, neuron.Size, weights.Offset, kind, delayOffset, shift, scale, equalTau,
                (neuron.Neuron.Threshold - neuron.Neuron.Leak) * neuron.Neuron.GLeak,
                t.WeightLearningRates[Math.Min(k, t.WeightLearningRates.Count - 1)], delayRate,
                t.MaxMissingSpikes[Math.Min(k, t.MaxMissingSpikes.Count - 1)]));
            width = neuron.Size;
        }

        stages = [.. list];
        int n = config.Network.Layout.Count;
        m = new double[n];
        v = new double[n];
        rates = new double[n];
        foreach (var s in stages)
        {
            rates.AsSpan(s.WeightOffset, s.Inputs * s.Neurons).Fill(s.WeightRate);
            if (s.Kind is not null)
            {
                rates.AsSpan(s.DelayOffset, s.DelayCount).Fill(s.DelayRate);
            }
        }

        bump = t.WeightBump;
    }

    /// <summary>What the reference adds to its running sums "to prevent NaNs" (1e-6 there); 0 is exact.</summary>
    public double Eps { get; init; }

    /// <summary>The label layer's spike times for one sample's input times.</summary>
    public double[] Outputs(double[] p, double[] input) => Forward(p, input).Outputs[^1];

    /// <summary>Continues from the trainer's <paramref name="state"/>: its Adam moments and step count, and its bump state.</summary>
    public void Resume(TrainingState state)
    {
        state.Adam.M.CopyTo(m, 0);
        state.Adam.V.CopyTo(v, 0);
        step = (int)state.Adam.T;
        lastBumped = state.LastBumpedLayer < 0 ? -2 : state.LastBumpedLayer;
        bump = state.BumpValue;
    }

    /// <summary>Batches that bumped instead of stepping, per epoch trained.</summary>
    public List<int> Bumps { get; } = [];

    /// <summary>Trains epoch <paramref name="epoch"/> (0-based) on <paramref name="data"/> in the trainer's batch order, in place.</summary>
    public void Epoch(double[] p, DataSplit data, int epoch)
    {
        var t = config.Training;
        int[] order = DeterministicRandom.EpochOrder(t.Seed, epoch, data.Count);
        double factor = Math.Pow(t.LrGamma, epoch / t.LrStepEpochs);
        int bumps = 0;
        for (int start = 0; start < order.Length; start += t.BatchSize)
        {
            int[] batch = order[start..Math.Min(order.Length, start + t.BatchSize)];
            var passes = batch.Select(b => Forward(p, data.Inputs.AsSpan(b * config.Network.Inputs, config.Network.Inputs).ToArray())).ToArray();
            int bumped = BumpedStage(passes);
            if (bumped >= 0)
            {
                bump = bumped == lastBumped ? bump * 2 : t.WeightBump;
                var s = stages[bumped];
                for (int j = 0; j < s.Neurons; j++)
                {
                    if (passes.Any(pass => double.IsPositiveInfinity(pass.Outputs[bumped + 1][j])))
                    {
                        for (int i = 0; i < s.Inputs; i++)
                        {
                            p[s.WeightIndex(i, j)] += bump;
                        }
                    }
                }

                lastBumped = bumped;
                bumps++;
                continue;
            }

            lastBumped = -2;
            var g = new double[p.Length];
            for (int k = 0; k < batch.Length; k++)
            {
                Backward(p, passes[k], data.Labels[batch[k]], batch.Length, g);
            }

            Adam(p, g, factor);
        }

        Bumps.Add(bumps);
    }

    private int BumpedStage(Pass[] passes)
    {
        for (int s = 0; s < stages.Length; s++)
        {
            double silent = passes.Sum(pass => pass.Outputs[s + 1].Count(double.IsPositiveInfinity));
            if (silent / (passes.Length * stages[s].Neurons) > stages[s].MaxMissing)
            {
                return s;
            }
        }

        return -1;
    }

    private Pass Forward(double[] p, double[] input)
    {
        var outputs = new List<double[]> { input };
        var arrivals = new List<double[][]>();
        foreach (var s in stages)
        {
            double[] from = [.. outputs[^1], .. s.Bias];
            var arr = new double[s.Neurons][];
            var o = new double[s.Neurons];
            for (int j = 0; j < s.Neurons; j++)
            {
                arr[j] = Enumerable.Range(0, s.Inputs).Select(i => from[i] + s.Delay(p, i, j)).ToArray();
                o[j] = SpikeTime(arr[j], s.Weights(p, j), s.C, s.EqualTau, Eps);
            }

            arrivals.Add(arr);
            outputs.Add(o);
        }

        return new Pass(outputs, arrivals);
    }

    private static double SpikeTime(double[] arrivals, double[] w, double c, bool equalTau, double eps)
    {
        int[] order = Enumerable.Range(0, arrivals.Length).OrderBy(i => arrivals[i]).ToArray();
        double a1 = 0, a2 = 0, b = 0;
        for (int k = 0; k < order.Length; k++)
        {
            double tk = arrivals[order[k]];
            if (double.IsPositiveInfinity(tk))
            {
                return double.PositiveInfinity;
            }

            a1 += w[order[k]] * Math.Exp(tk);
            a2 += w[order[k]] * Math.Exp(tk / 2);
            b += w[order[k]] * tk * Math.Exp(tk);
            double t;
            if (equalTau)
            {
                // tau_syn (b / a1 - W0(-c / a1 exp(b / a1))); no real W0 below -1/e means no crossing.
                double e1 = a1 + eps, eb = b + eps;
                double wz = W0(-c / e1 * Math.Exp(eb / e1));
                if (double.IsNaN(wz))
                {
                    continue;
                }

                t = (eb / e1) - wz;
            }
            else
            {
                double e1 = a1 + eps, e2 = a2 + eps;
                double disc = (e2 * e2) - (4 * e1 * c);
                double forLog = disc < 0 ? double.NaN : 2 * e1 / (e2 + Math.Sqrt(disc));
                if (double.IsNaN(forLog) || forLog <= 0)
                {
                    continue;
                }

                t = 2 * Math.Log(forLog);
            }

            double next = k + 1 < order.Length ? arrivals[order[k + 1]] : double.PositiveInfinity;
            if (!(t < tk) && !(t > next))
            {
                return t;
            }
        }

        return double.PositiveInfinity;
    }

    /// <summary>The principal branch of Lambert W by Halley's iteration (NaN below -1/e, as the reference's scipy call).</summary>
    private static double W0(double z)
    {
        if (double.IsNaN(z) || z < -1 / Math.E)
        {
            return double.NaN;
        }

        if (double.IsPositiveInfinity(z))
        {
            return double.PositiveInfinity;
        }

        double w = z < -0.25 ? -1 + Math.Sqrt(2 * ((Math.E * z) + 1)) : z < 3 ? Math.Log(1 + z) : Math.Log(z) - Math.Log(Math.Log(z));
        for (int i = 0; i < 100; i++)
        {
            double e = Math.Exp(w), f = (w * e) - z;
            double next = w - (f / ((e * (w + 1)) - ((w + 2) * f / ((2 * w) + 2))));
            if (double.IsNaN(next) || Math.Abs(next - w) <= 1e-16 * Math.Max(1, Math.Abs(next)))
            {
                return double.IsNaN(next) ? w : next;
            }

            w = next;
        }

        return w;
    }

    private void Backward(double[] p, Pass pass, int label, int batchSize, double[] g)
    {
        double[] o = pass.Outputs[^1];
        double tl = o[label];
        var err = new double[o.Length];
        switch (config.Loss)
        {
            case LossSpec.ShiftInvariantMse mse:
                if (double.IsPositiveInfinity(tl) || o.Any(double.IsPositiveInfinity))
                {
                    return; // loss 100, no gradient
                }

                for (int k = 0; k < o.Length; k++)
                {
                    if (k != label)
                    {
                        err[k] = (o[k] - tl - mse.DeltaT) / batchSize;
                        err[label] -= err[k];
                    }
                }

                break;
            case LossSpec.Ttfs ttfs:
                if (double.IsPositiveInfinity(tl))
                {
                    return; // loss 100, no gradient
                }

                double sum = o.Sum(t => Math.Exp(-t / ttfs.Xi));
                for (int k = 0; k < o.Length; k++)
                {
                    err[k] = -Math.Exp(-o[k] / ttfs.Xi) / sum / ttfs.Xi / batchSize;
                }

                err[label] += ((1 / ttfs.Xi) + (ttfs.Alpha / ttfs.Beta * Math.Exp(tl / ttfs.Beta))) / batchSize;
                break;
        }

        for (int si = stages.Length - 1; si >= 0; si--)
        {
            var s = stages[si];
            double[] t = pass.Outputs[si + 1];
            var sent = new double[s.Inputs];
            for (int j = 0; j < s.Neurons; j++)
            {
                double[] arr = pass.Arrivals[si][j];
                var (dw, dt) = Derivatives(arr, s.Weights(p, j), t[j], s.C, s.EqualTau, Eps);
                double largest = dw.Max(x => Math.Abs(x * err[j]));
                for (int i = 0; i < s.Inputs; i++)
                {
                    if (largest <= config.Training.MaxDwNorm)
                    {
                        g[s.WeightIndex(i, j)] += dw[i] * err[j];
                    }

                    double toArrival = dt[i] * err[j];
                    sent[i] += toArrival;
                    if (s.Kind is not null)
                    {
                        g[s.DelayOffset + s.DelayIndex(i, j)] += toArrival * s.DelaySlope(p, i, j);
                    }
                }
            }

            err = sent[..s.Width]; // the bias spikes' share goes nowhere
        }
    }

    private static (double[] Dw, double[] Dt) Derivatives(double[] arrivals, double[] w, double t, double c, bool equalTau, double eps)
    {
        var dw = new double[arrivals.Length];
        var dt = new double[arrivals.Length];
        if (double.IsPositiveInfinity(t))
        {
            return (dw, dt);
        }

        var causal = Enumerable.Range(0, arrivals.Length).Where(i => !double.IsPositiveInfinity(arrivals[i]) && t - arrivals[i] >= 0).ToArray();
        double a1 = causal.Sum(i => w[i] * Math.Exp(arrivals[i])) + eps;
        if (equalTau)
        {
            double b = causal.Sum(i => w[i] * arrivals[i] * Math.Exp(arrivals[i])) + eps;
            double wz = W0(-c / a1 * Math.Exp(b / a1));
            if (double.IsNaN(wz))
            {
                return (dw, dt);
            }

            foreach (int i in causal)
            {
                dw[i] = -1 / a1 / (1 + wz) * Math.Exp(arrivals[i]) * (t - arrivals[i]);
                dt[i] = -1 / a1 / (1 + wz) * w[i] * Math.Exp(arrivals[i]) * (t - arrivals[i] - 1);
            }

            return (dw, dt);
        }

        double a2 = causal.Sum(i => w[i] * Math.Exp(arrivals[i] / 2)) + eps;
        double sq = Math.Sqrt((a2 * a2) - (4 * a1 * c));
        if (double.IsNaN(sq))
        {
            return (dw, dt);
        }

        double eo = Math.Exp(t / 2);
        foreach (int i in causal)
        {
            dw[i] = 2 * ((1 + (c / sq * eo)) / a1 * Math.Exp(arrivals[i]) - (1 / sq * Math.Exp(arrivals[i] / 2)));
            dt[i] = w[i] * ((1 + (c / sq * eo)) / a1 * 2 * Math.Exp(arrivals[i]) - (1 / sq * Math.Exp(arrivals[i] / 2)));
        }

        return (dw, dt);
    }

    private void Adam(double[] p, double[] g, double factor)
    {
        var t = config.Training;
        step++;
        double bc1 = 1 - Math.Pow(t.Beta1, step), bc2 = 1 - Math.Pow(t.Beta2, step);
        for (int q = 0; q < p.Length; q++)
        {
            m[q] += (1 - t.Beta1) * (g[q] - m[q]);
            v[q] = (v[q] * t.Beta2) + ((1 - t.Beta2) * g[q] * g[q]);
            p[q] -= rates[q] * factor / bc1 * m[q] / ((Math.Sqrt(v[q]) / Math.Sqrt(bc2)) + t.Epsilon);
        }
    }

    /// <summary>One sample's forward pass: every layer's output times (the input first) and each neuron's arrivals.</summary>
    private sealed record Pass(List<double[]> Outputs, List<double[][]> Arrivals);

    /// <summary>Bias spikes (appended to the inputs), a delay (or broadcast) layer and the neuron layer it feeds.</summary>
    private sealed record Stage(int Width, double[] Bias, int Neurons, int WeightOffset, DelayKind? Kind, int DelayOffset, double Shift, double Scale, bool EqualTau, double C, double WeightRate, double DelayRate, double MaxMissing)
    {
        /// <summary>Inputs of the neuron layer: the previous layer's outputs, then the bias spikes.</summary>
        public int Inputs => Width + Bias.Length;

        /// <summary>Neuron <paramref name="j"/>'s incoming weights (weights are [inputs][neurons]).</summary>
        public double[] Weights(double[] p, int j) => Enumerable.Range(0, Inputs).Select(i => p[WeightIndex(i, j)]).ToArray();

        public int WeightIndex(int i, int j) => WeightOffset + (i * Neurons) + j;

        public int DelayCount => Kind switch { DelayKind.Synaptic => Inputs * Neurons, DelayKind.Axonal => Inputs, DelayKind.Dendritic => Neurons, _ => 0 };

        public int DelayIndex(int i, int j) => Kind switch { DelayKind.Synaptic => (i * Neurons) + j, DelayKind.Axonal => i, _ => j };

        public double Delay(double[] p, int i, int j) => Kind is null ? 0.0 : Shift + (Scale * Sigmoid(p[DelayOffset + DelayIndex(i, j)]));

        public double DelaySlope(double[] p, int i, int j)
        {
            double s = Sigmoid(p[DelayOffset + DelayIndex(i, j)]);
            return Scale * s * (1 - s);
        }

        private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
    }
}
