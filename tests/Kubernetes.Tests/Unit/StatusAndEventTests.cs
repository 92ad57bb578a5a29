using System.Net;
using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Http;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Kubernetes.Watching;

namespace Kueueleuleu.Kubernetes.Tests.Unit;

public sealed class StatusAndEventTests
{
    [Theory]
    [InlineData(404, "NotFound", typeof(KubernetesNotFoundException))]
    [InlineData(409, "AlreadyExists", typeof(KubernetesAlreadyExistsException))]
    [InlineData(409, "Conflict", typeof(KubernetesConflictException))]
    [InlineData(410, "Expired", typeof(KubernetesGoneException))]
    [InlineData(410, "", typeof(KubernetesGoneException))]
    [InlineData(403, "Forbidden", typeof(KubernetesForbiddenException))]
    [InlineData(401, "Unauthorized", typeof(KubernetesUnauthorizedException))]
    [InlineData(422, "Invalid", typeof(KubernetesInvalidException))]
    [InlineData(500, "InternalError", typeof(KubernetesApiException))]
    public void Status_maps_to_the_specific_exception(int code, string reason, Type expected)
    {
        var body = $$"""{"kind":"Status","apiVersion":"v1","status":"Failure","message":"m","reason":"{{reason}}","details":{"name":"x"},"code":{{code}}}""";

        var exception = KubernetesApiException.For(KubernetesStatus.FromResponse((HttpStatusCode)code, body), "GET /x");

        Assert.IsType(expected, exception);
        Assert.Equal(code, exception.Code);
        Assert.Equal("x", (string?)exception.Status.Details!["name"]);
        Assert.Contains("GET /x: " + code, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_status_body_keeps_the_text()
    {
        var status = KubernetesStatus.FromResponse(HttpStatusCode.BadGateway, "<html>bad gateway</html>");

        Assert.Equal(502, status.Code);
        Assert.Equal("<html>bad gateway</html>", status.Message);
    }

    [Fact]
    public void Watch_lines_parse_into_events()
    {
        var added = WatchEvent.Parse("""{"type":"ADDED","object":{"kind":"ConfigMap","metadata":{"name":"a","resourceVersion":"5"}}}""");
        var error = WatchEvent.Parse("""{"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired","message":"too old resource version"}}""");

        Assert.Equal(WatchEventType.Added, added.Type);
        Assert.Equal("5", added.ResourceVersion);
        Assert.Equal(WatchEventType.Error, error.Type);
        Assert.Equal(410, error.Status!.Code);
        Assert.Throws<FormatException>(() => WatchEvent.Parse("""{"type":"WHAT","object":{}}"""));
        Assert.Throws<FormatException>(() => WatchEvent.Parse("{"));
    }

    [Fact]
    public void Resource_paths_and_queries()
    {
        Assert.Equal("/api/v1/namespaces/ns/pods/p/log", ResourceType.Pods.ObjectPath("ns", "p", "log"));
        Assert.Equal("/apis/batch/v1/jobs", ResourceType.Jobs.CollectionPath(null));
        Assert.Equal("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/x.y", ResourceType.CustomResourceDefinitions.ObjectPath("ignored", "x.y"));
        Assert.Equal("batch/v1", ResourceType.Jobs.ApiVersion);
        Assert.Throws<ArgumentException>(() => ResourceType.Pods.ObjectPath(null, "p"));
        Assert.Equal("?labelSelector=a%3Db%2Cc&limit=2&continue=t%2B", new ListOptions { LabelSelector = "a=b,c", Limit = 2, Continue = "t+" }.ToQuery());
        Assert.Equal("?watch=true&resourceVersion=9&allowWatchBookmarks=true&timeoutSeconds=5", new WatchOptions { ResourceVersion = "9", AllowWatchBookmarks = true, TimeoutSeconds = 5 }.ToQuery());
        Assert.Equal("?container=c&tailLines=3&sinceTime=2026-01-02T03%3A04%3A05Z&follow=true", new PodLogOptions { Container = "c", TailLines = 3, SinceTime = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero) }.ToQuery(follow: true));
    }

    [Fact]
    public void List_items_get_their_kind_and_paging_fields_are_read()
    {
        var list = ResourceList.FromJson(JsonNode.Parse("""
            {"apiVersion":"v1","kind":"ConfigMapList","metadata":{"resourceVersion":"42","continue":"next","remainingItemCount":3},
             "items":[{"metadata":{"name":"a"}}]}
            """)!.AsObject());

        Assert.Equal("42", list.ResourceVersion);
        Assert.Equal("next", list.Continue);
        Assert.Equal(3, list.RemainingItemCount);
        Assert.Equal("ConfigMap", (string?)list.Items[0]["kind"]);
        Assert.Equal("v1", (string?)list.Items[0]["apiVersion"]);
    }

    [Fact]
    public void Delete_options_body_carries_policy_and_preconditions()
    {
        var body = new DeleteOptions { PropagationPolicy = PropagationPolicy.Foreground, PreconditionUid = "u", PreconditionResourceVersion = "7" }.ToBody();

        Assert.Equal("Foreground", (string?)body["propagationPolicy"]);
        Assert.Equal("u", (string?)body["preconditions"]!["uid"]);
        Assert.Equal("7", (string?)body["preconditions"]!["resourceVersion"]);
    }
}
