namespace Kueueleuleu.Entities.Schema;

/// <summary>The regular expressions the CRD schema uses, shared with the validator so both accept the same text.</summary>
public static class SchemaPatterns
{
    /// <summary>
    /// An RFC 1123 DNS label, as Kubernetes requires of container names: lower-case letters, digits and <c>-</c>,
    /// starting and ending with a letter or digit (at most 63 characters, checked by <c>maxLength</c>).
    /// </summary>
    public const string DnsLabel = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    /// <summary>The most characters of a DNS label.</summary>
    public const int DnsLabelMaxLength = 63;

    /// <summary>
    /// A positive Go duration as <c>time.ParseDuration</c> reads it (<c>30s</c>, <c>1.5h</c>, <c>2h45m</c>): no sign
    /// and no bare <c>0</c>. Zero-valued durations such as <c>0s</c> match; the validator rejects them.
    /// </summary>
    public const string GoDuration = "^(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+$";

    /// <summary>The <c>type</c> of a metav1.Condition: a CamelCase name, optionally prefixed by a DNS subdomain and <c>/</c>.</summary>
    public const string ConditionType =
        "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$";

    /// <summary>The <c>reason</c> of a metav1.Condition: a CamelCase identifier.</summary>
    public const string ConditionReason = "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$";
}
