namespace Kueueleuleu.Kubernetes.Http;

/// <summary>
/// A call the API server answered with a non-2xx status (or a watch ERROR event). Catch the derived types
/// (<see cref="KubernetesNotFoundException"/>, <see cref="KubernetesConflictException"/>, ...) or switch on
/// <see cref="Reason"/>.
/// </summary>
public class KubernetesApiException : Exception
{
    /// <summary>Creates the exception for a status.</summary>
    /// <param name="status">The server's status.</param>
    /// <param name="request">The verb and path of the request, for the message.</param>
    public KubernetesApiException(KubernetesStatus status, string request)
        : base($"{request}: {status.Code} {(status.ReasonText.Length > 0 ? status.ReasonText : status.Reason.ToString())}: {status.Message}")
    {
        ArgumentNullException.ThrowIfNull(status);
        Status = status;
        Request = request;
    }

    /// <summary>The server's status (code, reason, message, details).</summary>
    public KubernetesStatus Status { get; }

    /// <summary>The verb and path of the failed request.</summary>
    public string Request { get; }

    /// <summary>The HTTP status code.</summary>
    public int Code => Status.Code;

    /// <summary>The reason.</summary>
    public KubernetesStatusReason Reason => Status.Reason;

    /// <summary>Creates the most specific exception type for a status.</summary>
    /// <param name="status">The status.</param>
    /// <param name="request">The verb and path of the request.</param>
    /// <returns>The exception.</returns>
    public static KubernetesApiException For(KubernetesStatus status, string request)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.Reason switch
        {
            KubernetesStatusReason.NotFound => new KubernetesNotFoundException(status, request),
            KubernetesStatusReason.AlreadyExists => new KubernetesAlreadyExistsException(status, request),
            KubernetesStatusReason.Conflict => new KubernetesConflictException(status, request),
            KubernetesStatusReason.Gone or KubernetesStatusReason.Expired => new KubernetesGoneException(status, request),
            KubernetesStatusReason.Forbidden => new KubernetesForbiddenException(status, request),
            KubernetesStatusReason.Unauthorized => new KubernetesUnauthorizedException(status, request),
            KubernetesStatusReason.Invalid => new KubernetesInvalidException(status, request),
            _ => new KubernetesApiException(status, request),
        };
    }
}

/// <summary>404: the object or the resource type does not exist.</summary>
public sealed class KubernetesNotFoundException(KubernetesStatus status, string request) : KubernetesApiException(status, request);

/// <summary>409 AlreadyExists: a create found an object with the same name.</summary>
public sealed class KubernetesAlreadyExistsException(KubernetesStatus status, string request) : KubernetesApiException(status, request);

/// <summary>409 Conflict: an update carried a stale <c>resourceVersion</c>, or an apply hit a field-manager conflict.</summary>
public sealed class KubernetesConflictException(KubernetesStatus status, string request) : KubernetesApiException(status, request);

/// <summary>410 Gone/Expired: a <c>resourceVersion</c> or <c>continue</c> token is too old; list again.</summary>
public sealed class KubernetesGoneException(KubernetesStatus status, string request) : KubernetesApiException(status, request);

/// <summary>403: authorisation (RBAC) refused the call.</summary>
public sealed class KubernetesForbiddenException(KubernetesStatus status, string request) : KubernetesApiException(status, request);

/// <summary>401: authentication failed even after refreshing the credentials.</summary>
public sealed class KubernetesUnauthorizedException(KubernetesStatus status, string request) : KubernetesApiException(status, request);

/// <summary>422: the object failed validation; <see cref="KubernetesStatus.Details"/> lists the causes.</summary>
public sealed class KubernetesInvalidException(KubernetesStatus status, string request) : KubernetesApiException(status, request);
