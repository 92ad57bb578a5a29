using System.Text.Json.Nodes;

namespace Kueueleuleu.ControllerRuntime.Objects;

/// <summary>Prepares parsed JSON to be kept and shared between threads that only read it.</summary>
public static class SharedJson
{
    /// <summary>
    /// Walks the whole tree once. A parsed <see cref="JsonObject"/> builds its children lazily on first read, which
    /// is not safe from several threads; after the walk every read is a plain lookup.
    /// </summary>
    /// <param name="node">The tree; not changed.</param>
    public static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    Materialize(child);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Materialize(child);
                }

                break;
        }
    }
}
