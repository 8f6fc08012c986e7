namespace DelGrad.Kernel;

/// <summary>
/// The exact membrane potential of one neuron for one sample, from the closed form
/// V(t) = leak + sum over inputs arrived before t of w_i PSP(t - a_i) (the same PSP the spike-time solver uses).
/// As in time-to-first-spike training, the neuron is not reset: after <see cref="SpikeTime"/> the trace shows
/// what the membrane would do without its spike.
/// </summary>
/// <param name="Times">The times the potential was evaluated at (units of the time constants).</param>
/// <param name="Potential">V at each of <see cref="Times"/>.</param>
/// <param name="Leak">Resting potential.</param>
/// <param name="Threshold">Firing threshold.</param>
/// <param name="SpikeTime">The solver's first spike time (+infinity when silent).</param>
/// <param name="Arrivals">Arrival time of every input at this neuron (input spike plus delay; +infinity when the input is silent).</param>
/// <param name="Weights">Weight of every input, in the order of <see cref="Arrivals"/>.</param>
public sealed record MembraneTrace(double[] Times, double[] Potential, double Leak, double Threshold, double SpikeTime, double[] Arrivals, double[] Weights);
