namespace DelGrad.Model;

/// <summary>Where a transmission delay sits; it only shifts an arrival time t_i + d.</summary>
public enum DelayKind
{
    /// <summary>One delay per synapse, [pre][post].</summary>
    Synaptic,

    /// <summary>One delay per sending neuron, [pre][1]: its gradient is the error already sent to the sender.</summary>
    Axonal,

    /// <summary>One delay per receiving neuron, [1][post]: its gradient is the neuron's own error.</summary>
    Dendritic,
}

/// <summary>How raw delay parameters become non-negative effective delays.</summary>
public abstract record Positivity
{
    private Positivity()
    {
    }

    /// <summary>The effective delay of a raw parameter.</summary>
    public abstract double Effective(double raw);

    /// <summary>d(effective)/d(raw).</summary>
    public abstract double Derivative(double raw);

    /// <summary><c>shift + scale * sigmoid(p)</c>.</summary>
    /// <param name="Shift">Added constant.</param>
    /// <param name="Scale">Multiplier of the sigmoid.</param>
    public sealed record Sigmoid(double Shift = 0.0, double Scale = 1.0) : Positivity
    {
        /// <inheritdoc />
        public override double Effective(double raw) => Shift + (Scale * Logistic(raw));

        /// <inheritdoc />
        public override double Derivative(double raw)
        {
            double s = Logistic(raw);
            return Scale * s * (1.0 - s);
        }

        private static double Logistic(double x) => x >= 0 ? 1.0 / (1.0 + Math.Exp(-x)) : Math.Exp(x) / (1.0 + Math.Exp(x));
    }

    /// <summary>The raw value itself; negative values are clipped to 0 after each optimiser step.</summary>
    public sealed record Clip : Positivity
    {
        /// <inheritdoc />
        public override double Effective(double raw) => raw;

        /// <inheritdoc />
        public override double Derivative(double raw) => 1.0;
    }
}
