using System.Globalization;
using System.Text;

namespace Kueueleuleu.Kubernetes.Resources;

/// <summary>Builds a URL query, skipping unset values.</summary>
internal sealed class QueryString
{
    private readonly StringBuilder builder = new();

    public QueryString Add(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            builder.Append(builder.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return this;
    }

    public QueryString Add(string name, long? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public QueryString Add(string name, bool value) => value ? Add(name, "true") : this;

    public override string ToString() => builder.ToString();
}
