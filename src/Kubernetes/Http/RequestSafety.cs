namespace Kueueleuleu.Kubernetes.Http;

/// <summary>Whether repeating a request that may already have reached the server is harmless.</summary>
internal enum RequestSafety
{
    /// <summary>
    /// Reads, watch starts, updates carrying <c>metadata.resourceVersion</c> and deletes with preconditions:
    /// a repeat cannot apply a change twice (a repeated write fails with Conflict/NotFound instead).
    /// </summary>
    Idempotent,

    /// <summary>Creates, patches, unconditional updates and deletes: only retried when the server provably did not process them.</summary>
    NonIdempotent,
}
