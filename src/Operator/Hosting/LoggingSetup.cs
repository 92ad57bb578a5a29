using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Kueueleuleu.Operator.Hosting;

/// <summary>Console logging in the configured format: one line of text, or one JSON object, per entry, UTC times.</summary>
internal static class LoggingSetup
{
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";

    /// <summary>Replaces the default providers with the configured console logger.</summary>
    /// <param name="logging">The logging builder.</param>
    /// <param name="settings">Format and level.</param>
    /// <param name="configuration">The <c>Logging</c> section refines levels per category.</param>
    public static void Configure(ILoggingBuilder logging, OperatorSettings settings, IConfiguration configuration)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(settings.LogLevel);
        // ASP.NET Core logs every request at Information; probes and scrapes would drown the operator's lines.
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddConfiguration(configuration.GetSection("Logging"));
        if (settings.LogFormat == LogFormat.Json)
        {
            logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = TimestampFormat.TrimEnd();
            });
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                // The runtime's scopes are dictionaries, which the text formatter cannot print; JSON keeps them.
                o.IncludeScopes = false;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = TimestampFormat;
            });
        }
    }
}
