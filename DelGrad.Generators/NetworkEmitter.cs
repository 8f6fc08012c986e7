using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using DelGrad.Solvers;
using DelGrad.Specs.Format;
using DelGrad.Specs.Plan;

namespace DelGrad.Generators
{
    /// <summary>Writes a specialized network class: fixed sizes, folded constants, preallocated buffers.</summary>
    internal static partial class NetworkEmitter
    {
        // A planned stage with the numbers the emitter folds into code (constants, bias times, positivity).
        private sealed class Stage
        {
            public Stage(StagePlan plan, NetworkDoc doc)
            {
                Plan = plan;
                In = plan.InSize;
                Out = plan.OutSize;
                switch (plan)
                {
                    case BiasStagePlan:
                        Times = ((BiasSpikesDoc)doc.Layers[plan.LayerIndex]).Times;
                        break;
                    case MultiplexStagePlan m:
                        Factor = m.Factor;
                        break;
                    case NeuronStagePlan n:
                        var neurons = (NeuronsDoc)doc.Layers[n.LayerIndex];
                        Solver = n.Model;
                        TauSyn = neurons.TauSyn;
                        G = neurons.TauSyn / neurons.TauMem;
                        C = neurons.Threshold - neurons.Leak;
                        WeightOffset = n.WeightOffset;
                        Delays = n.Delays;
                        if (n.Delays is { } d)
                        {
                            var delays = (DelaysDoc)doc.Layers[d.LayerIndex];
                            Sigmoid = delays.Sigmoid;
                            Shift = delays.Shift;
                            Scale = delays.Scale;
                        }

                        break;
                }
            }

            public StagePlan Plan { get; }

            public bool IsNeurons => Plan is NeuronStagePlan;

            /// <summary>The stage's name in the emitted comments.</summary>
            public string KindName => Plan is BiasStagePlan ? "bias" : Plan is MultiplexStagePlan ? "mux" : "neurons";

            public int In { get; }

            public int Out { get; }

            public double[] Times { get; } = new double[0];

            public int Factor { get; }

            public NeuronModel Solver { get; }

            public double TauSyn { get; }

            public double G { get; }

            public double C { get; }

            public int WeightOffset { get; }

            public DelayBlockPlan? Delays { get; }

            /// <summary>Where the incoming delays sit; null without delays (broadcast).</summary>
            public DelayPlacement? Wiring => Delays?.Kind;

            public bool Sigmoid { get; }

            public double Shift { get; }

            public double Scale { get; } = 1.0;

            public int RawOffset => Delays?.RawOffset ?? 0;

            public int RawRows => Delays?.RawRows ?? 0;

            public int RawColumns => Delays?.RawColumns ?? 0;

            public int PresynSharing => Delays?.PresynSharing ?? 1;

            public bool PresynInterleaved => Delays?.PresynInterleaved ?? false;

            /// <summary>Exponentials in product form (inlined equal/double-tau solver, no dendritic delays).</summary>
            public bool Product => IsNeurons && Solver != NeuronModel.General && Wiring != DelayPlacement.Dendritic && !Lanes;

            /// <summary>Lane kernels (double tau, synaptic delays; see NetworkEmitter.Lanes.cs), with the exact scalar path as fallback.</summary>
            public bool Lanes => LaneMode(this).Length > 0;

            /// <summary>Equal tau with one arrival order for the layer: four neurons per vector (NetworkEmitter.SharedLanes.cs).</summary>
            public bool SharedLanes => IsNeurons && Solver != NeuronModel.General && (Wiring == null || Wiring == DelayPlacement.Axonal);

            public int DelayCount => Delays?.Count ?? 0;
        }

        private static string L(double v) => Lits.Lit(v);

        private const string Factors = "global::DelGrad.Kernel.ProductFactors";

        public static string Emit(string ns, string className, string fileName, NetworkDoc doc, LossDoc loss)
        {
            var stages = doc.Plan.Stages.Select(p => new Stage(p, doc)).ToList();
            int offset = doc.Plan.ParameterCount;
            int inputs = doc.Inputs;
            int outputs = stages[stages.Count - 1].Out;
            var last = stages.Last(x => x.IsNeurons);
            int maxWidth = Math.Max(inputs, stages.Max(x => Math.Max(x.In, x.Out)));
            string lossExpr = loss.Type == "TTFS" ? $"new global::DelGrad.Model.LossSpec.Ttfs({L(loss.Xi)}, {L(loss.Alpha)}, {L(loss.Beta)})"
                : loss.Type == "shift_invariant_MSE" ? $"new global::DelGrad.Model.LossSpec.ShiftInvariantMse({L(loss.DeltaT)})"
                : $"new global::DelGrad.Model.LossSpec.Mse({L(loss.TargetCorrect)}, {L(loss.TargetWrong)})";

            var sb = new StringBuilder();
            sb.AppendLine("// <auto-generated/> by DelGrad.Generators.NetworkSpecGenerator from " + fileName);
            sb.AppendLine("#nullable enable");
            sb.AppendLine("namespace " + ns);
            sb.AppendLine("{");
            sb.AppendLine("    /// <summary>");
            sb.AppendLine("    /// The network of <c>" + fileName + "</c> compiled at build time: fixed sizes, folded constants and");
            sb.AppendLine("    /// preallocated buffers (one instance per thread; no allocation per sample). Same semantics and");
            sb.AppendLine("    /// parameter layout as the runtime <c>DelGrad.Kernel.Network</c>.");
            sb.AppendLine("    /// </summary>");
            sb.AppendLine("    public sealed partial class " + className + " : global::DelGrad.Kernel.ICompiledNetwork");
            sb.AppendLine("    {");
            sb.AppendLine("        /// <summary>Input spikes per sample.</summary>");
            sb.AppendLine("        public const int Inputs = " + inputs + ";");
            sb.AppendLine("        /// <summary>Label-layer neurons.</summary>");
            sb.AppendLine("        public const int Outputs = " + outputs + ";");
            sb.AppendLine("        /// <summary>Length of the flat parameter vector (layout of <c>NetworkSpec.Layout</c>).</summary>");
            sb.AppendLine("        public const int ParameterCount = " + offset + ";");
            sb.AppendLine("        /// <summary>Layer sizes: the input, then every stage's output vector.</summary>");
            sb.AppendLine("        public static global::System.ReadOnlySpan<int> VectorSizes => new int[] { " + string.Join(", ", new[] { inputs }.Concat(stages.Select(x => x.Out))) + " };");
            sb.AppendLine();
            sb.AppendLine("        /// <summary>The loss of this config.</summary>");
            sb.AppendLine("        public static readonly global::DelGrad.Model.LossSpec Loss = " + lossExpr + ";");
            sb.AppendLine();
            SpecMember(sb, fileName, doc);
            sb.AppendLine();
            sb.AppendLine("        private const int MaxWidth = " + maxWidth + ";");
            sb.AppendLine("        private const double LabelTauSyn = " + L(last.TauSyn) + ";");
            sb.AppendLine("        private readonly double[] v0 = new double[" + inputs + "], g0 = new double[" + inputs + "];");
            for (int s = 0; s < stages.Count; s++)
            {
                var st = stages[s];
                sb.AppendLine($"        private readonly double[] v{s + 1} = new double[{st.Out}], g{s + 1} = new double[{st.Out}];");
                if (st.IsNeurons)
                {
                    ConstantsStruct(sb, s, st);

                    sb.AppendLine($"        private readonly double[] bnd{s} = new double[{st.Out}];");
                    if (st.Wiring == DelayPlacement.Synaptic)
                    {
                        sb.AppendLine($"        private readonly double[] arr{s} = new double[{st.In * st.Out}];");
                    }

                    if (st.DelayCount > 0)
                    {
                        sb.AppendLine($"        private readonly double[] d{s} = new double[{st.DelayCount}], ds{s} = new double[{st.DelayCount}], dg{s} = new double[{st.DelayCount}];");
                        string positivity = st.Sigmoid ? $"new global::DelGrad.Model.Positivity.Sigmoid({L(st.Shift)}, {L(st.Scale)})" : "new global::DelGrad.Model.Positivity.Clip()";
                        sb.AppendLine($"        private static readonly global::DelGrad.Model.Positivity positivity{s} = {positivity};");
                    }

                    if (st.Lanes)
                    {
                        LaneFields(sb, s, st);
                    }

                    if (st.SharedLanes)
                    {
                        SharedLaneFields(sb, s, st);
                    }

                    if (st.Product)
                    {
                        // ea: exp(g (a - tref) / tau_syn) per arrival (per synapse for synaptic delays), tref = earliest input.
                        sb.AppendLine(st.SharedLanes
                            ? $"        private double[] ea{s} => ls{s}.InputFactors;"
                            : $"        private readonly double[] ea{s} = new double[{(st.Wiring == DelayPlacement.Synaptic ? st.In * st.Out : st.In)}];");
                        sb.AppendLine($"        private double tref{s};");
                        sb.AppendLine($"        private bool fast{s};");
                        if (st.Wiring == DelayPlacement.Synaptic)
                        {
                            sb.AppendLine($"        private readonly double[] dx{s} = new double[{st.DelayCount}];");
                            sb.AppendLine($"        private bool dfast{s};");
                        }
                    }
                }
            }

            sb.AppendLine("        private readonly double[] keys = new double[MaxWidth], sortedW = new double[MaxWidth], sortedT = new double[MaxWidth], shared = new double[MaxWidth], slopes = new double[MaxWidth], psps = new double[MaxWidth];");
            sb.AppendLine("        private readonly int[] index = new int[MaxWidth];");
            sb.AppendLine("        private readonly double[] inExp = new double[MaxWidth];");
            sb.AppendLine("        private readonly double[] gradient = new double[ParameterCount];");
            sb.AppendLine("        private readonly double[] p = new double[ParameterCount];");
            sb.AppendLine("        private bool prepared;");
            sb.AppendLine();
            sb.AppendLine("        /// <inheritdoc />");
            sb.AppendLine("        int global::DelGrad.Kernel.ICompiledNetwork.Inputs => Inputs;");
            sb.AppendLine();
            sb.AppendLine("        /// <inheritdoc />");
            sb.AppendLine("        int global::DelGrad.Kernel.ICompiledNetwork.Outputs => Outputs;");
            sb.AppendLine();
            sb.AppendLine("        /// <inheritdoc />");
            sb.AppendLine("        int global::DelGrad.Kernel.ICompiledNetwork.ParameterCount => ParameterCount;");
            sb.AppendLine();
            sb.AppendLine("        /// <summary>The reference's max_dw_norm (per sample and neuron, on the gradient of the batch-mean loss); +infinity = off.</summary>");
            sb.AppendLine("        public double MaxDwNorm { get; set; } = double.PositiveInfinity;");
            sb.AppendLine();
            sb.AppendLine("        /// <summary>The label layer's first-spike times of the last forward pass (+infinity = silent).</summary>");
            sb.AppendLine("        public global::System.ReadOnlySpan<double> Output => v" + stages.Count + ";");
            sb.AppendLine();
            sb.AppendLine("        /// <summary>The accumulated gradient, complete after <see cref=\"FlushGradient\"/>.</summary>");
            sb.AppendLine("        public global::System.ReadOnlySpan<double> Gradient => gradient;");
            sb.AppendLine();
            sb.AppendLine("        /// <summary>First-spike times of stage vector <paramref name=\"vector\"/> (0 = input) of the last forward pass.</summary>");
            sb.AppendLine("        /// <param name=\"vector\">The vector index.</param>");
            sb.AppendLine("        /// <returns>The times.</returns>");
            sb.AppendLine("        public global::System.ReadOnlySpan<double> Vector(int vector) => vector switch");
            sb.AppendLine("        {");
            for (int s = 0; s <= stages.Count; s++)
            {
                sb.AppendLine($"            {s} => v{s},");
            }

            sb.AppendLine("            _ => throw new global::System.ArgumentOutOfRangeException(nameof(vector)),");
            sb.AppendLine("        };");
            sb.AppendLine();

            // Prepare.
            sb.AppendLine("        /// <summary>");
            sb.AppendLine("        /// Makes a parameter set current: copies it and computes the effective delays and their derivatives once");
            sb.AppendLine("        /// (not once per sample). Call again after every parameter update.");
            sb.AppendLine("        /// </summary>");
            sb.AppendLine("        /// <param name=\"parameters\">The flat parameters.</param>");
            sb.AppendLine("        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]"); // hot loops fully optimised from the first call, whatever the consumer's JIT settings
            sb.AppendLine("        public void Prepare(global::System.ReadOnlySpan<double> parameters)");
            sb.AppendLine("        {");
            sb.AppendLine("            if (parameters.Length != ParameterCount) throw new global::System.ArgumentException(\"parameters: expected \" + ParameterCount + \" values, got \" + parameters.Length, nameof(parameters));");
            sb.AppendLine("            parameters.CopyTo(p);");
            for (int s = 0; s < stages.Count; s++)
            {
                var st = stages[s];
                if (st.DelayCount == 0)
                {
                    continue;
                }

                sb.AppendLine($"            for (int k = 0; k < {st.DelayCount}; k++)");
                sb.AppendLine("            {");
                sb.AppendLine($"                double raw = p[{st.RawOffset} + {RawIndex(st, "k")}];");
                sb.AppendLine($"                d{s}[k] = positivity{s}.Effective(raw);");
                sb.AppendLine($"                ds{s}[k] = positivity{s}.Derivative(raw);");

                sb.AppendLine("            }");
                if (st.Lanes)
                {
                    LanePrepare(sb, s, st);
                }

                if (st.Product && st.Wiring == DelayPlacement.Synaptic)
                {
                    // exp(g d / tau_syn) once per parameter set; the product form is used only while the delays are moderate.
                    sb.AppendLine($"            dfast{s} = {Factors}.OfDelays(default(K{s}), d{s}, dx{s});");
                }
            }

            for (int s = 0; s < stages.Count; s++)
            {
                if (stages[s].SharedLanes)
                {
                    SharedLanePrepare(sb, s, stages[s]);
                }
            }

            sb.AppendLine("            prepared = true;");
            sb.AppendLine("        }");
            sb.AppendLine();

            // Forward.
            sb.AppendLine("        /// <summary>Prepares <paramref name=\"parameters\"/>, runs one sample and copies the label-layer times into <paramref name=\"output\"/>.</summary>");
            sb.AppendLine("        /// <param name=\"parameters\">The flat parameters.</param>");
            sb.AppendLine("        /// <param name=\"input\">The input spike times (non-finite = no spike).</param>");
            sb.AppendLine("        /// <param name=\"output\">Receives the label-layer times.</param>");
            sb.AppendLine("        public void Forward(global::System.ReadOnlySpan<double> parameters, global::System.ReadOnlySpan<double> input, global::System.Span<double> output) =>");
            sb.AppendLine("            Forward(parameters, input).CopyTo(output);");
            sb.AppendLine();
            sb.AppendLine("        /// <summary>Prepares <paramref name=\"parameters\"/> (see <see cref=\"Prepare\"/>) and runs one sample; the result stays valid until the next call.</summary>");
            sb.AppendLine("        /// <param name=\"parameters\">The flat parameters.</param>");
            sb.AppendLine("        /// <param name=\"input\">The input spike times (non-finite = no spike).</param>");
            sb.AppendLine("        /// <returns>The label-layer times.</returns>");
            sb.AppendLine("        public global::System.ReadOnlySpan<double> Forward(global::System.ReadOnlySpan<double> parameters, global::System.ReadOnlySpan<double> input)");
            sb.AppendLine("        {");
            sb.AppendLine("            Prepare(parameters);");
            sb.AppendLine("            return Forward(input);");
            sb.AppendLine("        }");
            sb.AppendLine();
            sb.AppendLine("        /// <summary>Runs one sample with the parameters of the last <see cref=\"Prepare\"/>; the result stays valid until the next call.</summary>");
            sb.AppendLine("        /// <param name=\"input\">The input spike times (non-finite = no spike).</param>");
            sb.AppendLine("        /// <returns>The label-layer times.</returns>");
            sb.AppendLine("        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]"); // hot loops fully optimised from the first call, whatever the consumer's JIT settings
            sb.AppendLine("        public global::System.ReadOnlySpan<double> Forward(global::System.ReadOnlySpan<double> input)");
            sb.AppendLine("        {");
            sb.AppendLine("            if (!prepared) throw new global::System.InvalidOperationException(\"call Prepare(parameters) first\");");
            sb.AppendLine("            if (input.Length != Inputs) throw new global::System.ArgumentException(\"input: expected \" + Inputs + \" spike times, got \" + input.Length, nameof(input));");
            sb.AppendLine("            input.CopyTo(v0);");
            for (int s = 0; s < stages.Count; s++)
            {
                var st = stages[s];
                sb.AppendLine("            // stage " + s + ": " + st.KindName + " " + st.In + " -> " + st.Out);
                sb.AppendLine("            {");
                switch (st.Plan)
                {
                    case BiasStagePlan:
                        sb.AppendLine($"                global::System.Array.Copy(v{s}, v{s + 1}, {st.In});");
                        for (int k = 0; k < st.Times.Length; k++)
                        {
                            sb.AppendLine($"                v{s + 1}[{st.In + k}] = {L(st.Times[k])};");
                        }

                        break;
                    case MultiplexStagePlan:
                        sb.AppendLine($"                for (int i = 0; i < {st.In}; i++) global::System.Array.Fill(v{s + 1}, v{s}[i], i * {st.Factor}, {st.Factor});");
                        break;
                    default:
                        if (st.Lanes)
                        {
                            LaneForward(sb, s, st);
                            var scalar = new StringBuilder();
                            ForwardNeurons(scalar, s, st);
                            sb.Append(Indent(scalar.ToString()));
                            sb.AppendLine("                }");
                        }
                        else
                        {
                            ForwardNeurons(sb, s, st);
                        }

                        break;
                }

                sb.AppendLine("            }");
            }

            sb.AppendLine("            return v" + stages.Count + ";");
            sb.AppendLine("        }");
            sb.AppendLine();

            // Backward.
            sb.AppendLine("        /// <summary>");
            sb.AppendLine("        /// Backpropagates the loss of the last forward pass for <paramref name=\"label\"/>, adding <paramref name=\"scale\"/>");
            sb.AppendLine("        /// times the gradient to the accumulators. Returns the loss (100 with no gradient when the label neuron is silent).");
            sb.AppendLine("        /// </summary>");
            sb.AppendLine("        /// <param name=\"label\">The true class.</param>");
            sb.AppendLine("        /// <param name=\"scale\">Gradient scale (e.g. 1 / batch size).</param>");
            sb.AppendLine("        /// <returns>The sample's loss.</returns>");
            sb.AppendLine("        public double Backward(int label, double scale = 1.0) => Backward(Loss, label, scale);");
            sb.AppendLine();
            sb.AppendLine("        /// <summary>As <see cref=\"Backward(int, double)\"/> with another loss than the spec's.</summary>");
            sb.AppendLine("        /// <param name=\"loss\">The loss.</param>");
            sb.AppendLine("        /// <param name=\"label\">The true class.</param>");
            sb.AppendLine("        /// <param name=\"scale\">Gradient scale (e.g. 1 / batch size).</param>");
            sb.AppendLine("        /// <returns>The sample's loss.</returns>");
            sb.AppendLine("        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]"); // hot loops fully optimised from the first call, whatever the consumer's JIT settings
            sb.AppendLine("        public double Backward(global::DelGrad.Model.LossSpec loss, int label, double scale)");
            sb.AppendLine("        {");
            sb.AppendLine("            if ((uint)label >= (uint)Outputs) throw new global::System.ArgumentOutOfRangeException(nameof(label));");
            sb.AppendLine($"            var outGrad = new global::System.Span<double>(g{stages.Count});");
            sb.AppendLine($"            double value = global::DelGrad.Losses.LossFunctions.Evaluate(loss, v{stages.Count}, label, LabelTauSyn, outGrad);");
            sb.AppendLine("            double maxDw = MaxDwNorm;");
            sb.AppendLine("            if (value == global::DelGrad.Model.LossSpec.SilentLoss && global::System.MemoryExtensions.IndexOfAnyExcept(outGrad, 0.0) < 0) return value;");
            sb.AppendLine("            if (scale != 1.0) for (int j = 0; j < outGrad.Length; j++) outGrad[j] *= scale;");
            for (int s = stages.Count - 1; s >= 0; s--)
            {
                var st = stages[s];
                sb.AppendLine("            // stage " + s + ": " + st.KindName);
                sb.AppendLine("            {");
                sb.AppendLine($"                global::System.Array.Clear(g{s});");
                switch (st.Plan)
                {
                    case BiasStagePlan:
                        sb.AppendLine($"                global::System.Array.Copy(g{s + 1}, g{s}, {st.In});");
                        break;
                    case MultiplexStagePlan:
                        sb.AppendLine($"                for (int i = 0; i < {st.In}; i++) {{ double sum = 0; for (int r = 0; r < {st.Factor}; r++) sum += g{s + 1}[(i * {st.Factor}) + r]; g{s}[i] = sum; }}");
                        break;
                    default:
                        if (st.Lanes || st.SharedLanes)
                        {
                            if (st.Lanes)
                            {
                                LaneBackward(sb, s, st);
                            }
                            else
                            {
                                SharedLaneBackward(sb, s, st);
                            }

                            sb.AppendLine($"                    BackwardScalar{s}(maxDw);");
                            sb.AppendLine("                }");
                        }
                        else
                        {
                            BackwardNeurons(sb, "                ", s, st);
                        }

                        break;
                }

                sb.AppendLine("            }");
            }

            sb.AppendLine("            return value;");
            sb.AppendLine("        }");
            sb.AppendLine();
            for (int s = 0; s < stages.Count; s++)
            {
                if (stages[s].Lanes || stages[s].SharedLanes)
                {
                    BackwardFallback(sb, s, stages[s]);
                }
            }

            // Flush / clear / train step.
            sb.AppendLine("        /// <summary>Clears the gradient accumulators.</summary>");
            sb.AppendLine("        public void ClearGradient()");
            sb.AppendLine("        {");
            sb.AppendLine("            global::System.Array.Clear(gradient);");
            for (int s = 0; s < stages.Count; s++)
            {
                if (stages[s].DelayCount > 0)
                {
                    sb.AppendLine($"            global::System.Array.Clear(dg{s});");
                }

                if (stages[s].Lanes)
                {
                    sb.AppendLine($"            global::DelGrad.Kernel.SynapticLanes.ClearGradient(ls{s});");
                }

                if (stages[s].SharedLanes)
                {
                    sb.AppendLine($"            global::DelGrad.Kernel.SharedLanes.ClearGradient(ls{s});");
                }
            }

            sb.AppendLine("        }");
            sb.AppendLine();
            sb.AppendLine("        /// <summary>Moves the accumulated effective-delay gradients into the raw delay parameters (sharing, positivity) and returns the gradient.</summary>");
            sb.AppendLine("        /// <returns>The full gradient.</returns>");
            sb.AppendLine("        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]"); // hot loops fully optimised from the first call, whatever the consumer's JIT settings
            sb.AppendLine("        public global::System.ReadOnlySpan<double> FlushGradient()");
            sb.AppendLine("        {");
            for (int s = 0; s < stages.Count; s++)
            {
                if (stages[s].Lanes)
                {
                    LaneFlush(sb, s, stages[s]);
                }

                if (stages[s].SharedLanes)
                {
                    SharedLaneFlush(sb, s, stages[s]);
                }
            }

            for (int s = 0; s < stages.Count; s++)
            {
                var st = stages[s];
                if (st.DelayCount == 0)
                {
                    continue;
                }

                sb.AppendLine($"            for (int k = 0; k < {st.DelayCount}; k++)");
                sb.AppendLine("            {");
                sb.AppendLine($"                gradient[{st.RawOffset} + {RawIndex(st, "k")}] += dg{s}[k] * ds{s}[k];");
                sb.AppendLine($"                dg{s}[k] = 0;");
                sb.AppendLine("            }");
            }

            sb.AppendLine("            return gradient;");
            sb.AppendLine("        }");
            sb.AppendLine();
            sb.AppendLine("        /// <summary>");
            sb.AppendLine("        /// One training step's evaluation: the mean loss over a batch and its gradient w.r.t. the parameters");
            sb.AppendLine("        /// (written into <paramref name=\"gradientOut\"/>). Allocation-free.");
            sb.AppendLine("        /// </summary>");
            sb.AppendLine("        /// <param name=\"parameters\">The flat parameters.</param>");
            sb.AppendLine("        /// <param name=\"inputs\">The batch's inputs, [count][Inputs] flat.</param>");
            sb.AppendLine("        /// <param name=\"labels\">The batch's labels.</param>");
            sb.AppendLine("        /// <param name=\"gradientOut\">Receives the gradient of the mean loss.</param>");
            sb.AppendLine("        /// <returns>The mean loss.</returns>");
            sb.AppendLine("        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]"); // hot loops fully optimised from the first call, whatever the consumer's JIT settings
            sb.AppendLine("        public double TrainStep(global::System.ReadOnlySpan<double> parameters, global::System.ReadOnlySpan<double> inputs, global::System.ReadOnlySpan<int> labels, global::System.Span<double> gradientOut)");
            sb.AppendLine("        {");
            sb.AppendLine("            Prepare(parameters);");
            sb.AppendLine("            ClearGradient();");
            sb.AppendLine("            int count = labels.Length;");
            sb.AppendLine("            double scale = count > 0 ? 1.0 / count : 0.0, total = 0;");
            sb.AppendLine("            for (int b = 0; b < count; b++)");
            sb.AppendLine("            {");
            sb.AppendLine("                Forward(inputs.Slice(b * Inputs, Inputs));");
            sb.AppendLine("                total += Backward(labels[b], scale);");
            sb.AppendLine("            }");
            sb.AppendLine();
            sb.AppendLine("            FlushGradient().CopyTo(gradientOut);");
            sb.AppendLine("            return count > 0 ? total / count : 0.0;");
            sb.AppendLine("        }");
            sb.AppendLine("    }");
            sb.AppendLine("}");
            return sb.ToString();
        }

        // Mirrors DelaySharing.Row (shared source) as code: blocks for repeat_interleave, tiles otherwise.
        private static string Row(Stage st, string i) =>
            st.PresynInterleaved ? $"{i} / {st.PresynSharing}" : $"{i} % {st.RawRows}";

        private static string RawIndex(Stage st, string k)
        {
            // expanded index k -> (i, j) -> raw index with tiling
            switch (st.Wiring)
            {
                case DelayPlacement.Synaptic:
                    return $"(({Row(st, $"(({k}) / {st.Out})")}) * {st.RawColumns}) + ((({k}) % {st.Out}) % {st.RawColumns})";
                case DelayPlacement.Axonal:
                    return $"({Row(st, $"({k})")})";
                default:
                    return $"(({k}) % {st.RawColumns})";
            }
        }

        private static string SolverType(Stage st) => "global::DelGrad.Solvers." + st.Solver.ToString() + "Solver";

        private static string SolverInstance(Stage st) => $"new {SolverType(st)}(new global::DelGrad.Solvers.NeuronConstants({L(st.TauSyn)}, {L(st.G)}, {L(st.C)}))";

        // Sorts keys[0..count) with index[] alongside, stably: the library's ArrivalSort (an insertion sort for a handful of
        // inputs, a vector rank sort or a bucket sort beyond), the same order as the runtime's.
        private static void Sort(StringBuilder sb, string indent, string count)
        {
            sb.AppendLine($"{indent}global::DelGrad.Kernel.ArrivalSort.Sort(new global::System.Span<double>(keys, 0, {count}), new global::System.Span<int>(index, 0, {count}));");
            sb.AppendLine();
        }

        // The spike time of neuron j from the sorted arrivals keys[0..count) (plus the neuron's dendritic delay when shifted)
        // with weights w[(index[k] * nOut) + j], by the one solver of DelGrad.Pure: EqualTauMath / DoubleTauMath with the
        // stage's literal constants K{s} read them in place through an ISortedArrivals struct, only up to the spike (copying
        // every arrival first cost H30-WD a third of its time); GeneralSolver takes copies in sortedW and sortedT. factors are
        // the layer's shared exponentials or "default" (the solver computes them). Declares t and causal.
        private static void Solve(StringBuilder sb, string indent, int s, Stage st, string count, bool shifted, string factors)
        {
            int nOut = st.Out;
            if (st.Solver == NeuronModel.General)
            {
                sb.AppendLine($"{indent}for (int k = 0; k < {count}; k++)");
                sb.AppendLine($"{indent}{{");
                sb.AppendLine($"{indent}    sortedW[k] = w[(index[k] * {nOut}) + j];");
                if (shifted)
                {
                    sb.AppendLine($"{indent}    sortedT[k] = keys[k] + shift;");
                }

                sb.AppendLine($"{indent}}}");
                sb.AppendLine();
                string times = shifted ? "sortedT" : "keys";
                sb.AppendLine($"{indent}double t = {SolverType(st)}.SpikeTime({SolverInstance(st)}, new global::System.ReadOnlySpan<double>(sortedW, 0, {count}), new global::System.ReadOnlySpan<double>({times}, 0, {count}), out int causal);");
                return;
            }

            string keys = $"new global::System.ReadOnlySpan<double>(keys, 0, {count})", index = $"new global::System.ReadOnlySpan<int>(index, 0, {count})";
            string arrivals = shifted
                ? $"new global::DelGrad.Solvers.ShiftedArrivals({keys}, {index}, w, {nOut}, j, shift)"
                : $"new global::DelGrad.Solvers.IndexedArrivals({keys}, {index}, w, {nOut}, j)";
            sb.AppendLine($"{indent}double t = {MathType(st)}.SpikeTime(default(K{s}), {arrivals}, {factors}, out int causal);");
        }

        private static string MathType(Stage st) => "global::DelGrad.Solvers." + st.Solver.ToString() + "Math";

        private static void ForwardNeurons(StringBuilder sb, int s, Stage st)
        {
            int nIn = st.In, nOut = st.Out;
            sb.AppendLine($"                var w = new global::System.ReadOnlySpan<double>(p, {st.WeightOffset}, {nIn * nOut});");
            sb.AppendLine($"                var inVec = v{s};");
            sb.AppendLine($"                var outVec = v{s + 1};");
            sb.AppendLine($"                var boundaries = bnd{s};");
            if (st.DelayCount > 0)
            {
                sb.AppendLine($"                var delays = d{s};");
            }

            if (st.Wiring == DelayPlacement.Synaptic && st.Product)
            {
                // Product form (ProductFactors): exp(g (a_ij - t0_j) / tau) = E_i D_ij / (E_f D_fj) with E_i once per input
                // and D_ij once per parameter set (Prepare): a multiplication per synapse.
                sb.AppendLine($"                var arrivals = arr{s};");
                sb.AppendLine($"                var ea = ea{s};");
                sb.AppendLine($"                var dx = dx{s};");
                sb.AppendLine($"                bool fast = {Factors}.OfInputs(default(K{s}), inVec, dfast{s}, inExp, out tref{s});");
                sb.AppendLine($"                fast{s} = fast;");
                sb.AppendLine();
                sb.AppendLine($"                for (int j = 0; j < {nOut}; j++)");
                sb.AppendLine("                {");
                sb.AppendLine("                    int m = 0;");
                sb.AppendLine($"                    for (int i = 0; i < {nIn}; i++)");
                sb.AppendLine("                    {");
                sb.AppendLine($"                        int ij = (i * {nOut}) + j;");
                sb.AppendLine("                        double a = inVec[i] + delays[ij];");
                sb.AppendLine("                        arrivals[ij] = a;");
                sb.AppendLine("                        if (fast) ea[ij] = inExp[i] * dx[ij];");
                sb.AppendLine("                        if (double.IsFinite(a))");
                sb.AppendLine("                        {");
                sb.AppendLine("                            keys[m] = a;");
                sb.AppendLine("                            index[m++] = i;");
                sb.AppendLine("                        }");
                sb.AppendLine("                    }");
                sb.AppendLine();
                Sort(sb, "                    ", "m");
                sb.AppendLine("                    // The solver's factors exp(g (a_k - a_0) / tau) in product form; out of its range the solver takes exponentials.");
                sb.AppendLine($"                    if (fast && m > 0) {Factors}.RelativeToFirst(ea, new global::System.ReadOnlySpan<int>(index, 0, m), {nOut}, j, shared);");
                sb.AppendLine();
                Solve(sb, "                    ", s, st, "m", shifted: false, "fast ? new global::System.ReadOnlySpan<double>(shared, 0, m) : default");
                sb.AppendLine("                    outVec[j] = t;");
                sb.AppendLine("                    boundaries[j] = causal > 0 ? keys[causal - 1] : double.NaN;");
                sb.AppendLine("                }");
                return;
            }

            if (st.Wiring == DelayPlacement.Synaptic)
            {
                sb.AppendLine($"                var arrivals = arr{s};");
                sb.AppendLine($"                for (int j = 0; j < {nOut}; j++)");
                sb.AppendLine("                {");
                sb.AppendLine("                    int m = 0;");
                sb.AppendLine($"                    for (int i = 0; i < {nIn}; i++)");
                sb.AppendLine("                    {");
                sb.AppendLine($"                        double a = inVec[i] + delays[(i * {nOut}) + j];");
                sb.AppendLine($"                        arrivals[(i * {nOut}) + j] = a;");
                sb.AppendLine("                        if (double.IsFinite(a))");
                sb.AppendLine("                        {");
                sb.AppendLine("                            keys[m] = a;");
                sb.AppendLine("                            index[m++] = i;");
                sb.AppendLine("                        }");
                sb.AppendLine("                    }");
                sb.AppendLine();
                Sort(sb, "                    ", "m");
                Solve(sb, "                    ", s, st, "m", shifted: false, "default");
                sb.AppendLine("                    outVec[j] = t;");
                sb.AppendLine("                    boundaries[j] = causal > 0 ? keys[causal - 1] : double.NaN;");
                sb.AppendLine("                }");
                return;
            }

            // Broadcast, axonal or dendritic: one arrival order for the layer, sorted once.
            string axonal = st.Wiring == DelayPlacement.Axonal ? " + delays[i]" : string.Empty;
            sb.AppendLine("                int count = 0;");
            sb.AppendLine($"                for (int i = 0; i < {nIn}; i++)");
            sb.AppendLine("                {");
            sb.AppendLine($"                    double a = inVec[i]{axonal};");
            sb.AppendLine("                    if (double.IsFinite(a))");
            sb.AppendLine("                    {");
            sb.AppendLine("                        keys[count] = a;");
            sb.AppendLine("                        index[count++] = i;");
            sb.AppendLine("                    }");
            sb.AppendLine("                }");
            sb.AppendLine();
            Sort(sb, "                ", "count");
            if (st.SharedLanes)
            {
                // Same sorted arrivals for every neuron: the layer's exponentials once, then four neurons per vector.
                SharedLaneSolve(sb, s, st);
                return;
            }

            sb.AppendLine($"                for (int j = 0; j < {nOut}; j++)");
            sb.AppendLine("                {");
            bool shifted = st.Wiring == DelayPlacement.Dendritic;
            if (shifted)
            {
                // The neuron's own delay shifts every arrival alike (the order stays the layer's).
                sb.AppendLine("                    double shift = delays[j];");
            }

            Solve(sb, "                    ", s, st, "count", shifted, "default");
            sb.AppendLine("                    outVec[j] = t;");
            sb.AppendLine($"                    boundaries[j] = causal > 0 ? keys[causal - 1]{(shifted ? " + shift" : string.Empty)} : double.NaN;");
            sb.AppendLine("                }");
        }

        // The exact scalar backward pass of a stage whose lanes could not run, out of line: inlined into Backward, the
        // rarely taken loop made the whole pass a few per cent slower (a larger frame and code around the lanes' call).
        private static void BackwardFallback(StringBuilder sb, int s, Stage st)
        {
            sb.AppendLine($"        // Stage {s}'s backward pass where its lanes could not run.");
            sb.AppendLine("        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining | global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]");
            sb.AppendLine($"        private void BackwardScalar{s}(double maxDw)");
            sb.AppendLine("        {");
            BackwardNeurons(sb, "            ", s, st);
            sb.AppendLine("        }");
            sb.AppendLine();
        }

        // The stage's backward pass: NeuronBackward.Run of DelGrad.Pure (the runtime's loop too) with the stage's literal
        // sizes, its wiring's arrivals and delay accumulators read in place, and its model's PSP with the literal constants
        // K{s}, in product form where the forward pass kept factors.
        private static void BackwardNeurons(StringBuilder sb, string indent, int s, Stage st)
        {
            const string Kernel = "global::DelGrad.Kernel.";
            int nIn = st.In, nOut = st.Out;
            string arrivals = st.Wiring switch
            {
                DelayPlacement.Synaptic => $"new {Kernel}ArrivalMatrix(arr{s})",
                DelayPlacement.Axonal => $"new {Kernel}AxonalArrivals(v{s}, d{s})",
                DelayPlacement.Dendritic => $"new {Kernel}DendriticArrivals(v{s}, d{s})",
                _ => $"new {Kernel}UndelayedArrivals(v{s})",
            };
            string delayGradients = st.Wiring switch
            {
                DelayPlacement.Synaptic => $"new {Kernel}SynapticDelayGradients(dg{s})",
                DelayPlacement.Axonal => $"new {Kernel}AxonalDelayGradients(dg{s})",
                DelayPlacement.Dendritic => $"new {Kernel}DendriticDelayGradients(dg{s})",
                _ => $"default({Kernel}NoDelayGradients)",
            };
            string form = $"K{s}, global::DelGrad.Solvers.{st.Solver}Psp";
            string psp = st.Product ? $"new {Kernel}ProductFormPsp<{form}>(default(K{s}), ea{s}, tref{s}, fast{s})" : $"new {Kernel}DirectPsp<{form}>(default(K{s}))";
            sb.AppendLine($"{indent}{Kernel}NeuronBackward.Run(");
            sb.AppendLine($"{indent}    {nIn}, {nOut}, {arrivals}, {psp}, {delayGradients},");
            sb.AppendLine($"{indent}    new global::System.ReadOnlySpan<double>(p, {st.WeightOffset}, {nIn * nOut}), new global::System.Span<double>(gradient, {st.WeightOffset}, {nIn * nOut}),");
            sb.AppendLine($"{indent}    v{s + 1}, bnd{s}, g{s + 1}, g{s}, psps, slopes, index, maxDw);");
        }
    }
}
