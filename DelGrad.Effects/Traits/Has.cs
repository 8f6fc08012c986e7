using LanguageExt;
using LanguageExt.Effects.Traits;

namespace DelGrad.Effects.Traits;

/// <summary>A runtime that can touch files.</summary>
/// <typeparam name="RT">The runtime.</typeparam>
public interface HasFiles<RT> : HasCancel<RT>
    where RT : struct, HasFiles<RT>
{
    /// <summary>Access to the file system.</summary>
    Eff<RT, FilesIO> FilesEff { get; }
}

/// <summary>A runtime that reports progress.</summary>
/// <typeparam name="RT">The runtime.</typeparam>
public interface HasProgress<RT> : HasCancel<RT>
    where RT : struct, HasProgress<RT>
{
    /// <summary>Access to the progress display.</summary>
    Eff<RT, ProgressIO> ProgressEff { get; }
}

/// <summary>A runtime with a clock.</summary>
/// <typeparam name="RT">The runtime.</typeparam>
public interface HasClock<RT> : HasCancel<RT>
    where RT : struct, HasClock<RT>
{
    /// <summary>Access to the clock.</summary>
    Eff<RT, ClockIO> ClockEff { get; }
}

/// <summary>A runtime that can run other programs.</summary>
/// <typeparam name="RT">The runtime.</typeparam>
public interface HasProcesses<RT> : HasCancel<RT>
    where RT : struct, HasProcesses<RT>
{
    /// <summary>Access to other programs.</summary>
    Eff<RT, ProcessIO> ProcessesEff { get; }
}

/// <summary>A runtime that reaches data sets (the MNIST cache and the network that fills it).</summary>
/// <typeparam name="RT">The runtime.</typeparam>
public interface HasData<RT> : HasCancel<RT>
    where RT : struct, HasData<RT>
{
    /// <summary>Access to the data sets.</summary>
    Eff<RT, DataIO> DataEff { get; }
}
