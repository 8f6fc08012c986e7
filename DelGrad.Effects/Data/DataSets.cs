using DelGrad.Data.Mnist;
using DelGrad.Effects.Traits;
using DelGrad.Training;
using LanguageExt;
using static LanguageExt.Prelude;

namespace DelGrad.Effects.Data;

/// <summary>
/// The splits a config's <c>data</c> section names: Yin-Yang is generated; MNIST and 16x16 MNIST come from the cache in
/// the data folder (<c>$DELGRAD_DATA</c> or the per-user default), fetched and verified on first use.
/// </summary>
public static class DataSets
{
    /// <summary>The splits of <paramref name="data"/>, MNIST from <paramref name="source"/>; <paramref name="status"/> hears about a download.</summary>
    public static Fin<Splits> Load(DataOptions data, DataIO source, Action<string> status, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(source);
        if (data.IsYinYang)
        {
            return FinSucc(Splits.YinYang(data));
        }

        var encoding = MnistEncoding.Named(data.Dataset) ?? throw new ArgumentException($"unknown data set {data.Dataset}", nameof(data));
        return source.Mnist(null).LoadOrFetch(source.Http, status, cancel).Map(m => Splits.Mnist(m, encoding, data));
    }
}

/// <summary><see cref="DataSets.Load"/> as an effect: the runtime's data source, download progress on its status line.</summary>
/// <typeparam name="RT">The runtime.</typeparam>
public static class DataSets<RT>
    where RT : struct, HasProgress<RT>, HasData<RT>
{
    /// <summary>The splits of <paramref name="data"/>.</summary>
    public static Eff<RT, Splits> Load(DataOptions data) =>
        from progress in default(RT).ProgressEff
        from source in default(RT).DataEff
        from splits in EffMaybe<RT, Splits>(rt => DataSets.Load(data, source, progress.Status, rt.CancellationToken))
        select splits;
}
