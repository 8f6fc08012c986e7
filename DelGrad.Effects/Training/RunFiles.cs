namespace DelGrad.Effects.Training;

/// <summary>The names of the files in a run directory (what <c>train</c> writes and <c>resume</c>, <c>eval</c> and <c>report</c> read), and in a folder of runs.</summary>
public static class RunFiles
{
    /// <summary>The resolved config.</summary>
    public const string Config = "config.json";

    /// <summary>The training state after the last epoch (replaced atomically after every epoch; its metrics are in <see cref="Metrics"/>).</summary>
    public const string Checkpoint = "checkpoint.json";

    /// <summary>The final model: config and parameters.</summary>
    public const string Model = "model.json";

    /// <summary>What the finished run reports; its presence marks a finished run.</summary>
    public const string Summary = "summary.json";

    /// <summary>Per-epoch metrics: one row appended per epoch (<see cref="DelGrad.Serialization.MetricsLog"/>).</summary>
    public const string Metrics = "metrics.csv";

    /// <summary>The same metrics as JSON, written when the run finishes.</summary>
    public const string MetricsJson = "metrics.json";

    /// <summary>In a folder of runs (<c>train --seeds</c>): one CSV row per run, as <c>report --csv</c> writes it.</summary>
    public const string RunsCsv = "runs.csv";
}
