using System.Diagnostics.Metrics;
using Kueueleuleu.ControllerRuntime.Diagnostics;
using Kueueleuleu.ControllerRuntime.LeaderElection;
using Kueueleuleu.Kubernetes;
using Kueueleuleu.Kubernetes.Configuration;
using Kueueleuleu.Operator.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kueueleuleu.Operator.Hosting;

/// <summary>
/// The operator process: reads the configuration, connects to the API server, serves <c>/metrics</c>,
/// <c>/healthz</c> and <c>/readyz</c>, runs the caches and (while leading) the controllers, and stops gracefully on
/// SIGTERM or Ctrl+C.
/// </summary>
public static class OperatorHost
{
    /// <summary>Runs the operator until it is stopped.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The exit status (<see cref="ExitCodes"/>).</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        OperatorSettings settings;
        OperatorConfiguration values;
        KubernetesClientConfiguration connection;
        try
        {
            var commandLine = OperatorCommandLine.Parse(args);
            if (commandLine.HelpRequested)
            {
                OperatorCommandLine.WriteHelp(Console.Out);
                return ExitCodes.Success;
            }

            values = OperatorConfiguration.Load(commandLine, Environment.GetEnvironmentVariables(), AppContext.BaseDirectory);
            settings = OperatorSettingsReader.Read(values);
            connection = KubernetesConnection.Load(settings);
        }
        catch (ConfigurationException e)
        {
            await Console.Error.WriteLineAsync($"kueueleuleu-operator: invalid configuration: {e.Message}").ConfigureAwait(false);
            return ExitCodes.InvalidConfiguration;
        }

        return await RunAsync(settings, values.Configuration, connection).ConfigureAwait(false);
    }

    private static async Task<int> RunAsync(OperatorSettings settings, IConfiguration configuration, KubernetesClientConfiguration connection)
    {
        var identity = settings.Identity ?? LeaderElectionOptions.DefaultIdentity();
        await using var app = Build(settings, configuration, identity);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Kueueleuleu.Operator");
        var meterFactory = app.Services.GetRequiredService<IMeterFactory>();
        using var operatorMetrics = new OperatorMetrics(meterFactory);
        using var runtimeMetrics = new RuntimeMetrics(meterFactory);
        using var kubernetes = new KubernetesClient(connection);
        var client = new InstrumentedKubernetesClient(kubernetes, operatorMetrics);
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        var elector = settings.LeaderElect ? CreateElector(settings, client, identity, runtimeMetrics, loggers) : null;
        var components = OperatorComponents.Create(settings, client, (operatorMetrics, runtimeMetrics), loggers, identity, elector);
        var status = new OperatorStatus([.. components.Informers], elector);
        HttpEndpoints.Map(app, status);
        LogOtlp(settings, logger);
        LogStart(logger, settings, connection, elector);
        return await ServeAsync(app, new OperatorService(components, elector, status, loggers.CreateLogger<OperatorService>()), settings, logger).ConfigureAwait(false);
    }

    private static WebApplication Build(OperatorSettings settings, IConfiguration configuration, string identity)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            // Our own configuration only: no ASP.NET command-line parsing of the operator's flags.
            Args = [],
            ApplicationName = "kueueleuleu-operator",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddConfiguration(configuration);
        LoggingSetup.Configure(builder.Logging, settings, configuration);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(settings.ListenAddress));
        builder.Services.AddOperatorTelemetry(identity, settings.OtlpEndpoint is { } otlp ? new OtlpTarget(otlp, settings.OtlpProtocol) : null);
        // Room for the controllers' drain, the cancellation of what remains, and the Lease release.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = (settings.ShutdownTimeout * 2) + settings.RenewDeadline + TimeSpan.FromSeconds(5));
        return builder.Build();
    }

    private static async Task<int> ServeAsync(WebApplication app, OperatorService service, OperatorSettings settings, ILogger logger)
    {
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"kueueleuleu-operator: {OperatorFlags.ListenAddress.Name} {settings.ListenAddress}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        var address = settings.ListenAddress.ToString();
        HostLog.Listening(logger, address);
        var stopping = app.Lifetime.ApplicationStopping;
        var run = service.RunAsync(stopping);
        // Whichever comes first: a stop request, or the main loop ending on its own (a fatal error).
        await Task.WhenAny(run, Task.Delay(Timeout.Infinite, stopping).ContinueWith(_ => { }, TaskScheduler.Default)).ConfigureAwait(false);
        HostLog.ShuttingDown(logger);
        var exitCode = await AwaitServiceAsync(run).ConfigureAwait(false);
        await app.StopAsync().ConfigureAwait(false);
        return exitCode;
    }

    private static async Task<int> AwaitServiceAsync(Task run)
    {
        try
        {
            await run.ConfigureAwait(false);
            return ExitCodes.Success;
        }
#pragma warning disable CA1031 // Logged by the service; the process exits with a failure status.
        catch (Exception)
#pragma warning restore CA1031
        {
            return ExitCodes.Failure;
        }
    }

    private static LeaderElector CreateElector(OperatorSettings settings, InstrumentedKubernetesClient client, string identity, RuntimeMetrics metrics, ILoggerFactory loggers) =>
        new(
            client,
            new LeaderElectionOptions
            {
                LeaseName = settings.LeaseName,
                LeaseNamespace = settings.LeaseNamespace ?? client.DefaultNamespace,
                Identity = identity,
                LeaseDuration = settings.LeaseDuration,
                RenewDeadline = settings.RenewDeadline,
                RetryPeriod = settings.RetryPeriod,
            },
            loggers.CreateLogger<LeaderElector>(),
            metrics);

    private static void LogOtlp(OperatorSettings settings, ILogger logger)
    {
        if (settings.OtlpEndpoint is { } endpoint)
        {
            var protocol = settings.OtlpProtocol.ToString();
            HostLog.Otlp(logger, protocol, endpoint);
        }
    }

    private static void LogStart(ILogger logger, OperatorSettings settings, KubernetesClientConfiguration connection, LeaderElector? elector)
    {
        var namespaces = settings.Namespaces.Count == 0 ? "all" : string.Join(",", settings.Namespaces);
        var election = elector is null ? "off" : $"on (identity {elector.Identity})";
        HostLog.Starting(logger, OperatorMetrics.Version, connection.Server, connection.Source, namespaces, settings.Workers, election);
    }
}
