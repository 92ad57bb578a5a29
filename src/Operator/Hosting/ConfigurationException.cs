namespace Kueueleuleu.Operator.Hosting;

/// <summary>The configuration cannot be used. The message is one line naming the setting as the user spelled it.</summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConfigurationException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">One line naming the setting and what to do.</param>
    public ConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">One line naming the setting and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
