namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>
/// Bounded polling for state the cluster and the operator reach asynchronously. A failing kubectl call inside the
/// condition counts as "not yet" (other suites restart the shared API server now and then); its message is kept for
/// the timeout's report.
/// </summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        string? lastError = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (InvalidOperationException e)
            {
                lastError = e.Message;
            }

            await Task.Delay(300);
        }

        throw new TimeoutException($"{what}: not reached within {timeout}" + (lastError is null ? "" : $" (last error: {lastError})"));
    }
}
