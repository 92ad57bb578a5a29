using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Objects;

namespace Kueueleuleu.Kubernetes.Watching;

/// <summary>
/// An object as a <see cref="Reflector"/> keeps it between changes: its compact JSON text, parsed again on each read.
/// A parsed tree costs several times its text (a node per value, a dictionary per object, a string per property
/// name, the parsed document behind them), and a cache reads each object rarely compared with how long it keeps it.
/// Immutable, so one instance may be shared by any number of threads.
/// </summary>
public sealed class StoredObject
{
    private readonly byte[] json;

    private StoredObject(byte[] json, string? ns, string name, string? resourceVersion)
    {
        this.json = json;
        Namespace = ns;
        Name = name;
        ResourceVersion = resourceVersion;
    }

    /// <summary>metadata.namespace; null for a cluster-scoped object.</summary>
    public string? Namespace { get; }

    /// <summary>metadata.name.</summary>
    public string Name { get; }

    /// <summary>metadata.resourceVersion, if any.</summary>
    public string? ResourceVersion { get; }

    /// <summary>The store's key (<see cref="ObjectKey"/>): "namespace/name", or the name alone.</summary>
    public string Key => ObjectKey.Text(Namespace, Name);

    /// <summary>The length of the kept JSON text in bytes.</summary>
    public int Size => json.Length;

    /// <summary>Keeps an object's current content; later changes to <paramref name="obj"/> do not reach the copy.</summary>
    /// <param name="obj">The object; needs metadata.name.</param>
    /// <returns>The stored form.</returns>
    /// <exception cref="ArgumentException">The object has no metadata.name.</exception>
    public static StoredObject From(JsonObject obj)
    {
        var key = ObjectKey.Of(obj);
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            obj.WriteTo(writer);
        }

        return new StoredObject(buffer.WrittenSpan.ToArray(), key.NamespaceOrNull, key.Name, ObjectMetadata.ResourceVersion(obj));
    }

    /// <summary>A tree of the caller's own, parsed from the kept text; changing it changes nothing else.</summary>
    /// <returns>The object.</returns>
    public JsonObject Parse() => JsonNode.Parse(json)!.AsObject();

    /// <summary>
    /// A string value as it appears in a stored text, quotes included, to rule objects out with <see cref="Contains"/>
    /// before parsing them; null when the value needs escaping in JSON (then no such shortcut is taken).
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns>The quoted UTF-8 bytes, or null.</returns>
    public static byte[]? QuotedText(string value)
    {
        // The stored text is written with the default encoder, so this encoding is how the value appears in it; a
        // value it changes (escapes, or anything beyond ASCII) gets no shortcut.
        var encoded = JsonEncodedText.Encode(value).EncodedUtf8Bytes;
        if (encoded.Length != value.Length)
        {
            return null;
        }

        var bytes = new byte[encoded.Length + 2];
        bytes[0] = bytes[^1] = (byte)'"';
        encoded.CopyTo(bytes.AsSpan(1));
        return bytes;
    }

    /// <summary>
    /// Whether the JSON text contains these bytes (from <see cref="QuotedText"/>). False means the object holds no
    /// such string; true means it may (as a value or a property name anywhere), so callers check the parsed object.
    /// </summary>
    /// <param name="text">The bytes to find.</param>
    /// <returns>Whether they occur.</returns>
    public bool Contains(ReadOnlySpan<byte> text) => json.AsSpan().IndexOf(text) >= 0;
}
