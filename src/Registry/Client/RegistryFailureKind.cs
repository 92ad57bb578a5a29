namespace Kueueleuleu.Registry;

/// <summary>Why a lookup failed, in terms of what the user can do about it.</summary>
public enum RegistryFailureKind
{
    /// <summary>No answer: connection refused or reset, name not resolved, TLS not trusted, timed out, or 5xx/429 after every retry.</summary>
    Unreachable,

    /// <summary>The registry does not know the repository, tag or digest (404).</summary>
    NotFound,

    /// <summary>The registry wants credentials and got none that it accepts (401 without credentials, or credentials rejected).</summary>
    Unauthorized,

    /// <summary>The credentials were accepted but do not allow pulling this repository (403, or a token without pull access).</summary>
    Denied,

    /// <summary>The registry answered with something that is not a valid image: malformed or oversized documents, a digest mismatch, an artifact.</summary>
    BadResponse,

    /// <summary>The image is multi-platform and has no manifest for the platform asked for.</summary>
    NoMatchingPlatform,
}
