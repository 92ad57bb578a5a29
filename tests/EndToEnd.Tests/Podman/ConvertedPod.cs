using Kueueleuleu.EndToEnd.Tests.Support;
using Kueueleuleu.TestSupport;

namespace Kueueleuleu.EndToEnd.Tests.Podman;

/// <summary>Converts a plain manifest with the real CLI and plays the result in podman.</summary>
public static class ConvertedPod
{
    /// <summary>Converts Manifests/<paramref name="fileName"/> and runs it to the end.</summary>
    public static async Task<PodRun> RunAsync(string fileName) =>
        await Podman.RunAsync(await CliProcess.ConvertToJsonAsync(Manifests.PathOf(fileName)));

    /// <summary>Converts Manifests/<paramref name="fileName"/> and starts it.</summary>
    public static async Task<RunningPod> StartAsync(string fileName) =>
        await Podman.StartAsync(await CliProcess.ConvertToJsonAsync(Manifests.PathOf(fileName)));
}
