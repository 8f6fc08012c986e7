using DelGrad.Data;

namespace DelGrad.Training;

/// <summary>The encoded train/validation/test splits of an experiment.</summary>
/// <param name="Train">Training split.</param>
/// <param name="Validation">Validation split.</param>
/// <param name="Test">Test split.</param>
public sealed record Splits(DataSplit Train, DataSplit Validation, DataSplit Test)
{
    /// <summary>Generates the Yin-Yang splits of <paramref name="data"/> and encodes them as spike times.</summary>
    public static Splits YinYang(DataOptions data)
    {
        DataSplit Make(int size, int seed)
        {
            var set = Data.YinYang.Generate(size, seed);
            return new DataSplit(SpikeEncoding.EncodeAll(set, data.Early, data.Late), set.LabelSpan.ToArray());
        }

        return new Splits(Make(data.TrainSize, data.TrainSeed), Make(data.ValidationSize, data.ValidationSeed), Make(data.TestSize, data.TestSeed));
    }
}
