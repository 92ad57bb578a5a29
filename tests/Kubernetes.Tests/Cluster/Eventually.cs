namespace Kueueleuleu.Kubernetes.Tests.Cluster;

/// <summary>Bounded polling for state the cluster reaches asynchronously (garbage collection, RBAC caches).</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is Http.KubernetesApiException or HttpRequestException)
            {
                last = e;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{what}: not reached within {timeout}" + (last is null ? "" : $" (last error: {last.Message})"));
    }
}
