namespace Kueueleuleu.Kubernetes.Http;

/// <summary>
/// The <c>reason</c> of a Kubernetes <c>Status</c> returned with a failed call, as far as this client
/// distinguishes it. Reasons the client does not know map to <see cref="Unknown"/>; the raw text stays
/// available in <see cref="KubernetesStatus.ReasonText"/>.
/// </summary>
public enum KubernetesStatusReason
{
    /// <summary>No reason or one this client does not name.</summary>
    Unknown = 0,

    /// <summary>401: the credentials were missing or rejected.</summary>
    Unauthorized,

    /// <summary>403: the caller may not do this.</summary>
    Forbidden,

    /// <summary>404: the object or resource does not exist.</summary>
    NotFound,

    /// <summary>409: an object with this name already exists.</summary>
    AlreadyExists,

    /// <summary>409: the write lost an optimistic-concurrency race (stale <c>resourceVersion</c>) or an apply conflict.</summary>
    Conflict,

    /// <summary>410: the requested <c>resourceVersion</c> is too old (compacted or out of the watch cache).</summary>
    Gone,

    /// <summary>410 as <c>Expired</c>: a <c>continue</c> token or resource version expired.</summary>
    Expired,

    /// <summary>422: the object failed validation.</summary>
    Invalid,

    /// <summary>400: the request was malformed.</summary>
    BadRequest,

    /// <summary>405: the verb is not supported on this resource.</summary>
    MethodNotAllowed,

    /// <summary>429: the server asked the client to slow down.</summary>
    TooManyRequests,

    /// <summary>500: the server failed.</summary>
    InternalError,

    /// <summary>503: the server is unavailable.</summary>
    ServiceUnavailable,

    /// <summary>504 or a server-side timeout.</summary>
    Timeout,
}
