using DelGrad.Model;

namespace DelGrad.Kernel;

/// <summary>
/// A network compiled at build time from a <c>*.delgrad.json</c> spec (every generated network class implements it):
/// the same semantics and flat parameter layout as <see cref="Network"/>, with fixed sizes and specialized kernels.
/// One instance serves one thread. <see cref="Training.Trainer"/> uses the library's compiled built-in networks
/// automatically; a project's own can be passed in the same way.
/// </summary>
public interface ICompiledNetwork
{
    /// <summary>Input spikes per sample.</summary>
    int Inputs { get; }

    /// <summary>Label-layer neurons.</summary>
    int Outputs { get; }

    /// <summary>Length of the flat parameter vector.</summary>
    int ParameterCount { get; }

    /// <summary>The reference's max_dw_norm (per sample and neuron, on the gradient of the batch-mean loss); +infinity = off.</summary>
    double MaxDwNorm { get; set; }

    /// <summary>Makes a parameter set current (call again after every update).</summary>
    /// <param name="parameters">The flat parameters.</param>
    void Prepare(ReadOnlySpan<double> parameters);

    /// <summary>Runs one sample; the label-layer times stay valid until the next call.</summary>
    /// <param name="input">Input spike times (non-finite = no spike).</param>
    /// <returns>The label-layer times (+infinity = silent).</returns>
    ReadOnlySpan<double> Forward(ReadOnlySpan<double> input);

    /// <summary>First-spike times of stage vector <paramref name="vector"/> (0 = input) of the last forward pass.</summary>
    /// <param name="vector">The vector index (as in <see cref="Network"/>: the input, then each stage's output).</param>
    /// <returns>The times.</returns>
    ReadOnlySpan<double> Vector(int vector);

    /// <summary>
    /// Backpropagates <paramref name="loss"/> of the last forward pass for <paramref name="label"/>, adding
    /// <paramref name="scale"/> times the gradient to the accumulators.
    /// </summary>
    /// <param name="loss">The loss.</param>
    /// <param name="label">The true class.</param>
    /// <param name="scale">Gradient scale (e.g. 1 / batch size).</param>
    /// <returns>The sample's loss (<see cref="LossSpec.SilentLoss"/> with no gradient when the label neuron is silent).</returns>
    double Backward(LossSpec loss, int label, double scale);

    /// <summary>Clears the gradient accumulators.</summary>
    void ClearGradient();

    /// <summary>Completes the accumulated gradient (delays through sharing and positivity) and returns it.</summary>
    /// <returns>The gradient w.r.t. the flat parameters.</returns>
    ReadOnlySpan<double> FlushGradient();

    /// <summary>
    /// One training step's evaluation with the spec's loss: prepares <paramref name="parameters"/>, runs the batch and
    /// writes the gradient of the mean loss into <paramref name="gradientOut"/>. Allocation-free.
    /// </summary>
    /// <param name="parameters">The flat parameters.</param>
    /// <param name="inputs">The batch's inputs, [count][Inputs] flat.</param>
    /// <param name="labels">The batch's labels.</param>
    /// <param name="gradientOut">Receives the gradient of the mean loss.</param>
    /// <returns>The mean loss.</returns>
    double TrainStep(ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs, ReadOnlySpan<int> labels, Span<double> gradientOut);
}
