namespace DelGrad.Cluster;

/// <summary>Where one run of a grid stands.</summary>
public enum RunState
{
    /// <summary>Submitted, waiting in the queue (or Slurm cannot be asked and it has not started).</summary>
    Pending,

    /// <summary>Running (or Slurm cannot be asked and it has a checkpoint but no summary yet).</summary>
    Running,

    /// <summary>Its summary is written.</summary>
    Finished,

    /// <summary>Its task ended without a summary (failed, cancelled, timed out, ...).</summary>
    Failed,

    /// <summary>Never submitted.</summary>
    Missing,
}
