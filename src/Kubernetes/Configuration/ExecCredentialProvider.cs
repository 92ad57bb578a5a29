using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Kubernetes.Configuration;

/// <summary>
/// Runs a client-go credential plugin (<c>users[].user.exec</c>) and caches its <c>ExecCredential</c> until
/// <c>expirationTimestamp</c>, or until the server rejects it with 401; then runs it again.
/// </summary>
public sealed class ExecCredentialProvider : ICredentialProvider, IDisposable
{
    private readonly ExecPluginConfig config;
    private readonly JsonObject? clusterInfo;
    private readonly TimeProvider time;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly TimeSpan runTimeout;
    private volatile CachedCredential? cached;

    /// <summary>Creates the provider; the plugin runs on first use.</summary>
    /// <param name="config">The exec section.</param>
    /// <param name="clusterInfo">The <c>spec.cluster</c> for <c>KUBERNETES_EXEC_INFO</c> when <see cref="ExecPluginConfig.ProvideClusterInfo"/>.</param>
    /// <param name="time">The clock; null for the system clock.</param>
    /// <param name="runTimeout">How long the plugin may run; null for one minute.</param>
    public ExecCredentialProvider(ExecPluginConfig config, JsonObject? clusterInfo = null, TimeProvider? time = null, TimeSpan? runTimeout = null)
    {
        this.config = config ?? throw new ArgumentNullException(nameof(config));
        this.clusterInfo = clusterInfo;
        this.time = time ?? TimeProvider.System;
        this.runTimeout = runTimeout ?? TimeSpan.FromMinutes(1);
    }

    /// <summary>How many times the plugin has run (diagnostics and tests).</summary>
    public int Runs { get; private set; }

    /// <inheritdoc/>
    public async ValueTask<KubernetesCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (cached is { } c && (c.Expiration is null || time.GetUtcNow() < c.Expiration))
            {
                return c.Credentials;
            }

            var credential = await RunAsync(cancellationToken);
            var credentials = new KubernetesCredentials(credential.Token, ToCertificate(credential));
            cached = new CachedCredential(credentials, credential.Expiration);
            return credentials;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc/>
    public bool Invalidate(KubernetesCredentials rejected)
    {
        // Only drop the cache if it still holds what was rejected; a concurrent refresh may have replaced it.
        var current = cached;
        if (current is not null && ReferenceEquals(current.Credentials, rejected))
        {
            Interlocked.CompareExchange(ref cached, null, current);
        }

        return true;
    }

    /// <inheritdoc/>
    public void Dispose() => gate.Dispose();

    private sealed record CachedCredential(KubernetesCredentials Credentials, DateTimeOffset? Expiration);

    private static X509Certificate2? ToCertificate(ExecCredential credential) =>
        credential.ClientCertificatePem is null ? null : PemCredentials.LoadClientCertificate(credential.ClientCertificatePem, credential.ClientKeyPem!, "exec plugin output");

    private async Task<ExecCredential> RunAsync(CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = CreateStartInfo() };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new KubeconfigException($"exec plugin '{config.Command}' could not be started: {e.Message}; check users[].user.exec.command", e);
        }

        Runs++;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(runTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new KubeconfigException($"exec plugin '{config.Command}' did not finish within {runTimeout}");
        }

        var output = await stdout;
        var errors = await stderr;
        if (process.ExitCode != 0)
        {
            throw new KubeconfigException($"exec plugin '{config.Command}' exited with code {process.ExitCode}: {errors.Trim()}");
        }

        return ExecCredential.Parse(output, config.ApiVersion, config.Command);
    }

    private ProcessStartInfo CreateStartInfo()
    {
        var info = new ProcessStartInfo(config.Command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in config.Args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in config.Environment)
        {
            info.Environment[name] = value;
        }

        info.Environment["KUBERNETES_EXEC_INFO"] = ExecInfo().ToJsonString();
        return info;
    }

    private JsonObject ExecInfo()
    {
        // We never hand the plugin a terminal, so it must not prompt.
        var spec = new JsonObject { ["interactive"] = false };
        if (config.ProvideClusterInfo && clusterInfo is not null)
        {
            spec["cluster"] = clusterInfo.DeepClone();
        }

        return new JsonObject { ["apiVersion"] = config.ApiVersion, ["kind"] = "ExecCredential", ["spec"] = spec };
    }
}
