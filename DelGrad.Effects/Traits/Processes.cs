using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace DelGrad.Effects.Traits;

/// <summary>Process effects; a program that cannot be started becomes a one-line error naming it.</summary>
/// <typeparam name="RT">The runtime.</typeparam>
public static class Processes<RT>
    where RT : struct, HasProcesses<RT>
{
    /// <summary>True when the program is on PATH.</summary>
    public static Eff<RT, bool> OnPath(string program) => default(RT).ProcessesEff.Map(p => p.OnPath(program));

    /// <summary>Runs a program to completion.</summary>
    public static Eff<RT, ProcessResult> Run(string program, IReadOnlyList<string> arguments) =>
        from io in default(RT).ProcessesEff
        from r in EffMaybe<RT, ProcessResult>(_ =>
        {
            try
            {
                return FinSucc(io.Run(program, arguments));
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
            {
                return FinFail<ProcessResult>(Error.New($"{program}: cannot run: {e.Message}"));
            }
        })
        select r;
}
