using System.Text.Json.Nodes;

namespace Kueueleuleu.Yaml;

/// <summary>One document read from a stream: its 1-based number in the stream and its JSON tree.</summary>
public sealed record ReadDocument(int Number, JsonNode Root) : ReadItem
{
    /// <summary>
    /// Set only when the reader was asked to stream List items and this document is a <c>v1 List</c>: the items, read
    /// one at a time as they are enumerated, so a large List is never held as one tree. <see cref="Root"/> then holds
    /// every other field, with an empty <c>items</c> array keeping its place. Enumerate them once, before asking the
    /// stream for anything more.
    /// </summary>
    public IEnumerable<ListItem>? Items { get; init; }
}

/// <summary>What reading a stream gave: the documents that were read, and every error found.</summary>
public sealed record StreamReadResult(IReadOnlyList<ReadDocument> Documents, IReadOnlyList<ReadError> Errors)
{
    /// <summary>True when the stream was read without any error.</summary>
    public bool Succeeded => Errors.Count == 0;
}
