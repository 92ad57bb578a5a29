using System.Globalization;

namespace Kueueleuleu.Benchmarks;

/// <summary>Names the machine and date a result was measured on.</summary>
internal static class Machine
{
    public static string Describe()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            ?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memKb = File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var memGiB = long.Parse(memKb, CultureInfo.InvariantCulture) / 1024 / 1024;
        return $"Measured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores of {cpu}, {memGiB} GiB, " +
            $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}.\n";
    }
}
