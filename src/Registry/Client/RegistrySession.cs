using System.Net.Http.Headers;
using Kueueleuleu.Registry.Authentication;
using Kueueleuleu.Registry.References;

namespace Kueueleuleu.Registry;

/// <summary>
/// The requests of one lookup at one endpoint with one credential (or none). A request goes out with the authorization
/// obtained so far; on 401 the challenge is answered once: Bearer by asking the realm for a token (with the credential
/// as basic authentication, when there is one) and Basic by sending the credential, then the request is sent again. What
/// a second 401 means depends on what was sent: no credential, a rejected one, or an accepted one without pull access.
/// </summary>
internal sealed class RegistrySession(
    RegistryHttp http, RegistryEndpoint endpoint, ImageReference reference, RegistryCredential? credential, List<RegistryAttempt> log, RegistryClientOptions options)
{
    private AuthenticationHeaderValue? authorization;
    private string? answeredScheme;

    public RegistryEndpoint Endpoint => endpoint;

    /// <summary>GETs a document; any answer but 2xx becomes the problem it means.</summary>
    public async Task<Step<HttpOutcome>> GetAsync(Uri url, IReadOnlyList<string> accept, long maxBytes, string what, CancellationToken cancellationToken)
    {
        var first = await http.GetAsync(url, accept, authorization, maxBytes, log, cancellationToken);
        if (!first.Ok || first.Value.Status != 401)
        {
            return first.Ok ? Classify(first.Value, what, maxBytes) : About(first.Problem);
        }

        if (await AuthenticateAsync(first.Value, cancellationToken) is { } problem)
        {
            return problem;
        }

        var second = await http.GetAsync(url, accept, authorization, maxBytes, log, cancellationToken);
        if (!second.Ok)
        {
            return About(second.Problem);
        }

        return second.Value.Status == 401 ? Refused(second.Value) : Classify(second.Value, what, maxBytes);
    }

    private Problem About(Problem problem) => problem with { Message = $"{reference.Text}: {problem.Message}" };

    private Step<HttpOutcome> Classify(HttpOutcome outcome, string what, long maxBytes)
    {
        var detail = outcome.ErrorText is { } text ? $", {text}" : "";
        var at = $"{reference.Text}: {endpoint}";
        return outcome.Status switch
        {
            _ when outcome.TooLarge => new Problem(RegistryFailureKind.BadResponse, $"{at} sent a {what} larger than {maxBytes} bytes; it was not read."),
            >= 200 and < 300 => outcome,
            403 => new Problem(RegistryFailureKind.Denied, $"{at} refused access to {what} (403{detail}). {CredentialAdvice("does not allow pulling")}"),
            404 => new Problem(RegistryFailureKind.NotFound, $"{at} has no {what} (404{detail}). Check the image's name and tag, and that it was pushed there."),
            >= 500 or 429 => new Problem(RegistryFailureKind.Unreachable, $"{at} answered {outcome.Status}{detail} for the {what} on every try; the registry is unavailable, try again later."),
            _ => new Problem(RegistryFailureKind.BadResponse, $"{at} answered {outcome.Status}{detail} for the {what}, which a registry should not."),
        };
    }

    private async Task<Problem?> AuthenticateAsync(HttpOutcome unauthorized, CancellationToken cancellationToken)
    {
        var challenges = ChallengeParser.Parse(unauthorized.Challenges);
        if (challenges.FirstOrDefault(challenge => challenge.Is("Bearer")) is { } bearer)
        {
            answeredScheme = "Bearer";
            return await FetchTokenAsync(bearer, cancellationToken);
        }

        if (challenges.Any(challenge => challenge.Is("Basic")))
        {
            answeredScheme = "Basic";
            if (credential is null || credential.IsAnonymous)
            {
                return new Problem(RegistryFailureKind.Unauthorized, $"{reference.Text}: {endpoint} requires a user name and password (401, Basic). {MissingCredentialAdvice()}");
            }

            authorization = new AuthenticationHeaderValue("Basic", credential.BasicParameter());
            return null;
        }

        var schemes = challenges.Count == 0 ? "no WWW-Authenticate challenge" : "only the challenges " + string.Join(", ", challenges.Select(c => c.Scheme));
        return new Problem(RegistryFailureKind.Unauthorized, $"{reference.Text}: {endpoint} answered 401 with {schemes}; this client answers Bearer and Basic only.");
    }

    private async Task<Problem?> FetchTokenAsync(AuthenticationChallenge bearer, CancellationToken cancellationToken)
    {
        if (!BearerTokenRequest.TryCreate(bearer, reference.Repository, out var tokenUrl, out var challengeError))
        {
            return new Problem(RegistryFailureKind.BadResponse, $"{reference.Text}: {endpoint} asked for a token, but {challengeError}.");
        }

        var basic = credential is { IsAnonymous: false } ? new AuthenticationHeaderValue("Basic", credential.BasicParameter()) : null;
        var fetched = await http.GetAsync(tokenUrl, ["application/json"], basic, options.MaxTokenBytes, log, cancellationToken);
        if (!fetched.Ok)
        {
            return fetched.Problem with { Message = $"{reference.Text}: the token service of {endpoint}: {fetched.Problem.Message}" };
        }

        var service = tokenUrl.GetLeftPart(UriPartial.Path);
        var status = fetched.Value.Status;
        if (status is >= 200 and < 300)
        {
            if (!BearerTokenResponse.TryParse(fetched.Value.Body, out var token, out var tokenError))
            {
                return new Problem(RegistryFailureKind.BadResponse, $"{reference.Text}: the token service {service} answered with no usable token: {tokenError}.");
            }

            authorization = new AuthenticationHeaderValue("Bearer", token.Token);
            return null;
        }

        var detail = fetched.Value.ErrorText is { } text ? $", {text}" : "";
        var from = $"{reference.Text}: the token service {service}";
        return status switch
        {
            401 when basic is null => new Problem(RegistryFailureKind.Unauthorized, $"{from} requires a user name and password (401{detail}). {MissingCredentialAdvice()}"),
            401 => new Problem(RegistryFailureKind.Unauthorized, $"{from} rejected {credential} (401{detail}). Check the user name and password."),
            403 => new Problem(RegistryFailureKind.Denied, $"{from} refused a token (403{detail}). {CredentialAdvice("does not allow pulling")}"),
            >= 500 or 429 => new Problem(RegistryFailureKind.Unreachable, $"{from} answered {status}{detail} on every try; it is unavailable, try again later."),
            _ => new Problem(RegistryFailureKind.BadResponse, $"{from} answered {status}{detail}, which a token service should not."),
        };
    }

    private Problem Refused(HttpOutcome outcome)
    {
        var challenges = ChallengeParser.Parse(outcome.Challenges);
        var challenge = challenges.Count > 0 ? challenges[0] : null;
        var error = challenge?["error"] is { Length: > 0 } e ? $", {e}" : "";
        var detail = outcome.ErrorText is { } text ? $", {text}" : "";
        var at = $"{reference.Text}: {endpoint}";
        if (credential is null || credential.IsAnonymous)
        {
            return new Problem(RegistryFailureKind.Unauthorized, $"{at} requires credentials to pull {reference.Repository} (401{error}{detail}; registries answer the same for a repository that does not exist). {MissingCredentialAdvice()}");
        }

        return answeredScheme == "Bearer"
            ? new Problem(RegistryFailureKind.Denied, $"{at} accepted {credential} but their token does not allow pulling {reference.Repository} (401{error}{detail}). {CredentialAdvice("has no pull access")}")
            : new Problem(RegistryFailureKind.Unauthorized, $"{at} rejected {credential} (401{error}{detail}). Check the user name and password.");
    }

    private string CredentialAdvice(string verb) =>
        credential is { IsAnonymous: false }
            ? $"The account of {credential} {verb} to {reference.Repository}: grant it access or use other credentials."
            : $"Anonymous access {verb} to {reference.Repository}: supply credentials.";

    private string MissingCredentialAdvice() =>
        credential is null
            ? $"No supplied credentials match {reference.Registry}: add an image pull secret (kubernetes.io/dockerconfigjson) with an entry for it."
            : $"The matching entry ({credential}) is empty: give it auth or username and password.";
}
