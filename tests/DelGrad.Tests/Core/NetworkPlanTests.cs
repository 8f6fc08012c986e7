using DelGrad.Model;
using DelGrad.Serialization;
using DelGrad.Solvers;
using DelGrad.Specs.Format;
using DelGrad.Specs.Plan;
using DelGrad.Tests.Data;
using DelGrad.Training;
using static LanguageExt.Prelude;

namespace DelGrad.Tests.Core;

/// <summary>The one network plan: stages, delay blocks, offsets and solver models, the same from a file and from records.</summary>
public class NetworkPlanTests
{
    // Mixed wiring: multiplex, shared axonal delays, general neurons; dendritic shared delays, double tau; broadcast, bias, equal tau.
    private static NetworkSpec Mixed() => NetworkSpec.Create(3, Seq<LayerSpec>(
        new MultiplexLayer(2),
        new DelayLayer(DelayKind.Axonal, new Positivity.Clip(), PresynSharing: 2, PresynInterleaved: true),
        new NeuronLayer(6, NeuronParameters.Create(3.0, 1.0, 0.8).SuccessToSeq().Head),
        new DelayLayer(DelayKind.Dendritic, new Positivity.Sigmoid(0.1, 2.0), PostsynSharing: 2),
        new NeuronLayer(4, NeuronParameters.Create(2.0, 1.0, 1.0).SuccessToSeq().Head),
        new BroadcastLayer(),
        new BiasSpikesLayer(Seq(0.5, 1.5)),
        new NeuronLayer(3, NeuronParameters.EqualTau(0.7)))).ThrowIfFail();

    [Fact]
    public void StagesDelayBlocksAndOffsetsAreWhereTheLayoutSays()
    {
        var spec = Mixed();
        var plan = spec.Plan;
        Assert.Equal(["MultiplexStagePlan", "NeuronStagePlan", "NeuronStagePlan", "BiasStagePlan", "NeuronStagePlan"], plan.Stages.Select(s => s.GetType().Name));
        Assert.Equal([2, 4, 7], plan.NeuronStages.Select(n => n.LayerIndex));
        Assert.Equal([NeuronModel.General, NeuronModel.DoubleTau, NeuronModel.EqualTau], plan.NeuronStages.Select(n => n.Model));

        var axonal = plan.NeuronStages[0].Delays!;
        Assert.Equal((1, DelayPlacement.Axonal, 3, 1, 6), (axonal.LayerIndex, axonal.Kind, axonal.RawRows, axonal.RawColumns, axonal.Count));
        var dendritic = plan.NeuronStages[1].Delays!;
        Assert.Equal((3, DelayPlacement.Dendritic, 1, 2, 4), (dendritic.LayerIndex, dendritic.Kind, dendritic.RawRows, dendritic.RawColumns, dendritic.Count));
        Assert.Null(plan.NeuronStages[2].Delays);

        // The layout is the plan's: raw delays, then weights, per neuron stage.
        Assert.Equal(
            new[] { (ParameterKind.DelayRaw, 0, 3), (ParameterKind.Weights, 3, 36), (ParameterKind.DelayRaw, 39, 2), (ParameterKind.Weights, 41, 24), (ParameterKind.Weights, 65, 18) },
            spec.Layout.Blocks.Map(b => (b.Kind, b.Offset, b.Count)).ToArray());
        Assert.Equal(83, plan.ParameterCount);
        Assert.Equal(36 + 24 + 18, plan.ArrivalCount);
        Assert.Equal(6 + 4, plan.DelayCount);
        Assert.Equal(6, plan.MaxWidth);

        // Interleaved presynaptic sharing: copies 2i and 2i + 1 of input i read raw delay i; dendritic sharing tiles.
        Assert.Equal([0, 0, 1, 1, 2, 2], Enumerable.Range(0, 6).Select(axonal.RawIndexOfExpanded));
        Assert.Equal([0, 1, 0, 1], Enumerable.Range(0, 4).Select(dendritic.RawIndexOfExpanded));
    }

    public static TheoryData<string> Configs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(ReferenceFiles.RepositoryRoot(), "configs"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    // The spec reader plans while it reads (it shapes each layer's parameters by the plan); NetworkSpec plans its
    // records: one planner, the same plan.
    [Theory]
    [MemberData(nameof(Configs))]
    public void TheReaderAndTheSpecPlanAlike(string config)
    {
        string text = File.ReadAllText(Path.Combine(ReferenceFiles.RepositoryRoot(), "configs", config));
        var root = JsonParser.TryParse(text, out _)!;
        var sink = new List<SpecDiagnostic>();
        var doc = NetworkReader.Read(root["network"]!["layers"]!, "network.layers", (int)root["network"]!["inputs"]!.Number, false, sink);
        Assert.Empty(sink);
        var spec = ConfigReader.Parse(text, config).ThrowIfFail().Network;
        Assert.Equal(Summary(spec.Plan), Summary(doc.Plan));
        Assert.Equal(spec.Layout.Count, doc.Plan.ParameterCount);
    }

    private static string[] Summary(NetworkPlan plan) =>
        [.. plan.Stages.Select(s => s is NeuronStagePlan n
            ? $"{n.LayerIndex} {n.InSize}->{n.OutSize} {n.Model} w@{n.WeightOffset} a@{n.ArrivalOffset} {(n.Delays is { } d ? $"{d.Kind} {d.RawRows}x{d.RawColumns}@{d.RawOffset} d@{d.DelayOffset}" : "-")}"
            : $"{s.GetType().Name} {s.LayerIndex} {s.InSize}->{s.OutSize}")];

    [Fact]
    public void DelaysBeforeAnythingButNeuronsAreAProblemAtTheDelayLayer()
    {
        NetworkPlanner.Plan(4, [PlanLayer.Delays(DelayPlacement.Axonal, 1, 1, false), PlanLayer.Broadcast(), PlanLayer.Neurons(3, 1.0)], out var problems);
        var p = Assert.Single(problems);
        Assert.Equal((PlanProblemKind.MisplacedDelays, 0), (p.Kind, p.LayerIndex));

        NetworkPlanner.Plan(4, [PlanLayer.Neurons(3, 1.0), PlanLayer.Delays(DelayPlacement.Synaptic, 1, 1, false)], out problems);
        Assert.Equal((PlanProblemKind.MisplacedDelays, 1), (Assert.Single(problems).Kind, problems[0].LayerIndex));
    }

    [Fact]
    public void SharingThatDoesNotDivideIsAProblemAtItsField()
    {
        var plan = NetworkPlanner.Plan(4, [PlanLayer.Delays(DelayPlacement.Synaptic, 3, 1, false), PlanLayer.Neurons(6, 0.5)], out var problems);
        var p = Assert.Single(problems);
        Assert.Equal((PlanProblemKind.BadSharing, 0, "presyn_sharing_factor"), (p.Kind, p.LayerIndex, p.Field));
        Assert.Null(plan.NeuronStages[0].Delays);

        NetworkPlanner.Plan(4, [PlanLayer.Delays(DelayPlacement.Synaptic, 2, 4, false), PlanLayer.Neurons(6, 0.5)], out problems);
        Assert.Equal("postsyn_sharing_factor", Assert.Single(problems).Field);
    }
}
