using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Kubernetes.Resources;

/// <summary>
/// Reads a <c>*List</c> response from a stream one item at a time: each item is parsed on its own and handed over before
/// the next is read, so memory holds one item (and the read buffer), not the whole page. A page of 500 objects of a
/// megabyte is 500 MB as text and several times that parsed; read whole, one page could exhaust a process.
/// </summary>
public static class ListStreamReader
{
    private const int FirstBufferSize = 64 * 1024;

    /// <summary>Reads the list, calling <paramref name="onItem"/> for every item in order.</summary>
    /// <param name="stream">The response body.</param>
    /// <param name="onItem">Receives each item, with <c>apiVersion</c> and <c>kind</c> filled in as for a single GET.</param>
    /// <param name="idleTimeout">
    /// How long filling the read buffer may take: a connection that stops sending in the middle of a list must not hold
    /// the caller forever. Null for no bound.
    /// </param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The page's metadata (with no items).</returns>
    /// <exception cref="JsonException">The body is not a JSON object, or ends early.</exception>
    /// <exception cref="TimeoutException">No data came within <paramref name="idleTimeout"/>.</exception>
    public static async Task<ResourceList> ReadAsync(Stream stream, Action<JsonObject> onItem, TimeSpan? idleTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(onItem);
        var parser = new Parser(onItem);
        var buffer = ArrayPool<byte>.Shared.Rent(FirstBufferSize);
        try
        {
            var (start, end, final) = (0, 0, false);
            while (true)
            {
                start += parser.Feed(buffer.AsSpan(start, end - start), final);
                if (parser.Done)
                {
                    return parser.Page();
                }

                if (final)
                {
                    throw new JsonException("the list response ended before its closing brace");
                }

                // The free space is filled whole (or to the end of the body) before the parser looks again: an item longer
                // than the buffer is then scanned once per doubling, not once per network read.
                (buffer, start, end) = Compact(buffer, start, end);
                var free = buffer.Length - end;
                var read = await FillAsync(stream, buffer.AsMemory(end), idleTimeout, cancellationToken).ConfigureAwait(false);
                end += read;
                final = read < free;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<int> FillAsync(Stream stream, Memory<byte> free, TimeSpan? idleTimeout, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (idleTimeout is { } idle)
        {
            bound.CancelAfter(idle);
        }

        try
        {
            return await stream.ReadAtLeastAsync(free, free.Length, throwOnEndOfStream: false, bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the list response stopped: no data for {idleTimeout}");
        }
    }

    /// <summary>Moves the unread bytes to the front, and doubles the buffer when they fill it (an item larger than it).</summary>
    private static (byte[] Buffer, int Start, int End) Compact(byte[] buffer, int start, int end)
    {
        var unread = end - start;
        var target = unread < buffer.Length / 2 ? buffer : ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        Buffer.BlockCopy(buffer, start, target, 0, unread);
        if (!ReferenceEquals(target, buffer))
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return (target, 0, unread);
    }

    /// <summary>
    /// The state between chunks: the JSON reader's state as of the last token it could take whole, and where the list
    /// stands. Values that are objects or arrays (an item, the metadata) are taken whole or not at all, so a chunk that ends
    /// inside one is read again, longer, next time.
    /// </summary>
    private sealed class Parser(Action<JsonObject> onItem)
    {
        private JsonReaderState state;
        private string? property;
        private bool inItems;
        private JsonObject? metadata;
        private string? apiVersion;
        private string? kind;

        public bool Done { get; private set; }

        /// <summary>Takes what it can of <paramref name="chunk"/>; returns how many bytes it consumed.</summary>
        public int Feed(ReadOnlySpan<byte> chunk, bool final)
        {
            var reader = new Utf8JsonReader(chunk, final, state);
            var consumed = 0;
            while (!Done)
            {
                var before = reader;
                if (!reader.Read() || !Take(ref reader, chunk))
                {
                    // Incomplete: everything from before this token is read again with more data.
                    reader = before;
                    break;
                }

                consumed = (int)reader.BytesConsumed;
                state = reader.CurrentState;
            }

            return consumed;
        }

        public ResourceList Page() => ResourceList.Page([], metadata);

        /// <summary>Handles the token just read; false when it starts a value that is not complete in the chunk.</summary>
        private bool Take(ref Utf8JsonReader reader, ReadOnlySpan<byte> chunk)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject when reader.CurrentDepth == 0:
                    return true;
                case JsonTokenType.EndObject when reader.CurrentDepth == 0:
                    Done = true;
                    return true;
                case JsonTokenType.PropertyName when reader.CurrentDepth == 1:
                    property = reader.GetString();
                    return true;
                case JsonTokenType.StartArray when reader.CurrentDepth == 1 && property == "items":
                    inItems = true;
                    return true;
                case JsonTokenType.EndArray when inItems && reader.CurrentDepth == 1:
                    inItems = false;
                    return true;
                case JsonTokenType.StartObject when inItems && reader.CurrentDepth == 2:
                    // The list's own apiVersion and kind are known by now: the API server's encoder writes them before the items.
                    return TakeObject(ref reader, chunk, item => onItem(ResourceList.WithTypeMeta(item, apiVersion, kind)));
                case JsonTokenType.StartObject when reader.CurrentDepth == 1 && property == "metadata":
                    return TakeObject(ref reader, chunk, m => metadata = m);
                case JsonTokenType.String when reader.CurrentDepth == 1 && property == "apiVersion":
                    apiVersion = reader.GetString();
                    return true;
                case JsonTokenType.String when reader.CurrentDepth == 1 && property == "kind":
                    kind = ResourceList.ItemKind(reader.GetString());
                    return true;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    return reader.TrySkip();
                case JsonTokenType.Null when inItems:
                    return true;
                default:
                    if (reader.CurrentDepth == 0)
                    {
                        throw new JsonException($"a list response must be a JSON object, found {reader.TokenType}");
                    }

                    return true;
            }
        }

        private static bool TakeObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> chunk, Action<JsonObject> take)
        {
            var start = (int)reader.TokenStartIndex;
            if (!reader.TrySkip())
            {
                return false;
            }

            take(JsonNode.Parse(chunk[start..(int)reader.BytesConsumed])!.AsObject());
            return true;
        }
    }
}
