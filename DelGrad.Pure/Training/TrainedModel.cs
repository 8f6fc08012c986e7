using DelGrad.Kernel;
using DelGrad.Model;

namespace DelGrad.Training;

/// <summary>
/// A trained network: its experiment and parameters. <c>ToJson</c> writes the same <c>model.json</c> a
/// <c>delgrad train</c> run directory holds (a config whose layers carry their values); <c>TrainedModel.Parse</c> reads
/// either, so a model trained from code can be evaluated with <c>delgrad eval</c> and vice versa. Both live with the other
/// file formats (<see cref="Serialization.TrainedModelFormat"/>: <c>using DelGrad.Serialization;</c>).
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
    /// <summary>Loss, accuracy, outputs and confusion matrix of the model on <paramref name="split"/>.</summary>
    /// <param name="split">The samples.</param>
    /// <param name="threads">Worker threads.</param>
    /// <returns>The evaluation.</returns>
    public SplitEvaluation Evaluate(DataSplit split, int threads = 1) => new Trainer(Config.InSoftware, threads).Evaluate(Parameters, split);

    /// <summary>The label-layer spike times of one input (+infinity = silent); the earliest wins (<see cref="Classification.Predict"/>).</summary>
    /// <param name="input">The input spike times.</param>
    /// <returns>A new array of label-layer times.</returns>
    public double[] Forward(ReadOnlySpan<double> input)
    {
        var network = Network.Compile(Config.Network);
        return network.Forward(network.Prepare(Parameters), input, network.CreateWorkspace()).ToArray();
    }
}
