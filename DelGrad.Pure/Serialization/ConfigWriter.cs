using System.Text.Json;
using DelGrad.Model;
using DelGrad.Training;

namespace DelGrad.Serialization;

/// <summary>Writes an <see cref="ExperimentConfig"/> in the format <see cref="ConfigReader"/> reads (round trip).</summary>
public static class ConfigWriter
{
    /// <summary>The config as JSON text; with <paramref name="parameters"/> the layers carry their values (a model file).</summary>
    public static string Write(ExperimentConfig config, NetworkParameters? parameters = null) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("name", config.Name);
        WriteNetwork(w, config, parameters);
        WriteLoss(w, config.Loss);
        WriteTraining(w, config.Training);
        var d = config.Data;
        w.WriteStartObject("data");
        w.WriteString("dataset", d.Dataset);
        if (d.IsYinYang)
        {
            Split(w, "train", d.TrainSize, d.TrainSeed);
            Split(w, "validation", d.ValidationSize, d.ValidationSeed);
            Split(w, "test", d.TestSize, d.TestSeed);
        }

        w.WriteNumber("early", d.Early);
        w.WriteNumber("late", d.Late);
        w.WriteEndObject();
        if (config.Substrate is { } substrate)
        {
            SubstrateSection.Write(w, substrate);
        }

        w.WriteEndObject();
    });

    private static void Split(Utf8JsonWriter w, string name, int size, int seed)
    {
        w.WriteStartObject(name);
        w.WriteNumber("size", size);
        w.WriteNumber("seed", seed);
        w.WriteEndObject();
    }

    private static void WriteNetwork(Utf8JsonWriter w, ExperimentConfig config, NetworkParameters? parameters)
    {
        var spec = config.Network;
        w.WriteStartObject("network");
        w.WriteNumber("inputs", spec.Inputs);
        w.WriteStartArray("layers");
        int index = 0, block = 0;
        foreach (var layer in spec.Layers)
        {
            w.WriteStartObject();
            switch (layer)
            {
                case BiasSpikesLayer b:
                    w.WriteString("type", "bias_spikes");
                    JsonText.Numbers(w, "times", b.Times.ToArray());
                    break;
                case MultiplexLayer m:
                    w.WriteString("type", "multiplex");
                    w.WriteNumber("factor", m.Factor);
                    w.WriteString("order", "repeat_interleave");
                    break;
                case BroadcastLayer:
                    w.WriteString("type", "broadcast");
                    break;
                case DelayLayer d:
                    w.WriteString("type", "delays");
                    w.WriteString("kind", d.Kind switch { DelayKind.Axonal => "axonal", DelayKind.Dendritic => "dendritic", _ => "synaptic" });
                    w.WriteStartObject("positivity");
                    if (d.Positivity is Positivity.Sigmoid s)
                    {
                        w.WriteString("name", "sigmoid");
                        w.WriteNumber("shift", s.Shift);
                        w.WriteNumber("scale", s.Scale);
                    }
                    else
                    {
                        w.WriteString("name", "clip");
                    }

                    w.WriteEndObject();
                    w.WriteNumber("presyn_sharing_factor", d.PresynSharing);
                    if (d.PresynInterleaved)
                    {
                        w.WriteString("presyn_sharing_order", Specs.Plan.DelaySharing.RepeatInterleave);
                    }

                    w.WriteNumber("postsyn_sharing_factor", d.PostsynSharing);
                    Parameters(w, config, parameters, index, block++, "raw_parameters");
                    break;
                case NeuronLayer n:
                    w.WriteString("type", "neurons");
                    w.WriteNumber("size", n.Size);
                    w.WriteNumber("tau_mem", n.Neuron.TauMem);
                    w.WriteNumber("tau_syn", n.Neuron.TauSyn);
                    w.WriteNumber("threshold", n.Neuron.Threshold);
                    w.WriteNumber("leak", n.Neuron.Leak);
                    w.WriteNumber("g_leak", n.Neuron.GLeak);
                    Parameters(w, config, parameters, index, block++, "weights");
                    break;
            }

            w.WriteEndObject();
            index++;
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Parameters(Utf8JsonWriter w, ExperimentConfig config, NetworkParameters? parameters, int layer, int block, string name)
    {
        var init = config.Inits[block];
        w.WriteStartObject("init");
        w.WriteNumber("mean", init.Mean);
        w.WriteNumber("std", init.Std);
        w.WriteEndObject();
        if (parameters != null)
        {
            var b = config.Network.Layout.ForLayer(layer).IfNone(() => throw new InvalidOperationException("layout without block"));
            JsonText.Matrix(w, name, parameters.Block(b), b.Rows, b.Columns);
        }
    }

    private static void WriteLoss(Utf8JsonWriter w, LossSpec loss)
    {
        w.WriteStartObject("loss");
        switch (loss)
        {
            case LossSpec.Ttfs t:
                w.WriteString("type", "TTFS");
                w.WriteNumber("xi", t.Xi);
                w.WriteNumber("alpha", t.Alpha);
                w.WriteNumber("beta", t.Beta);
                break;
            case LossSpec.ShiftInvariantMse s:
                w.WriteString("type", "shift_invariant_MSE");
                w.WriteNumber("delta_t", s.DeltaT);
                break;
            case LossSpec.Mse m:
                w.WriteString("type", "MSE");
                w.WriteNumber("target_correct", m.TargetCorrect);
                w.WriteNumber("target_wrong", m.TargetWrong);
                break;
        }

        w.WriteEndObject();
    }

    private static void WriteTraining(Utf8JsonWriter w, TrainingOptions t)
    {
        w.WriteStartObject("training");
        w.WriteNumber("epochs", t.Epochs);
        w.WriteNumber("batch_size", t.BatchSize);
        w.WriteNumber("seed", t.Seed);
        w.WriteStartObject("learning_rate");
        JsonText.Numbers(w, "weights", t.WeightLearningRates.ToArray());
        if (!t.DelayLearningRates.IsEmpty)
        {
            JsonText.Numbers(w, "delays", t.DelayLearningRates.ToArray());
        }

        w.WriteEndObject();
        w.WriteStartObject("adam");
        w.WriteNumber("beta1", t.Beta1);
        w.WriteNumber("beta2", t.Beta2);
        w.WriteNumber("eps", t.Epsilon);
        w.WriteEndObject();
        w.WriteStartObject("lr_schedule");
        w.WriteNumber("gamma", t.LrGamma);
        w.WriteNumber("step_epochs", t.LrStepEpochs);
        w.WriteEndObject();
        if (!t.MaxMissingSpikes.IsEmpty)
        {
            JsonText.Numbers(w, "max_num_missing_spikes", t.MaxMissingSpikes.ToArray());
        }

        w.WriteNumber("weight_bump", t.WeightBump);
        if (double.IsFinite(t.MaxDwNorm))
        {
            w.WriteNumber("max_dw_norm", t.MaxDwNorm);
        }

        if (double.IsFinite(t.WeightClip))
        {
            w.WriteNumber("weight_clip", t.WeightClip);
        }

        w.WriteString("select", t.KeepBestValidation ? "best_validation" : "final");
        w.WriteString("kernel", t.Kernel == KernelChoice.Runtime ? "runtime" : "compiled");
        if (t.InputNoiseStd > 0)
        {
            w.WriteNumber("input_noise_std", t.InputNoiseStd);
        }

        w.WriteEndObject();
    }
}
