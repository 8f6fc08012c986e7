using DelGrad.Kernel;
using Xunit;

namespace DelGrad.Tests.Core;

/// <summary>
/// The worker team behind parallel batches: every chunk runs exactly once, a chunk's exception reaches the caller and
/// leaves the team usable, and a batch inside a batch is refused (and then runs its own way).
/// The team is one per process, so these tests run alone (other test classes train on it in parallel otherwise, and a
/// busy team refuses a batch by design).
/// </summary>
[Collection(nameof(WorkerTeamTests))]
public class WorkerTeamTests
{
    [Fact]
    public void EveryChunkRunsExactlyOnceOverManyBatches()
    {
        var team = WorkerTeam.Shared;
        for (int batch = 0; batch < 200; batch++)
        {
            int chunks = 1 + (batch % 37);
            var runs = new int[chunks];
            bool ran = team.TryRun(chunks, 4, (c, w) =>
            {
                Assert.InRange(w, 0, team.MaxWorkers - 1);
                Interlocked.Increment(ref runs[c]);
            });
            Assert.True(ran);
            Assert.All(runs, r => Assert.Equal(1, r));
        }
    }

    [Fact]
    public void AChunksExceptionReachesTheCallerAndTheTeamStaysUsable()
    {
        var team = WorkerTeam.Shared;
        var e = Assert.Throws<InvalidOperationException>(() => team.TryRun(64, 2, (c, _) =>
        {
            if (c == 17)
            {
                throw new InvalidOperationException("chunk 17");
            }
        }));
        Assert.Equal("chunk 17", e.Message);

        int count = 0;
        Assert.True(team.TryRun(10, 2, (_, _) => Interlocked.Increment(ref count)));
        Assert.Equal(10, count);
    }

    [Fact]
    public void ABatchInsideABatchIsRefusedSoItCannotDeadlock()
    {
        var team = WorkerTeam.Shared;
        int refused = 0;
        Assert.True(team.TryRun(4, 2, (_, _) =>
        {
            if (!team.TryRun(1, 2, (_, _) => { }))
            {
                Interlocked.Increment(ref refused);
            }
        }));
        Assert.Equal(4, refused);
    }
}

/// <summary>Runs <see cref="WorkerTeamTests"/> after the parallel test classes, alone.</summary>
[CollectionDefinition(nameof(WorkerTeamTests), DisableParallelization = true)]
public class WorkerTeamCollection
{
}
