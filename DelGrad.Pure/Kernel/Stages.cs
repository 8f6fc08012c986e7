using DelGrad.Model;
using DelGrad.Solvers;
using DelGrad.Specs.Plan;

namespace DelGrad.Kernel;

/// <summary>A compiled stage of the forward pass: maps activation vector k to vector k + 1.</summary>
internal abstract class Stage
{
    public int InSize;
    public int OutSize;
}

/// <summary>Appends fixed times.</summary>
internal sealed class BiasStage : Stage
{
    public double[] Times = [];

    /// <summary>Copies the input and appends the bias times.</summary>
    public void Apply(ReadOnlySpan<double> inVec, Span<double> outVec)
    {
        inVec.CopyTo(outVec);
        Times.CopyTo(outVec[inVec.Length..]);
    }
}

/// <summary>repeat_interleave copies.</summary>
internal sealed class MultiplexStage : Stage
{
    public int Factor;

    /// <summary>[a, b] -> [a x Factor, b x Factor].</summary>
    public void Apply(ReadOnlySpan<double> inVec, Span<double> outVec)
    {
        for (int i = 0; i < inVec.Length; i++)
        {
            outVec.Slice(i * Factor, Factor).Fill(inVec[i]);
        }
    }
}

/// <summary>Delay wiring of a neuron stage (None = broadcast).</summary>
internal enum Wiring
{
    None,
    Synaptic,
    Axonal,
    Dendritic,
}

/// <summary>Which lane kernels a neuron stage runs on (see <see cref="SynapticLanes"/>, <see cref="SharedLanes"/>).</summary>
internal enum LaneKind
{
    None,
    Synaptic,
    Shared,
}

/// <summary>
/// The solver struct a neuron stage dispatches to. The built-in generated neurons (<see cref="FastAndDeepNeuron"/>,
/// <see cref="DelGradNeuron"/>) carry their constants as literals, so the JIT folds them into the kernels.
/// </summary>
internal enum SolverKind
{
    EqualTau,
    DoubleTau,
    General,
    FastAndDeep,
    DelGrad,
}

/// <summary>A neuron layer with its (optional) incoming delays: the planned stage plus the numbers it runs with.</summary>
internal sealed class NeuronStage : Stage
{
    private NeuronConstants constants;

    /// <summary>Compiles a planned neuron stage with its constants and its delays' positivity.</summary>
    public NeuronStage(NeuronStagePlan plan, NeuronConstants constants, Positivity positivity)
    {
        InSize = plan.InSize;
        OutSize = plan.OutSize;
        LayerIndex = plan.LayerIndex;
        WeightOffset = plan.WeightOffset;
        ArrivalOffset = plan.ArrivalOffset;
        Positivity = positivity;
        if (plan.Delays is { } d)
        {
            Wiring = d.Kind switch
            {
                DelayPlacement.Synaptic => Wiring.Synaptic,
                DelayPlacement.Axonal => Wiring.Axonal,
                _ => Wiring.Dendritic,
            };
            DelayOffset = d.DelayOffset;
            DelayCount = d.Count;
        }

        Constants = constants; // after the wiring: it chooses the solver and the lanes
    }

    /// <summary>The folded constants; setting them chooses <see cref="Solver"/>.</summary>
    public NeuronConstants Constants
    {
        get => constants;
        set
        {
            constants = value;
            Solver = Choose(value, builtIns: true);
            Lanes = ChooseLanes(value.Model, Wiring, InSize);
        }
    }

    /// <summary>The solver struct the kernels dispatch to for this stage.</summary>
    public SolverKind Solver;

    /// <summary>The lane kernels of this stage (None: the scalar solver loop).</summary>
    public LaneKind Lanes;

    /// <summary>Index among the network's neuron stages.</summary>
    public int Ordinal;

    /// <summary>Index of the neurons layer in the spec's layer list.</summary>
    public int LayerIndex { get; }

    /// <summary>Start of the weights [in][out] in the flat parameters.</summary>
    public int WeightOffset { get; }

    /// <summary>Where the incoming delays sit (None = broadcast).</summary>
    public Wiring Wiring { get; }

    /// <summary>Raw parameter to effective delay.</summary>
    public Positivity Positivity { get; }

    /// <summary>Offset of this stage's arrival matrix [in][out] in the workspace.</summary>
    public int ArrivalOffset { get; }

    /// <summary>Offset of this stage's effective-delay block in a prepared parameter set.</summary>
    public int DelayOffset { get; }

    /// <summary>Length of the effective delay block: [in][out], [in] or [out] (0 without delays).</summary>
    public int DelayCount { get; }

    /// <summary>
    /// The solver for <paramref name="constants"/>: a generated built-in struct when the folded constants
    /// (tau_syn, tau_syn / tau_mem, threshold - leak) equal its own exactly, so its literal constants are the same
    /// numbers and every result is bit-identical; else the runtime solver of the model.
    /// </summary>
    public static SolverKind Choose(NeuronConstants constants, bool builtIns)
    {
        if (builtIns && constants == DelGradNeuron.Constants)
        {
            return SolverKind.DelGrad;
        }

        if (builtIns && constants == FastAndDeepNeuron.Constants)
        {
            return SolverKind.FastAndDeep;
        }

        return constants.Model switch
        {
            NeuronModel.EqualTau => SolverKind.EqualTau,
            NeuronModel.DoubleTau => SolverKind.DoubleTau,
            _ => SolverKind.General,
        };
    }

    /// <summary>
    /// The lanes for a model and wiring: double tau with synaptic delays on <see cref="SynapticLanes"/>, equal or double tau
    /// with one arrival order for the layer (no delays, axonal delays) on <see cref="SharedLanes"/>, else none.
    /// Synaptic lanes only up to <see cref="SynapticLaneInputLimit"/> inputs: on wider layers (MNIST's 256 inputs) their
    /// per-synapse arrival and factor matrices cost more memory traffic than the lazy scalar loop saves.
    /// </summary>
    public static LaneKind ChooseLanes(NeuronModel model, Wiring wiring, int inputs) => (model, wiring) switch
    {
        (NeuronModel.DoubleTau, Wiring.Synaptic) when inputs <= SynapticLaneInputLimit => LaneKind.Synaptic,
        (NeuronModel.EqualTau or NeuronModel.DoubleTau, Wiring.None or Wiring.Axonal) => LaneKind.Shared,
        _ => LaneKind.None,
    };

    /// <summary>Most inputs of a layer the runtime runs on <see cref="SynapticLanes"/>.</summary>
    public const int SynapticLaneInputLimit = 64;

    /// <summary>The solver struct type of <paramref name="kind"/>.</summary>
    public static Type SolverType(SolverKind kind) => kind switch
    {
        SolverKind.EqualTau => typeof(EqualTauSolver),
        SolverKind.DoubleTau => typeof(DoubleTauSolver),
        SolverKind.FastAndDeep => typeof(FastAndDeepNeuron),
        SolverKind.DelGrad => typeof(DelGradNeuron),
        _ => typeof(GeneralSolver),
    };
}
