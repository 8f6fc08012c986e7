using DelGrad.Kernel;
using DelGrad.Model;
using DelGrad.Serialization;
using LanguageExt;

namespace DelGrad.Training;

/// <summary>
/// A trained network: its experiment and parameters. <see cref="ToJson"/> writes the same <c>model.json</c> a
/// <c>delgrad train</c> run directory holds (a config whose layers carry their values); <see cref="Parse"/> reads
/// either, so a model trained from code can be evaluated with <c>delgrad eval</c> and vice versa.
/// </summary>
/// <param name="Config">The experiment it was trained by.</param>
/// <param name="Parameters">The flat parameters, laid out by <c>Config.Network.Layout</c>.</param>
/// <example>
/// <code>
/// File.WriteAllText("model.json", fit.Model.ToJson());                         // save
/// var model = TrainedModel.Parse(File.ReadAllText("model.json"), "model.json")  // load
///     .Match(m =&gt; m, e =&gt; throw new InvalidDataException(e.Message));
/// double accuracy = model.Evaluate(Splits.YinYang(model.Config.Data).Test).Accuracy;
/// </code>
/// </example>
public sealed record TrainedModel(ExperimentConfig Config, NetworkParameters Parameters)
{
    /// <summary>The model as JSON (bit-exact doubles): the format of a run directory's <c>model.json</c>.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => ConfigWriter.Write(Config, Parameters);

    /// <summary>Reads a model written by <see cref="ToJson"/> or by <c>delgrad train</c>.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="fileName">The file's name, for messages (<c>file:line:col: key: problem [DGxxxx]</c>).</param>
    /// <returns>The model, or the problems found.</returns>
    public static Fin<TrainedModel> Parse(string json, string fileName) =>
        CheckpointFormat.ReadModel(json, fileName).Map(m => new TrainedModel(m.Config, m.Parameters));

    /// <summary>Loss, accuracy, outputs and confusion matrix of the model on <paramref name="split"/>.</summary>
    /// <param name="split">The samples.</param>
    /// <param name="threads">Worker threads.</param>
    /// <returns>The evaluation.</returns>
    public SplitEvaluation Evaluate(DataSplit split, int threads = 1) => new Trainer(Config, threads).Evaluate(Parameters, split);

    /// <summary>The label-layer spike times of one input (+infinity = silent); the earliest wins (<see cref="Classification.Predict"/>).</summary>
    /// <param name="input">The input spike times.</param>
    /// <returns>A new array of label-layer times.</returns>
    public double[] Forward(ReadOnlySpan<double> input)
    {
        var network = Network.Compile(Config.Network);
        return network.Forward(network.Prepare(Parameters), input, network.CreateWorkspace()).ToArray();
    }
}
