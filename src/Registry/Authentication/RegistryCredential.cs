namespace Kueueleuleu.Registry.Authentication;

/// <summary>
/// A user name and password for a registry (basic authentication, or the credentials a token service is asked with),
/// and where they came from, for messages. Empty ones are kept as the kubelet keeps them: they mean anonymous access.
/// Never printed with the password.
/// </summary>
public sealed class RegistryCredential
{
    /// <summary>Creates a credential.</summary>
    /// <param name="username">The user name.</param>
    /// <param name="password">The password or access token.</param>
    /// <param name="source">Where it came from, such as <c>secret default/regcred</c> or <c>/root/.docker/config.json</c>.</param>
    public RegistryCredential(string username, string password, string source)
    {
        Username = username;
        Password = password;
        Source = source;
    }

    /// <summary>The user name.</summary>
    public string Username { get; }

    /// <summary>The password or access token.</summary>
    public string Password { get; }

    /// <summary>Where it came from.</summary>
    public string Source { get; }

    /// <summary>Whether it carries nothing (an entry without auth, username or password): requests go out anonymously.</summary>
    public bool IsAnonymous => Username.Length == 0 && Password.Length == 0;

    /// <summary>The value of a basic <c>Authorization</c> header.</summary>
    /// <returns>Base64 of <c>username:password</c>.</returns>
    public string BasicParameter() => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Username}:{Password}"));

    /// <summary>The user and source, never the password.</summary>
    /// <returns>A description for messages.</returns>
    public override string ToString() => IsAnonymous ? $"an empty entry of {Source}" : $"user \"{Username}\" from {Source}";
}
