using System.Text.Json.Nodes;

namespace Kueueleuleu.Yaml;

/// <summary>
/// One item of a <c>v1 List</c> read item by item (see <see cref="ReadDocument.Items"/>): its index, its tree (null
/// for a null item, or when it has errors) and the errors found while reading it.
/// </summary>
public sealed record ListItem(int Index, JsonNode? Node, IReadOnlyList<ReadError> Errors);
