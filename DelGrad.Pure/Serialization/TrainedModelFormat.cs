using DelGrad.Training;
using LanguageExt;

namespace DelGrad.Serialization;

/// <summary>
/// A <see cref="TrainedModel"/>'s file format, <c>model.json</c> (the config with every layer's values), kept with the
/// other formats so that training does not depend on serialisation: <c>model.ToJson()</c> and
/// <c>TrainedModel.Parse(json, file)</c> once <c>DelGrad.Serialization</c> is imported.
/// </summary>
public static class TrainedModelFormat
{
    /// <summary>Writing a model.</summary>
    /// <param name="model">The model.</param>
    extension(TrainedModel model)
    {
        /// <summary>The model as JSON (bit-exact doubles): the format of a run directory's <c>model.json</c>.</summary>
        /// <returns>The JSON text.</returns>
        public string ToJson() => ConfigWriter.Write(model.Config, model.Parameters);
    }

    /// <summary>Reading a model.</summary>
    extension(TrainedModel)
    {
        /// <summary>Reads a model written by <c>ToJson</c> or by <c>delgrad train</c>.</summary>
        /// <param name="json">The file's text.</param>
        /// <param name="fileName">The file's name, for messages (<c>file:line:col: key: problem [DGxxxx]</c>).</param>
        /// <returns>The model, or the problems found.</returns>
        public static Fin<TrainedModel> Parse(string json, string fileName) =>
            CheckpointFormat.ReadModel(json, fileName).Map(m => new TrainedModel(m.Config, m.Parameters));
    }
}
