using System.Diagnostics.CodeAnalysis;

namespace Kueueleuleu.Registry.Authentication;

/// <summary>
/// A token service's answer: <c>token</c> or, in the OAuth 2 spelling, <c>access_token</c> (the distribution token
/// specification allows both and says they are the same), and <c>expires_in</c> seconds (60 when absent).
/// </summary>
/// <param name="Token">The bearer token.</param>
/// <param name="ExpiresIn">How long it lasts.</param>
public sealed record BearerTokenResponse(string Token, TimeSpan ExpiresIn)
{
    /// <summary>The token's <see cref="object.ToString"/> never shows the token itself.</summary>
    /// <returns>A description without the secret.</returns>
    public override string ToString() => $"bearer token ({Token.Length} characters, expires in {ExpiresIn.TotalSeconds:0} s)";

    /// <summary>Parses a token response.</summary>
    /// <param name="content">The body.</param>
    /// <param name="response">The token, when readable.</param>
    /// <param name="error">What is wrong with the body, when not.</param>
    /// <returns>Whether it holds a token.</returns>
    public static bool TryParse(ReadOnlyMemory<byte> content, [NotNullWhen(true)] out BearerTokenResponse? response, [NotNullWhen(false)] out string? error)
    {
        response = null;
        try
        {
            using var json = StrictJson.Parse(content);
            var root = StrictJson.RequireObject(json.RootElement, "");
            var token = StrictJson.OptionalString(root, "token", "") is { Length: > 0 } t ? t : StrictJson.OptionalString(root, "access_token", "");
            if (string.IsNullOrEmpty(token))
            {
                error = "it has neither token nor access_token";
                return false;
            }

            var seconds = StrictJson.OptionalWhole(root, "expires_in", "") ?? 60;
            response = new BearerTokenResponse(token, TimeSpan.FromSeconds(Math.Max(seconds, 0)));
            error = null;
            return true;
        }
        catch (DocumentFormatException exception)
        {
            error = exception.Message;
            return false;
        }
    }
}
