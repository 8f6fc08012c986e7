// Shared source (see JsonNode.cs): the validity rules of neuron parameters, one place for the
// runtime records, the JSON reader and the generator's attribute diagnostics.
#nullable enable
using System;
using System.Collections.Generic;

namespace DelGrad.Specs.Format
{
    /// <summary>Checks neuron parameters; each problem names its field.</summary>
    internal static class NeuronRules
    {
        /// <summary>How far g_leak may differ (relatively) from tau_syn / tau_mem.</summary>
        public const double LeakTolerance = 1e-9;

        /// <summary>Returns (field, code, message) for every violated rule; empty when valid.</summary>
        public static List<(string Field, string Code, string Message)> Check(double tauMem, double tauSyn, double threshold, double leak, double gLeak)
        {
            var problems = new List<(string, string, string)>();
            bool tauOk = true;
            if (!(tauMem > 0) || double.IsInfinity(tauMem))
            {
                problems.Add(("tau_mem", SpecCodes.BadTimeConstant, "tau_mem must be a positive finite time constant (got " + Show(tauMem) + ")"));
                tauOk = false;
            }

            if (!(tauSyn > 0) || double.IsInfinity(tauSyn))
            {
                problems.Add(("tau_syn", SpecCodes.BadTimeConstant, "tau_syn must be a positive finite time constant (got " + Show(tauSyn) + ")"));
                tauOk = false;
            }

            if (double.IsNaN(threshold) || double.IsInfinity(threshold))
            {
                problems.Add(("threshold", SpecCodes.BadValue, "threshold must be finite (got " + Show(threshold) + ")"));
            }

            if (double.IsNaN(leak) || double.IsInfinity(leak))
            {
                problems.Add(("leak", SpecCodes.BadValue, "leak must be finite (got " + Show(leak) + ")"));
            }
            else if (!double.IsNaN(threshold) && !double.IsInfinity(threshold) && !(threshold > leak))
            {
                problems.Add(("threshold", SpecCodes.BadValue, "threshold must exceed leak (got threshold " + Show(threshold) + ", leak " + Show(leak) + ")"));
            }

            if (double.IsNaN(gLeak) || double.IsInfinity(gLeak) || !(gLeak > 0))
            {
                problems.Add(("g_leak", SpecCodes.InconsistentLeak, "g_leak must be positive and finite (got " + Show(gLeak) + ")"));
            }
            else if (tauOk && Math.Abs(gLeak - (tauSyn / tauMem)) > LeakTolerance * (tauSyn / tauMem))
            {
                problems.Add(("g_leak", SpecCodes.InconsistentLeak, "g_leak must equal tau_syn / tau_mem = " + Show(tauSyn / tauMem) + " (got " + Show(gLeak) + ")"));
            }

            return problems;
        }

        /// <summary>Round-trip invariant text of a double.</summary>
        public static string Show(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }
}
