namespace Kueueleuleu.TestSupport;

/// <summary>
/// Bounded waiting for a condition that a real system reaches in its own time. A condition that throws counts as
/// "not yet" (a suite may restart the shared API server, a watch may lag); the last failure is part of the report
/// when time runs out.
/// </summary>
public static class Eventually
{
    /// <summary>The bound for in-memory conditions when a test names none.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static Task ThatAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        PollAsync(condition, timeout, what, TimeSpan.FromMilliseconds(250));

    /// <summary>Polls a cheap in-memory <paramref name="condition"/> often, within <paramref name="timeout"/> or <see cref="DefaultTimeout"/>.</summary>
    public static Task ThatAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        PollAsync(() => Task.FromResult(condition()), timeout ?? DefaultTimeout, what, TimeSpan.FromMilliseconds(50));

    private static async Task PollAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, TimeSpan interval)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? lastFailure = null;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
#pragma warning disable CA1031 // Any failure of a condition means "not yet"; it is reported if time runs out.
            catch (Exception e)
#pragma warning restore CA1031
            {
                lastFailure = e;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"{what}: not reached within {timeout}" + (lastFailure is null ? "" : $" (last failure: {lastFailure.Message})"),
                    lastFailure);
            }

            await Task.Delay(interval);
        }
    }
}
