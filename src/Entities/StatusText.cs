using System.Globalization;
using System.Text;
using Kueueleuleu.StepProtocol.Status;

namespace Kueueleuleu.Entities;

/// <summary>The texts of the status fields shown as printer columns.</summary>
public static class StatusText
{
    /// <summary>The <c>progress</c> field: finished steps (succeeded, failed or skipped) over all steps.</summary>
    /// <param name="states">The states of the steps.</param>
    /// <returns>Such as <c>2/3</c>.</returns>
    public static string Progress(IEnumerable<StepState> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        var all = states.ToList();
        var finished = all.Count(s => s is StepState.Succeeded or StepState.Failed or StepState.Skipped);
        return string.Create(CultureInfo.InvariantCulture, $"{finished}/{all.Count}");
    }

    /// <summary>
    /// The <c>duration</c> field: whole seconds as Go's <c>time.Duration.String</c> writes them (<c>45s</c>,
    /// <c>1m20s</c>, <c>2h0m5s</c>), so the text reads like a step timeout and parses as one.
    /// </summary>
    /// <param name="duration">The duration; negative values (clock skew) count as zero.</param>
    /// <returns>The text.</returns>
    public static string Duration(TimeSpan duration)
    {
        var seconds = Math.Max(0L, (long)Math.Floor(duration.TotalSeconds));
        var hours = seconds / 3600;
        var minutes = seconds % 3600 / 60;
        var rest = seconds % 60;
        var text = new StringBuilder();
        if (hours > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{hours}h");
        }

        if (hours > 0 || minutes > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{minutes}m");
        }

        text.Append(CultureInfo.InvariantCulture, $"{rest}s");
        return text.ToString();
    }
}
