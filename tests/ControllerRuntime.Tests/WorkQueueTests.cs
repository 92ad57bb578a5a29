using System.Collections.Concurrent;
using Kueueleuleu.ControllerRuntime.Queues;
using Microsoft.Extensions.Time.Testing;

namespace Kueueleuleu.ControllerRuntime.Tests;

public sealed class WorkQueueTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Adding_a_queued_key_again_hands_it_out_once()
    {
        using var queue = new WorkQueue<string>();
        queue.Add("a");
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");

        Assert.Equal(2, queue.Length);
        Assert.Equal(("a", false), await queue.GetAsync().AsTask().WaitAsync(Bound));
        Assert.Equal(("b", false), await queue.GetAsync().AsTask().WaitAsync(Bound));
        Assert.Equal(0, queue.Length);
    }

    [Fact]
    public async Task A_key_added_while_processing_is_handed_out_again_only_after_Done()
    {
        using var queue = new WorkQueue<string>();
        queue.Add("a");
        var (item, _) = await queue.GetAsync().AsTask().WaitAsync(Bound);

        queue.Add("a");
        queue.Add("a");
        Assert.Equal(0, queue.Length);
        var second = queue.GetAsync().AsTask();
        Assert.False(second.IsCompleted);

        queue.Done(item);
        Assert.Equal(("a", false), await second.WaitAsync(Bound));
        queue.Done("a");
        Assert.Equal(0, queue.Length);
        Assert.Equal(0, queue.ProcessingCount);
    }

    [Fact]
    public async Task Concurrent_workers_never_process_one_key_twice_at_once()
    {
        using var queue = new WorkQueue<int>();
        var active = new ConcurrentDictionary<int, int>();
        var processed = new ConcurrentDictionary<int, int>();
        var overlaps = 0;

        async Task WorkAsync()
        {
            while (true)
            {
                var (key, shutDown) = await queue.GetAsync();
                if (shutDown)
                {
                    return;
                }

                if (active.AddOrUpdate(key, 1, (_, n) => n + 1) > 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                await Task.Yield();
                active.AddOrUpdate(key, 0, (_, n) => n - 1);
                processed.AddOrUpdate(key, 1, (_, n) => n + 1);
                queue.Done(key);
            }
        }

        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(WorkAsync)).ToArray();
        var producers = Enumerable.Range(0, 4).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                queue.Add((i + p) % 10);
            }
        })).ToArray();
        await Task.WhenAll(producers).WaitAsync(Bound);
        await queue.ShutDownWithDrainAsync().WaitAsync(Bound);
        await Task.WhenAll(workers).WaitAsync(Bound);

        Assert.Equal(0, overlaps);
        Assert.Equal(Enumerable.Range(0, 10), processed.Keys.Order());
    }

    [Fact]
    public void AddAfter_keeps_the_earliest_time()
    {
        var clock = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(time: clock);
        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        queue.AddAfter("a", TimeSpan.FromSeconds(2));
        queue.AddAfter("a", TimeSpan.FromSeconds(5));
        Assert.Equal(1, queue.DelayedCount);

        clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.Equal(0, queue.Length);
        clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(1, queue.Length);
        Assert.Equal(0, queue.DelayedCount);
    }

    [Fact]
    public async Task A_delayed_key_that_was_superseded_by_an_earlier_time_is_not_added_again_later()
    {
        var clock = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(time: clock);
        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        queue.AddAfter("a", TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(1));
        var (item, _) = await queue.GetAsync().AsTask().WaitAsync(Bound);
        queue.Done(item);

        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(0, queue.Length);
    }

    [Fact]
    public void AddAfter_with_no_delay_adds_at_once()
    {
        using var queue = new WorkQueue<string>(time: new FakeTimeProvider());
        queue.AddAfter("a", TimeSpan.Zero);
        Assert.Equal(1, queue.Length);
    }

    [Fact]
    public void Backoff_doubles_per_key_up_to_the_cap_and_Forget_resets_it()
    {
        var backoff = new ExponentialBackoff<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));
        var delays = Enumerable.Range(0, 4).Select(_ => backoff.Next("a")).ToArray();
        Assert.Equal(new[] { 5.0, 10, 20, 40 }, delays.Select(d => d.TotalMilliseconds));
        Assert.Equal(TimeSpan.FromMilliseconds(5), backoff.Next("b"));

        for (var i = 0; i < 100; i++)
        {
            backoff.Next("a");
        }

        Assert.Equal(TimeSpan.FromSeconds(1000), backoff.Next("a"));
        backoff.Forget("a");
        Assert.Equal(TimeSpan.FromMilliseconds(5), backoff.Next("a"));
    }

    [Fact]
    public async Task AddRateLimited_waits_longer_with_each_failure_until_forgotten()
    {
        var clock = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(time: clock);

        await AssertReadyAfterAsync(queue, clock, TimeSpan.FromMilliseconds(5));
        await AssertReadyAfterAsync(queue, clock, TimeSpan.FromMilliseconds(10));
        await AssertReadyAfterAsync(queue, clock, TimeSpan.FromMilliseconds(20));
        Assert.Equal(3, queue.NumRequeues("a"));

        queue.Forget("a");
        Assert.Equal(0, queue.NumRequeues("a"));
        await AssertReadyAfterAsync(queue, clock, TimeSpan.FromMilliseconds(5));
    }

    [Fact]
    public void The_token_bucket_bounds_retries_of_many_keys()
    {
        var clock = new FakeTimeProvider();
        var options = new WorkQueueOptions { RetriesPerSecond = 1, RetryBurst = 2 };
        using var queue = new WorkQueue<string>(options, clock);
        queue.AddRateLimited("a");
        queue.AddRateLimited("b");
        queue.AddRateLimited("c");

        clock.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal(2, queue.Length);
        clock.Advance(TimeSpan.FromMilliseconds(990));
        Assert.Equal(2, queue.Length);
        clock.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal(3, queue.Length);
    }

    [Fact]
    public async Task ShutDown_releases_waiting_workers_and_ignores_later_adds()
    {
        var clock = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(time: clock);
        var waiting = queue.GetAsync().AsTask();
        queue.AddAfter("late", TimeSpan.FromSeconds(1));

        queue.ShutDown();

        Assert.True((await waiting.WaitAsync(Bound)).ShutDown);
        queue.Add("a");
        queue.AddRateLimited("b");
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, queue.Length);
        Assert.True((await queue.GetAsync().AsTask().WaitAsync(Bound)).ShutDown);
    }

    [Fact]
    public async Task ShutDown_drops_queued_keys()
    {
        using var queue = new WorkQueue<string>();
        queue.Add("a");
        queue.ShutDown();
        Assert.Equal(0, queue.Length);
        Assert.True((await queue.GetAsync().AsTask().WaitAsync(Bound)).ShutDown);
    }

    [Fact]
    public async Task ShutDownWithDrain_hands_out_queued_keys_and_completes_when_all_are_done()
    {
        using var queue = new WorkQueue<string>();
        queue.Add("a");
        queue.Add("b");
        var (first, _) = await queue.GetAsync().AsTask().WaitAsync(Bound);

        var drained = queue.ShutDownWithDrainAsync();
        queue.Add("c");
        var (second, shutDown) = await queue.GetAsync().AsTask().WaitAsync(Bound);
        Assert.False(shutDown);
        Assert.Equal(("a", "b"), (first, second));
        // A worker waiting now must not be released while "a" and "b" are processing: either could be re-added.
        var waiting = queue.GetAsync().AsTask();
        queue.Done(first);
        Assert.False(drained.IsCompleted);
        Assert.False(waiting.IsCompleted);

        queue.Done(second);
        await drained.WaitAsync(Bound);
        Assert.True((await waiting.WaitAsync(Bound)).ShutDown);
    }

    [Fact]
    public async Task A_cancelled_GetAsync_does_not_take_a_key()
    {
        using var queue = new WorkQueue<string>();
        using var cancel = new CancellationTokenSource();
        var waiting = queue.GetAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Bound));

        queue.Add("a");
        Assert.Equal(1, queue.Length);
        Assert.Equal(("a", false), await queue.GetAsync().AsTask().WaitAsync(Bound));
    }

    [Fact]
    public async Task A_waiting_worker_gets_a_key_added_later()
    {
        using var queue = new WorkQueue<string>();
        var waiting = queue.GetAsync().AsTask();
        queue.Add("a");
        Assert.Equal(("a", false), await waiting.WaitAsync(Bound));
        Assert.Equal(1, queue.ProcessingCount);
    }

    private static async Task AssertReadyAfterAsync(WorkQueue<string> queue, FakeTimeProvider clock, TimeSpan delay)
    {
        queue.AddRateLimited("a");
        clock.Advance(delay - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, queue.Length);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, queue.Length);
        var (item, _) = await queue.GetAsync().AsTask().WaitAsync(Bound);
        queue.Done(item);
    }
}
