using System.Globalization;

namespace Kueueleuleu.Yaml;

/// <summary>Byte counts as error messages show them.</summary>
public static class Size
{
    /// <summary><c>32 MiB</c>, <c>1 GiB</c>, <c>512 KiB</c> or <c>100 bytes</c>: the largest unit that divides evenly.</summary>
    public static string Describe(long bytes)
    {
        foreach (var (unit, factor) in Units)
        {
            if (bytes >= factor && bytes % factor == 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{bytes / factor} {unit}");
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
    }

    private static readonly (string Unit, long Factor)[] Units = [("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10)];
}
