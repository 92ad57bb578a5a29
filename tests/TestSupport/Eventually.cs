namespace Kueueleuleu.TestSupport;

/// <summary>Bounded waiting for a condition that a real system reaches in its own time.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task ThatAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"gave up waiting for {what} after {timeout}");
            }

            await Task.Delay(250);
        }
    }
}
