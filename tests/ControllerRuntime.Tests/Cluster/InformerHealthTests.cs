using System.Text.Json.Nodes;
using Kueueleuleu.ControllerRuntime.Informers;
using Kueueleuleu.Kubernetes;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Kubernetes.Watching;
using Microsoft.Extensions.Logging;

namespace Kueueleuleu.ControllerRuntime.Tests.Cluster;

/// <summary>
/// What an informer says about itself (the operator's /readyz is made of it) when its resource disappears: a CRD of
/// this test only (random group), deleted under a running informer.
/// </summary>
[Collection(RuntimeClusterTests.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class InformerHealthTests(RuntimeClusterFixture cluster)
{
    [Fact]
    public async Task When_the_crd_is_deleted_the_informer_reports_it_not_watching_and_logs_why()
    {
        await using var ns = await cluster.CreateNamespaceAsync("rt-crd");
        var group = $"t{Guid.NewGuid().ToString("N")[..8]}.kueueleuleu.test";
        var type = new ResourceType(group, "v1", "gadgets", Namespaced: true);
        await cluster.Client.CreateAsync(ResourceType.CustomResourceDefinitions, null, Crd(group));
        await Eventually.ThatAsync(
            async () =>
            {
                await cluster.Client.ListAsync(type, ns.Name);
                return true;
            },
            TimeSpan.FromSeconds(60),
            "the CRD is served");
        var logger = new LinesLogger();
        var informer = new Informer(cluster.Client, type, new InformerOptions
        {
            Namespace = ns.Name,
            Watch = new ReflectorOptions
            {
                MinWatchTimeout = TimeSpan.FromSeconds(2),
                MaxWatchTimeout = TimeSpan.FromSeconds(3),
                IdleTimeout = TimeSpan.FromSeconds(6),
                InitialBackoff = TimeSpan.FromMilliseconds(100),
                MaxBackoff = TimeSpan.FromSeconds(1),
            },
        }, logger);
        Assert.Equal((false, $"{type} in namespace {ns.Name}: not synced yet"), informer.Health());
        using var stop = new CancellationTokenSource();
        var run = informer.RunAsync(stop.Token);
        try
        {
            await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(60));
            await Eventually.ThatAsync(() => informer.Health().Ok, "the informer watches");
            Assert.Equal($"{type} in namespace {ns.Name}: watching", informer.Health().Reason);

            await cluster.Client.DeleteAsync(ResourceType.CustomResourceDefinitions, null, $"gadgets.{group}");

            await Eventually.ThatAsync(() => !informer.Health().Ok, "the informer reports the lost resource", TimeSpan.FromSeconds(60));
            var reason = informer.Health().Reason;
            Assert.StartsWith($"{type} in namespace {ns.Name}: not watching", reason, StringComparison.Ordinal);
            Assert.Contains("404", reason, StringComparison.Ordinal);
            // Logged before the failure is recorded: the line is there by the time the health says so.
            Assert.Contains(logger.Lines, l => l.Contains("failed, retrying with backoff", StringComparison.Ordinal) && l.Contains("404", StringComparison.Ordinal) && l.Contains(ns.Name, StringComparison.Ordinal));
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(30));
            if (await cluster.Client.TryGetAsync(ResourceType.CustomResourceDefinitions, null, $"gadgets.{group}") is not null)
            {
                await cluster.Client.DeleteAsync(ResourceType.CustomResourceDefinitions, null, $"gadgets.{group}");
            }
        }
    }

    private static JsonObject Crd(string group) => JsonNode.Parse($$"""
        {
          "apiVersion": "apiextensions.k8s.io/v1",
          "kind": "CustomResourceDefinition",
          "metadata": { "name": "gadgets.{{group}}" },
          "spec": {
            "group": "{{group}}",
            "scope": "Namespaced",
            "names": { "plural": "gadgets", "singular": "gadget", "kind": "Gadget" },
            "versions": [{
              "name": "v1", "served": true, "storage": true,
              "schema": { "openAPIV3Schema": { "type": "object", "x-kubernetes-preserve-unknown-fields": true } }
            }]
          }
        }
        """)!.AsObject();

    private sealed class LinesLogger : ILogger<Informer>
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> lines = new();

        public IReadOnlyList<string> Lines => [.. lines];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
    }
}
