using System.Text.Json.Nodes;

namespace Kueueleuleu.Yaml;

/// <summary>One document read from a stream: its 1-based number in the stream and its JSON tree.</summary>
public sealed record ReadDocument(int Number, JsonNode Root) : ReadItem;

/// <summary>What reading a stream gave: the documents that were read, and every error found.</summary>
public sealed record StreamReadResult(IReadOnlyList<ReadDocument> Documents, IReadOnlyList<ReadError> Errors)
{
    /// <summary>True when the stream was read without any error.</summary>
    public bool Succeeded => Errors.Count == 0;
}
