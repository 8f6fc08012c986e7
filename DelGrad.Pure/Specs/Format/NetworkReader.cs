// Shared source (see JsonNode.cs): the one reader of the network format, used by `delgrad`, the
// reference-vector checker and the build-time generator.
#nullable enable
using System.Collections.Generic;
using DelGrad.Specs.Plan;

namespace DelGrad.Specs.Format
{
    /// <summary>Reads a layer list and a loss object into documents, with diagnostics.</summary>
    internal static class NetworkReader
    {
        /// <summary>The layer types this format knows.</summary>
        public static readonly string[] LayerTypes = { "bias_spikes", "multiplex", "broadcast", "delays", "neurons" };

        /// <summary>
        /// Reads <paramref name="layers"/> (a JSON array) for <paramref name="inputs"/> input spikes.
        /// When <paramref name="requireParameters"/> is true, every neuron layer needs <c>weights</c>
        /// and every delay layer <c>raw_parameters</c> (reference vector files); otherwise they are
        /// optional (configs give <c>init</c> instead).
        /// </summary>
        public static NetworkDoc Read(JsonNode layers, string path, int inputs, bool requireParameters, List<SpecDiagnostic> sink)
        {
            var doc = new NetworkDoc { Inputs = inputs };
            var planner = new NetworkPlanner(inputs);
            var readers = new List<ObjectReader>();
            int reported = 0;
            for (int index = 0; index < layers.Items.Count; index++)
            {
                var node = layers.Items[index];
                string p = path + "[" + index + "]";
                if (node.Kind != JsonKind.Object)
                {
                    sink.Add(new SpecDiagnostic(SpecCodes.BadValue, p, p + ": a layer must be an object, got " + node.KindName, node.Line, node.Column));
                    continue;
                }

                var r = new ObjectReader(node, p, sink);
                var typeNode = r.Require("type", JsonKind.String);
                if (typeNode == null)
                {
                    continue;
                }

                LayerDoc? layer;
                switch (typeNode.Text)
                {
                    case "bias_spikes":
                        layer = new BiasSpikesDoc { Times = r.Numbers("times", true, false) ?? new double[0] };
                        r.RejectUnknown();
                        break;
                    case "multiplex":
                        var mux = new MultiplexDoc { Factor = r.Integer("factor", null, 1, 1_000_000, SpecCodes.EmptyLayer) };
                        r.Choice("order", "repeat_interleave", "repeat_interleave");
                        r.RejectUnknown();
                        layer = mux;
                        break;
                    case "broadcast":
                        layer = new BroadcastDoc();
                        r.RejectUnknown();
                        break;
                    case "delays":
                        layer = ReadDelays(r);
                        break;
                    case "neurons":
                        layer = ReadNeurons(r);
                        break;
                    default:
                        r.Report(SpecCodes.UnknownKey, r.At("type"), "unknown layer type \"" + typeNode.Text + "\" (expected one of " + string.Join(", ", LayerTypes) + ")", typeNode);
                        continue;
                }

                layer.Path = p;
                layer.Line = node.Line;
                layer.Column = node.Column;
                layer.InputSize = planner.Size;
                doc.Layers.Add(layer);
                readers.Add(r);

                // The plan shapes the parameters this layer carries: a neuron layer's weights by its input size, the
                // raw delays it receives by the delay block planned for it.
                if (planner.Add(PlanOf(layer)) is NeuronStagePlan stage)
                {
                    FinishNeurons((NeuronsDoc)layer, r, stage.InSize, requireParameters, sink);
                    if (stage.Delays is { } block)
                    {
                        FinishDelays((DelaysDoc)doc.Layers[block.LayerIndex], readers[block.LayerIndex], block, requireParameters);
                    }
                }

                layer.OutputSize = planner.Size;
                reported = Report(planner, doc, reported, sink);
            }

            doc.Plan = planner.Finish();
            Report(planner, doc, reported, sink);
            bool anyNeurons = false;
            foreach (var l in doc.Layers)
            {
                anyNeurons |= l is NeuronsDoc;
            }

            if (!anyNeurons && sink.Count == 0)
            {
                sink.Add(new SpecDiagnostic(SpecCodes.EmptyLayer, path, path + ": the network has no neuron layer", layers.Line, layers.Column));
            }

            return doc;
        }

        /// <summary>The shape of a layer document, as the planner sees it.</summary>
        public static PlanLayer PlanOf(LayerDoc layer) => layer switch
        {
            BiasSpikesDoc b => PlanLayer.BiasSpikes(b.Times.Length),
            MultiplexDoc m => PlanLayer.Multiplex(m.Factor),
            DelaysDoc d => PlanLayer.Delays(d.Kind, d.PresynSharing, d.PostsynSharing, d.PresynInterleaved),
            NeuronsDoc n => PlanLayer.Neurons(n.Size, n.TauSyn / n.TauMem),
            _ => PlanLayer.Broadcast(),
        };

        // The planner's new problems as diagnostics at their layers; returns how many are reported.
        private static int Report(NetworkPlanner planner, NetworkDoc doc, int reported, List<SpecDiagnostic> sink)
        {
            for (; reported < planner.Problems.Count; reported++)
            {
                var problem = planner.Problems[reported];
                var layer = doc.Layers[problem.LayerIndex];
                string at = problem.Field == null ? layer.Path : layer.Path + "." + problem.Field;
                string code = problem.Kind == PlanProblemKind.MisplacedDelays ? SpecCodes.MisplacedDelays : SpecCodes.BadSharing;
                sink.Add(new SpecDiagnostic(code, at, at + ": " + problem.Message, layer.Line, layer.Column));
            }

            return reported;
        }

        private static DelaysDoc ReadDelays(ObjectReader r)
        {
            var d = new DelaysDoc();
            string kind = r.Choice("kind", null, "synaptic", "axonal", "dendritic");
            d.Kind = kind == "axonal" ? DelayPlacement.Axonal : kind == "dendritic" ? DelayPlacement.Dendritic : DelayPlacement.Synaptic;
            var pos = r.Optional("positivity", JsonKind.Object);
            if (pos != null)
            {
                var pr = new ObjectReader(pos, r.At("positivity"), SinkOf(r));
                d.Sigmoid = pr.Choice("name", "sigmoid", "sigmoid", "clip") == "sigmoid";
                d.Shift = pr.Number("shift", 0.0);
                d.Scale = pr.Number("scale", 1.0);
                pr.RejectUnknown();
            }

            d.PresynSharing = r.Integer("presyn_sharing_factor", 1, 1, 1_000_000, SpecCodes.BadSharing);
            d.PresynInterleaved = r.Choice("presyn_sharing_order", DelaySharing.Tile, DelaySharing.Tile, DelaySharing.RepeatInterleave) == DelaySharing.RepeatInterleave;
            d.PostsynSharing = r.Integer("postsyn_sharing_factor", 1, 1, 1_000_000, SpecCodes.BadSharing);
            d.Init = ReadInit(r);
            // effective_delays are derived data that reference files carry: accepted, recomputed.
            r.Get("effective_delays");
            // raw_parameters are read once the receiving layer fixes their shape (FinishDelays).
            r.RejectUnknown("raw_parameters");
            return d;
        }

        private static List<SpecDiagnostic> SinkOf(ObjectReader r) => r.Sink;

        private static void FinishDelays(DelaysDoc d, ObjectReader r, DelayBlockPlan block, bool requireParameters)
        {
            d.RawRows = block.RawRows;
            d.RawColumns = block.RawColumns;
            d.Raw = r.Matrix("raw_parameters", d.RawRows, d.RawColumns, requireParameters);
        }

        private static NeuronsDoc ReadNeurons(ObjectReader r)
        {
            var n = new NeuronsDoc
            {
                Size = r.Integer("size", null, 1, 1_000_000, SpecCodes.EmptyLayer),
            };
            var tauMemNode = r.Get("tau_mem");
            var tauSynNode = r.Get("tau_syn");
            var gLeakNode = r.Get("g_leak");
            n.TauMem = r.Number("tau_mem", tauMemNode == null ? double.NaN : (double?)null, true);
            n.TauSyn = r.Number("tau_syn", 1.0, true);
            n.Threshold = r.Number("threshold", null);
            n.Leak = r.Number("leak", 0.0);
            n.GLeak = r.Number("g_leak", double.IsNaN(n.TauMem) || double.IsNaN(n.TauSyn) ? double.NaN : n.TauSyn / n.TauMem, true);
            if (tauMemNode == null)
            {
                r.ReportMissing("tau_mem", "number");
            }
            else
            {
                var problems = NeuronRules.Check(n.TauMem, n.TauSyn, n.Threshold, n.Leak, n.GLeak);
                bool badTau = problems.Exists(p => p.Field == "tau_mem" || p.Field == "tau_syn");
                foreach (var problem in problems)
                {
                    // An absent g_leak is derived from the time constants: a bad tau is the one error to report.
                    if (problem.Field == "g_leak" && gLeakNode == null && badTau)
                    {
                        continue;
                    }

                    // NaN fields were already reported by Number(); report the rule violations only once.
                    double value = problem.Field == "tau_mem" ? n.TauMem : problem.Field == "tau_syn" ? n.TauSyn : problem.Field == "g_leak" ? n.GLeak : problem.Field == "leak" ? n.Leak : n.Threshold;
                    if (double.IsNaN(value) && problem.Field != "g_leak")
                    {
                        continue;
                    }

                    var at = problem.Field == "tau_mem" ? tauMemNode : problem.Field == "tau_syn" ? tauSynNode : problem.Field == "g_leak" ? gLeakNode : r.Node[problem.Field];
                    r.Report(problem.Code, r.At(problem.Field), problem.Message, at ?? r.Node);
                }
            }

            n.Init = ReadInit(r);
            // weights are read once the input size is known (FinishNeurons).
            r.RejectUnknown("weights");
            return n;
        }

        private static void FinishNeurons(NeuronsDoc n, ObjectReader r, int inputSize, bool requireParameters, List<SpecDiagnostic> sink)
        {
            n.InputSize = inputSize;
            if (inputSize <= 0)
            {
                sink.Add(new SpecDiagnostic(SpecCodes.EmptyLayer, n.Path, n.Path + ": receives no input spikes", n.Line, n.Column));
            }

            n.Weights = r.Matrix("weights", inputSize, n.Size, requireParameters);
        }

        private static InitDoc? ReadInit(ObjectReader r)
        {
            var init = r.Optional("init", JsonKind.Object);
            if (init == null)
            {
                return null;
            }

            var ir = new ObjectReader(init, r.At("init"), r.Sink);
            var doc = new InitDoc { Mean = ir.Number("mean", 0.0), Std = ir.Number("std", null) };
            if (doc.Std < 0)
            {
                ir.Report(SpecCodes.BadValue, ir.At("std"), "must not be negative, got " + NeuronRules.Show(doc.Std), init["std"]);
            }

            ir.RejectUnknown();
            return doc;
        }

        /// <summary>Reads a loss object.</summary>
        public static LossDoc ReadLoss(JsonNode node, string path, List<SpecDiagnostic> sink)
        {
            var r = new ObjectReader(node, path, sink);
            var loss = new LossDoc { Type = r.Choice("type", null, "TTFS", "shift_invariant_MSE", "MSE") };
            switch (loss.Type)
            {
                case "TTFS":
                    loss.Xi = Positive(r, "xi", 0.2);
                    loss.Alpha = r.Number("alpha", 0.0);
                    loss.Beta = Positive(r, "beta", 1.0);
                    if (loss.Alpha < 0)
                    {
                        r.Report(SpecCodes.BadValue, r.At("alpha"), "must not be negative, got " + NeuronRules.Show(loss.Alpha), node["alpha"]);
                    }

                    break;
                case "shift_invariant_MSE":
                    loss.DeltaT = Positive(r, "delta_t", 0.2);
                    break;
                default:
                    loss.TargetCorrect = r.Number("target_correct", 1.0);
                    loss.TargetWrong = r.Number("target_wrong", 2.0);
                    break;
            }

            r.RejectUnknown();
            return loss;
        }

        private static double Positive(ObjectReader r, string key, double fallback)
        {
            double v = r.Number(key, fallback);
            if (!(v > 0) && !double.IsNaN(v))
            {
                r.Report(SpecCodes.BadValue, r.At(key), "must be positive, got " + NeuronRules.Show(v), r.Node[key]);
            }

            return v;
        }
    }
}
