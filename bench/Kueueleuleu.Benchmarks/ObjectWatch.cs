using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Benchmarks;

/// <summary>One object as a watch delivered it, stamped when this process read its last byte.</summary>
internal sealed record Observed(long Timestamp, JsonObject Object)
{
    /// <summary>Milliseconds between two observer-side stamps (Stopwatch ticks).</summary>
    public static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
}

/// <summary>
/// <c>kubectl get RESOURCE -w -o json</c> as a stream of objects with observer-side timestamps. kubectl prints each
/// object as indented JSON, one after the other, so objects are split on their closing brace at depth 0. The
/// observer is an independent client (not the operator's own Kubernetes library), which is what "the kubelet's report"
/// and "the SequentialJob's status" look like from outside.
/// </summary>
internal sealed class ObjectWatch : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<Observed> seen = [];
    private readonly TaskCompletionSource established = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task reader;
    private readonly StringBuilder stderr = new();

    private ObjectWatch(Process process)
    {
        this.process = process;
        process.ErrorDataReceived += (_, e) => OnStderr(e.Data);
        process.BeginErrorReadLine();
        reader = Task.Run(ReadAsync);
    }

    /// <summary>Starts the watch and waits (bounded) until the API server accepted it.</summary>
    public static async Task<ObjectWatch> StartAsync(string ns, string resource, string? selector = null)
    {
        // -v=6 makes kubectl log each request with its answer; the line of the watch request tells that the watch
        // is established, so nothing created afterwards can be missed or reported late.
        List<string> args = ["--kubeconfig", LocalClusterScripts.AdminKubeconfig, "-v=6", "-n", ns, "get", resource, "-w", "-o", "json", "--request-timeout=0"];
        if (selector is not null)
        {
            args.AddRange(["-l", selector]);
        }

        var info = new ProcessStartInfo("kubectl", args) { RedirectStandardOutput = true, RedirectStandardError = true };
        var watch = new ObjectWatch(Process.Start(info)!);
        if (await Task.WhenAny(watch.established.Task, Task.Delay(TimeSpan.FromSeconds(30))) != watch.established.Task)
        {
            await watch.DisposeAsync();
            throw new TimeoutException($"kubectl get {resource} -w was not established within 30 s: {watch.stderr}");
        }

        return watch;
    }

    /// <summary>A copy of everything seen so far, in arrival order.</summary>
    public IReadOnlyList<Observed> Snapshot()
    {
        lock (seen)
        {
            return seen.ToList();
        }
    }

    /// <summary>Waits (bounded, polling) until the condition holds over what was seen.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<Observed>, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(Snapshot()))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the watch ended early waiting for {what}: {stderr}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {timeout}");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync();
        await reader;
        process.Dispose();
    }

    private void OnStderr(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (stderr)
        {
            stderr.AppendLine(line);
        }

        if (line.Contains("watch=true", StringComparison.Ordinal) && line.Contains(" 200 OK", StringComparison.Ordinal))
        {
            established.TrySetResult();
        }
    }

    private async Task ReadAsync()
    {
        var buffer = new char[64 * 1024];
        var current = new StringBuilder();
        var (depth, inString, escaped) = (0, false, false);
        int read;
        while ((read = await process.StandardOutput.ReadAsync(buffer)) > 0)
        {
            var stamp = Stopwatch.GetTimestamp();
            for (var i = 0; i < read; i++)
            {
                var c = buffer[i];
                if (depth > 0)
                {
                    current.Append(c);
                }

                if (inString)
                {
                    (escaped, inString) = escaped ? (false, true) : (c == '\\', c != '"');
                    continue;
                }

                switch (c)
                {
                    case '"':
                        inString = true;
                        break;
                    case '{':
                        if (depth++ == 0)
                        {
                            current.Clear().Append(c);
                        }

                        break;
                    case '}' when --depth == 0:
                        Add(stamp, current.ToString());
                        break;
                }
            }
        }
    }

    private void Add(long stamp, string text)
    {
        var obj = JsonNode.Parse(text)!.AsObject();
        // An empty namespace prints an empty List first; it carries no object.
        if (obj["kind"]?.GetValue<string>() == "List")
        {
            return;
        }

        lock (seen)
        {
            seen.Add(new Observed(stamp, obj));
        }
    }
}
