using DelGrad.Kernel;
using DelGrad.Substrate;
using DelGrad.Tests.Data;
using DelGrad.Training;
using DelGrad.Serialization;

namespace DelGrad.Tests.Training;

/// <summary>The few-lines training API: built-in configs, reference defaults, Fit, models and own data.</summary>
public class FitApiTests
{
    private static ExperimentConfig Small(string name, int epochs) =>
        ExperimentConfig.BuiltIn(name) is var c
            ? c with { Training = c.Training with { Epochs = epochs }, Data = c.Data with { TrainSize = 300, ValidationSize = 100, TestSize = 100 } }
            : throw new InvalidOperationException();

    [Fact]
    public void BuiltInConfigsAreTheRepositoryConfigFiles()
    {
        var files = Directory.GetFiles(Path.Combine(ReferenceFiles.RepositoryRoot(), "configs"), "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(files, ExperimentConfig.BuiltInNames);
        foreach (var name in ExperimentConfig.BuiltInNames)
        {
            Assert.Equal(TrainingSmokeTests.Load(name), ExperimentConfig.BuiltIn(name));
        }

        var e = Assert.Throws<ArgumentException>(() => ExperimentConfig.BuiltIn("yinyang-h31"));
        Assert.Contains("yinyang-h30-ws", e.Message, StringComparison.Ordinal);
        Assert.Null(ExperimentConfig.BuiltInText("../configs/yinyang-h30-ws"));
    }

    [Fact]
    public void TrainingOptionDefaultsAreTheReferenceConfigs()
    {
        var t = ExperimentConfig.BuiltIn("yinyang-h30-ws").Training;
        Assert.Equal(t, new TrainingOptions(t.Epochs, t.BatchSize, t.Seed, t.WeightLearningRates, t.DelayLearningRates));
        Assert.Equal(new DataOptions(), ExperimentConfig.BuiltIn("yinyang-h30-ws").Data);
    }

    [Fact]
    public void FitIsTheEpochLoopToTheBit()
    {
        var config = Small("yinyang-h5-ws", 3);
        var reports = new List<EpochReport>();
        var fit = Trainer.Fit(config, progress: new SynchronousProgress<EpochReport>(reports.Add), threads: 2);

        var splits = Splits.YinYang(config.Data);
        var trainer = new Trainer(config);
        var state = trainer.Initial();
        var history = new List<EpochMetrics>();
        for (int e = 0; e < 3; e++)
        {
            (state, var m) = trainer.Epoch(state, splits.Train, splits.Validation);
            history.Add(m);
        }

        Assert.Equal(state.Parameters.Values.ToArray(), fit.Model.Parameters.Values.ToArray());
        Assert.Equal(history, fit.History);
        Assert.Equal(history, reports.Select(r => r.Metrics));
        Assert.All(reports, r => Assert.Equal(3, r.Epochs));
        Assert.Equal(trainer.Evaluate(state.Parameters, splits.Test).Accuracy, fit.Test.Accuracy);
        Assert.Equal("YinyangH5WsNetwork", fit.Kernel);
    }

    [Fact]
    public void AChipConfigFitsChipInTheLoopOnTheChipForwardSource()
    {
        var config = Small("yinyang-bss2-w", 1);
        var fit = Trainer.Fit(config, threads: 2);
        var chip = new Trainer(config);
        Assert.IsType<ChipForward>(chip.Forward);
        var splits = Splits.YinYang(config.Data);
        var (state, metrics) = chip.Epoch(chip.Initial(), splits.Train, splits.Validation);
        Assert.Equal(state.Parameters.Values.ToArray(), fit.Model.Parameters.Values.ToArray());
        Assert.Equal(new[] { metrics }, fit.History.ToArray());
        Assert.Equal(chip.Evaluate(state.Parameters, splits.Test).Accuracy, fit.Test.Accuracy);
        Assert.Equal("bss2 emulation", fit.Kernel);
        Assert.Throws<ArgumentException>(() => Trainer.Fit(config, network: () => new YinyangH5WsNetwork()));
    }

    [Fact]
    public void CancellingStopsTheRun()
    {
        var config = Small("yinyang-h5-ws", 50);
        using var cancel = new CancellationTokenSource();
        int epochs = 0;
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Trainer.Fit(config, progress: new SynchronousProgress<EpochReport>(_ => { epochs++; cancel.Cancel(); }), cancellationToken: cancel.Token));
        Assert.Equal(1, epochs);
    }

    [Fact]
    public void AGeneratedNetworkOfTheSameSpecTrainsAndAnotherIsRefused()
    {
        var config = Small("yinyang-h5-ws", 2) with { Training = Small("yinyang-h5-ws", 2).Training with { Kernel = KernelChoice.Runtime } };
        var own = Trainer.Fit(config, network: () => new YinyangH5WsNetwork());
        Assert.Equal("YinyangH5WsNetwork", own.Kernel);
        Assert.Equal("runtime", Trainer.Fit(config).Kernel);
        var e = Assert.Throws<ArgumentException>(() => new Trainer(config, () => new YinyangH30WsNetwork()));
        Assert.Contains("YinyangH30WsNetwork", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AModelRoundTripsThroughJsonToTheBit()
    {
        var fit = Trainer.Fit(Small("yinyang-h5-ws", 1));
        var back = TrainedModel.Parse(fit.Model.ToJson(), "model.json").ThrowIfFail();
        Assert.Equal(fit.Model.Parameters.Values.ToArray(), back.Parameters.Values.ToArray());
        Assert.Equal(fit.Model.Config.Network, back.Config.Network);
        var test = Splits.YinYang(back.Config.Data).Test;
        Assert.Equal(fit.Test.Accuracy, back.Evaluate(test).Accuracy);
        // Forward runs the runtime network; the test evaluation ran the compiled one: equal to rounding.
        Assert.Equal(fit.Test.Outputs.AsSpan(0, 3).ToArray(), back.Forward(test.Inputs.AsSpan(0, 4)), (a, b) => Math.Abs(a - b) <= 1e-12 * Math.Max(1, Math.Abs(a)));
    }

    [Fact]
    public void ArraysAndCsvEncodeAsTheYinYangSplits()
    {
        var data = DelGrad.Data.YinYang.Generate(50, 7);
        var rows = Enumerable.Range(0, data.Count).Select(n => data.Sample(n).ToArray()).ToArray();
        var labels = data.LabelSpan.ToArray();
        var expected = new DataSplit(DelGrad.Data.SpikeEncoding.EncodeAll(data), labels);
        var fromArrays = DataSplit.FromArrays(rows, labels);
        Assert.Equal(expected.Inputs, fromArrays.Inputs);
        Assert.Equal(expected.Labels, fromArrays.Labels);

        string csv = "x,y,one_minus_x,one_minus_y,label\n" + string.Concat(rows.Zip(labels, (r, l) => string.Join(",", r.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "," + l + "\r\n")) + "\n";
        var fromCsv = DataSplit.FromCsv(csv, "data.csv").ThrowIfFail();
        Assert.Equal(expected.Inputs, fromCsv.Inputs);
        Assert.Equal(expected.Labels, fromCsv.Labels);
    }

    [Theory]
    [InlineData("a,b,label\n0.1,0.2,0\n0.3,x,1\n", "data.csv:3:5: b: not a finite number: 'x' [DG0009]")]
    [InlineData("0.1,0.2,0\n0.3,0.4,-1\n", "data.csv:2:9: column 3: a label must be an integer from 0, got '-1' [DG0009]")]
    [InlineData("a,b,label\n0.1,0.2,0\n0.3,1\n", "data.csv:3:1: row: 2 columns, expected 3 (features, then the label) [DG0009]")]
    [InlineData("a,b,label\n", "data.csv:1:1: no samples [DG0009]")]
    public void BadCsvIsOneLinePerProblem(string csv, string message)
    {
        var result = DataSplit.FromCsv(csv, "data.csv");
        Assert.Equal(message, result.Match(_ => "", e => e.Message));
    }

    [Fact]
    public void BadArraysAreRefused()
    {
        Assert.Throws<ArgumentException>(() => DataSplit.FromArrays([[0.1, 0.2], [0.3]], [0, 1]));
        Assert.Throws<ArgumentException>(() => DataSplit.FromArrays([[0.1, double.NaN]], [0]));
        Assert.Throws<ArgumentException>(() => DataSplit.FromArrays([[0.1, 0.2]], [0, 1]));
        Assert.Throws<ArgumentException>(() => DataSplit.FromArrays([[0.1, 0.2]], [-1]));
    }

    [Fact]
    public void DataOfAnotherShapeIsRefused()
    {
        var config = Small("yinyang-h5-ws", 1);
        var ok = DataSplit.FromArrays([[0.1, 0.2, 0.9, 0.8]], [2]);
        var wide = DataSplit.FromArrays([[0.1, 0.2, 0.3]], [0]);
        var label = DataSplit.FromArrays([[0.1, 0.2, 0.9, 0.8]], [3]);
        Assert.Contains("validation split: 3 input times", Assert.Throws<ArgumentException>(() => Trainer.Fit(config, new Splits(ok, wide, ok))).Message, StringComparison.Ordinal);
        Assert.Contains("label 3", Assert.Throws<ArgumentException>(() => Trainer.Fit(config, new Splits(ok, ok, label))).Message, StringComparison.Ordinal);
    }
}
