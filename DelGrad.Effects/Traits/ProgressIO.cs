namespace DelGrad.Effects.Traits;

/// <summary>Where progress goes: a live status line on a terminal, plain lines otherwise.</summary>
public interface ProgressIO
{
    /// <summary>True when status lines may overwrite each other (a terminal).</summary>
    bool IsInteractive { get; }

    /// <summary>A transient status (overwritten by the next one when interactive; dropped otherwise).</summary>
    void Status(string text);

    /// <summary>A permanent line.</summary>
    void Line(string text);
}
