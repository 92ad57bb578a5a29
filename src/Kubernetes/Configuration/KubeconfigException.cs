namespace Kueueleuleu.Kubernetes.Configuration;

/// <summary>
/// The client configuration (a kubeconfig file, the in-cluster files, an exec plugin's output) is missing
/// or wrong. The message names the file and the field and says what to do.
/// </summary>
public sealed class KubeconfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KubeconfigException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The file, the field and what is wrong.</param>
    public KubeconfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The file, the field and what is wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public KubeconfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
