namespace Kueueleuleu.Operator.Tests.Runtime.Cluster;

/// <summary>Bounded polling for state the cluster and the runtime reach asynchronously.</summary>
public static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? Timeout;
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: not reached within {limit}");
            }

            await Task.Delay(50);
        }
    }
}
