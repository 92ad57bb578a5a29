namespace Kueueleuleu.Operator.Hosting;

/// <summary>How log lines look.</summary>
public enum LogFormat
{
    /// <summary>One readable line per entry.</summary>
    Text,

    /// <summary>One JSON object per line, for log collectors.</summary>
    Json,
}
