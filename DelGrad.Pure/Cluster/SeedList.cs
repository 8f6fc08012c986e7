using System.Globalization;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;
using static System.FormattableString;

namespace DelGrad.Cluster;

/// <summary>
/// A list of training seeds as people write it: <c>0-4</c>, <c>0,3,7</c>, <c>0-2,5</c> (<see cref="Parse"/>), and back
/// (<see cref="Format"/>).
/// </summary>
public static class SeedList
{
    /// <summary>The most seeds one list may name (a typo like 0-10000000 should not start ten million runs).</summary>
    public const int MaxSeeds = 10_000;

    /// <summary>The seeds <paramref name="text"/> names, ascending; fails naming the part that is not a seed, a range or new.</summary>
    public static Fin<int[]> Parse(string text)
    {
        var seeds = new SortedSet<int>();
        foreach (string raw in text.Split(','))
        {
            string part = raw.Trim();
            int dash = part.IndexOf('-', 1 < part.Length ? 1 : 0);
            (string from, string to) = dash > 0 ? (part[..dash], part[(dash + 1)..]) : (part, part);
            if (!Seed(from, out int first) || !Seed(to, out int last))
            {
                return FinFail<int[]>(Error.New($"'{part}' is not a seed (a whole number >= 0) or a range a-b"));
            }

            if (last < first)
            {
                return FinFail<int[]>(Error.New($"'{part}': the range ends before it starts"));
            }

            if ((long)last - first + 1 + seeds.Count > MaxSeeds)
            {
                return FinFail<int[]>(Error.New($"'{part}': more than {MaxSeeds} seeds"));
            }

            for (long s = first; s <= last; s++)
            {
                if (!seeds.Add((int)s))
                {
                    return FinFail<int[]>(Error.New($"seed {s} is named twice"));
                }
            }
        }

        return FinSucc(seeds.ToArray());
    }

    private static bool Seed(string text, out int seed) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out seed);

    /// <summary>Seeds as ranges, the inverse of <see cref="Parse"/>: 0, 1, 2, 3, 4, 7 becomes "0-4, 7".</summary>
    public static string Format(IReadOnlyList<int> seeds)
    {
        var parts = new List<string>();
        int i = 0;
        while (i < seeds.Count)
        {
            int j = i;
            while (j + 1 < seeds.Count && seeds[j + 1] == seeds[j] + 1)
            {
                j++;
            }

            parts.Add(j == i ? Invariant($"{seeds[i]}") : Invariant($"{seeds[i]}-{seeds[j]}"));
            i = j + 1;
        }

        return string.Join(", ", parts);
    }
}
