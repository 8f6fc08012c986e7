using DelGrad.Data;
using DelGrad.Data.Mnist;
using DelGrad.Model;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace DelGrad.Training;

/// <summary>Which part of a network disagrees with its data set.</summary>
public enum DatasetMismatch
{
    /// <summary>The network's input count differs from the data's feature count.</summary>
    Inputs,

    /// <summary>The label layer's size differs from the data's class count.</summary>
    Labels,
}

/// <summary>
/// The one check of a network against the data set it trains on or is evaluated on (train, resume, eval,
/// eval-chip all read their config through <c>ConfigReader</c>, which applies it; <see cref="Trainer"/>
/// applies it to configs built in code). Without it a narrower network trains on scrambled samples and a wider
/// one reads past the end of each sample.
/// </summary>
public static class DatasetCompatibility
{
    /// <summary>Features per sample of the data set <paramref name="data"/> describes.</summary>
    public static int Features(DataOptions data) => MnistEncoding.Named(data.Dataset) is { } mnist ? mnist.Width : YinYangDataSet.FeatureCount;

    /// <summary>Classes of the data set <paramref name="data"/> describes.</summary>
    public static int Classes(DataOptions data) => MnistEncoding.Named(data.Dataset) is not null ? MnistData.Classes : YinYangDataSet.ClassCount;

    // The data set's name as messages give it.
    private static string Named(DataOptions data) => data.IsYinYang ? "the Yin-Yang data's" : $"the {data.Dataset} data's";

    private static string ClassWord(DataOptions data) => data.IsYinYang ? "Yin-Yang class" : "digit";

    /// <summary>Every disagreement between a network with <paramref name="inputs"/> inputs and <paramref name="outputs"/> label neurons and the data set.</summary>
    public static Seq<(DatasetMismatch Field, string Problem)> Problems(int inputs, int outputs, DataOptions data)
    {
        var problems = Seq<(DatasetMismatch, string)>();
        if (inputs != Features(data))
        {
            problems = problems.Add((DatasetMismatch.Inputs, $"must be {Features(data)}, {Named(data)} features per sample, got {inputs}"));
        }

        if (outputs != Classes(data))
        {
            problems = problems.Add((DatasetMismatch.Labels, $"the label layer must have {Classes(data)} neurons, one per {ClassWord(data)}, got {outputs}"));
        }

        return problems;
    }

    /// <summary>Succeeds when <paramref name="config"/>'s network fits its data set; else one line naming the field.</summary>
    public static Fin<Unit> Check(ExperimentConfig config)
    {
        var problems = Problems(config.Network.Inputs, config.Network.Outputs, config.Data);
        return problems.IsEmpty
            ? FinSucc(unit)
            : FinFail<Unit>(Error.New(string.Join("; ", problems.Map(p => (p.Field == DatasetMismatch.Inputs ? "network.inputs: " : "network.layers: ") + p.Problem))));
    }
}
