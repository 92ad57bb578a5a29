using System.Text.Json.Nodes;

namespace Kueueleuleu.Cli.Images;

/// <summary>Tells <c>convert</c> what the images of a document's steps without <c>command</c> run.</summary>
internal interface IStepImageSource
{
    /// <summary>The facts about the images of <paramref name="manifest"/>'s steps without command, or why they are not known.</summary>
    /// <param name="manifest">One manifest, or a List of them.</param>
    /// <returns>The facts and errors.</returns>
    DocumentImages Resolve(JsonObject manifest);
}
