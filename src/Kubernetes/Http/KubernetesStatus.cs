using System.Net;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Kubernetes.Http;

/// <summary>The server's <c>meta/v1 Status</c> for a failed call (or one synthesised from the HTTP response).</summary>
/// <param name="Code">The HTTP status code.</param>
/// <param name="Reason">The reason as an enum.</param>
/// <param name="ReasonText">The reason exactly as the server sent it (empty when absent).</param>
/// <param name="Message">The server's human-readable message.</param>
/// <param name="Details">The <c>details</c> object (name, group, kind, causes), when sent.</param>
public sealed record KubernetesStatus(
    int Code,
    KubernetesStatusReason Reason,
    string ReasonText,
    string Message,
    JsonObject? Details)
{
    /// <summary>Reads a <c>Status</c> object; falls back to the HTTP code and raw body when it is not one.</summary>
    /// <param name="httpCode">The HTTP status code of the response.</param>
    /// <param name="body">The response body (may be empty or not JSON).</param>
    /// <returns>The status.</returns>
    public static KubernetesStatus FromResponse(HttpStatusCode httpCode, string body)
    {
        JsonObject? status = null;
        try
        {
            status = JsonNode.Parse(body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON (a proxy's HTML page, an empty body): keep the text as the message.
        }

        if (status is null || (string?)status["kind"] != "Status")
        {
            var text = body.Trim();
            return new KubernetesStatus((int)httpCode, ReasonFor((int)httpCode, ""), "", text.Length == 0 ? httpCode.ToString() : text, null);
        }

        return FromStatusObject(status, (int)httpCode);
    }

    /// <summary>Reads a <c>Status</c> object, as sent in a response body or a watch ERROR event.</summary>
    /// <param name="status">The Status object.</param>
    /// <param name="fallbackCode">The code to use when the object has none.</param>
    /// <returns>The status.</returns>
    public static KubernetesStatus FromStatusObject(JsonObject status, int fallbackCode = 0)
    {
        ArgumentNullException.ThrowIfNull(status);
        var code = status["code"] is JsonValue c && c.TryGetValue<int>(out var n) ? n : fallbackCode;
        var reasonText = (string?)status["reason"] ?? "";
        var message = (string?)status["message"] ?? "";
        return new KubernetesStatus(code, ReasonFor(code, reasonText), reasonText, message, status["details"] as JsonObject);
    }

    /// <summary>Maps a reason string (preferred) or HTTP code to a <see cref="KubernetesStatusReason"/>.</summary>
    /// <param name="code">The HTTP status code.</param>
    /// <param name="reason">The reason string; may be empty.</param>
    /// <returns>The reason.</returns>
    public static KubernetesStatusReason ReasonFor(int code, string reason) => reason switch
    {
        "Unauthorized" => KubernetesStatusReason.Unauthorized,
        "Forbidden" => KubernetesStatusReason.Forbidden,
        "NotFound" => KubernetesStatusReason.NotFound,
        "AlreadyExists" => KubernetesStatusReason.AlreadyExists,
        "Conflict" => KubernetesStatusReason.Conflict,
        "Gone" => KubernetesStatusReason.Gone,
        "Expired" => KubernetesStatusReason.Expired,
        "Invalid" => KubernetesStatusReason.Invalid,
        "BadRequest" => KubernetesStatusReason.BadRequest,
        "MethodNotAllowed" => KubernetesStatusReason.MethodNotAllowed,
        "TooManyRequests" => KubernetesStatusReason.TooManyRequests,
        "InternalError" => KubernetesStatusReason.InternalError,
        "ServiceUnavailable" => KubernetesStatusReason.ServiceUnavailable,
        "Timeout" or "ServerTimeout" => KubernetesStatusReason.Timeout,
        _ => ReasonForCode(code),
    };

    private static KubernetesStatusReason ReasonForCode(int code) => code switch
    {
        400 => KubernetesStatusReason.BadRequest,
        401 => KubernetesStatusReason.Unauthorized,
        403 => KubernetesStatusReason.Forbidden,
        404 => KubernetesStatusReason.NotFound,
        405 => KubernetesStatusReason.MethodNotAllowed,
        409 => KubernetesStatusReason.Conflict,
        410 => KubernetesStatusReason.Gone,
        422 => KubernetesStatusReason.Invalid,
        429 => KubernetesStatusReason.TooManyRequests,
        500 => KubernetesStatusReason.InternalError,
        503 => KubernetesStatusReason.ServiceUnavailable,
        504 => KubernetesStatusReason.Timeout,
        _ => KubernetesStatusReason.Unknown,
    };
}
