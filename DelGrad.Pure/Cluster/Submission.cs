using System.Globalization;
using System.Text;
using DelGrad.Reporting;
using DelGrad.Training;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace DelGrad.Cluster;

/// <summary>One <c>sbatch</c> of a grid: the job array with the tasks it ran, and the report job after it.</summary>
/// <param name="Job">The job array's id.</param>
/// <param name="Tasks">The array task indices submitted, ascending.</param>
/// <param name="ReportJob">The report job's id (empty when it was not submitted).</param>
public sealed record Submission(string Job, IReadOnlyList<int> Tasks, string ReportJob)
{
    /// <summary>The header of the jobs file.</summary>
    public const string Header = "job,tasks,report_job";

    /// <summary>The tasks as <c>sbatch --array</c> takes them (<c>0-3,7</c>).</summary>
    public static string ArraySpec(IReadOnlyList<int> tasks) => SeedList.Format(tasks).Replace(", ", ",", StringComparison.Ordinal);

    /// <summary>The jobs file: one line per submission, oldest first.</summary>
    public static string Write(IEnumerable<Submission> submissions)
    {
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var s in submissions)
        {
            sb.Append(s.Job).Append(',').Append('"').Append(ArraySpec(s.Tasks)).Append("\",").Append(s.ReportJob).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Reads a jobs file <see cref="Write"/> wrote.</summary>
    public static Fin<IReadOnlyList<Submission>> Read(string text, string fileName)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || lines[0] != Header)
        {
            return FinFail<IReadOnlyList<Submission>>(Error.New($"{fileName}:1:1: expected the header {Header}"));
        }

        var all = new List<Submission>();
        for (int i = 1; i < lines.Length; i++)
        {
            var parts = lines[i].Split('"');
            var tasks = parts.Length == 3 ? SeedList.Parse(parts[1]) : FinFail<int[]>(Error.New("expected job,\"tasks\",report_job"));
            if (tasks.IsFail || !parts[0].EndsWith(',') || !parts[2].StartsWith(','))
            {
                return FinFail<IReadOnlyList<Submission>>(Error.New(string.Create(CultureInfo.InvariantCulture, $"{fileName}:{i + 1}:1: not a submission: {lines[i]}")));
            }

            all.Add(new Submission(parts[0].TrimEnd(','), (int[])tasks, parts[2].TrimStart(',')));
        }

        return FinSucc<IReadOnlyList<Submission>>(all);
    }
}
