using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Operator.Planning;

/// <summary>
/// Facts about a node's compact UTF-8 JSON text, computed without building the text: the writer's output passes through
/// one pooled scratch buffer into a counter and, when asked, a hash. <c>ToJsonString</c> would allocate the whole text
/// twice (UTF-8 and UTF-16), and for a spec of a megabyte both land on the large object heap, on every watch event.
/// </summary>
internal static class JsonBytes
{
    /// <summary>The number of UTF-8 bytes of <paramref name="node"/> written compactly.</summary>
    public static long Count(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var sink = new Sink(null);
        Write(node, sink);
        return sink.Written;
    }

    /// <summary>The SHA-256 of the compact UTF-8 JSON that <paramref name="write"/> writes.</summary>
    public static byte[] Sha256(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var sink = new Sink(hash))
        using (var writer = new Utf8JsonWriter(sink))
        {
            write(writer);
        }

        return hash.GetHashAndReset();
    }

    private static void Write(JsonNode node, Sink sink)
    {
        using var writer = new Utf8JsonWriter(sink);
        node.WriteTo(writer);
    }

    /// <summary>Takes what the writer gives, counts and hashes it, keeps nothing: every span it hands out is one rented buffer.</summary>
    private sealed class Sink(IncrementalHash? hash) : IBufferWriter<byte>, IDisposable
    {
        private byte[] scratch = ArrayPool<byte>.Shared.Rent(4096);

        public long Written { get; private set; }

        public void Advance(int count)
        {
            hash?.AppendData(scratch, 0, count);
            Written += count;
        }

        public Memory<byte> GetMemory(int sizeHint = 0) => Scratch(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => Scratch(sizeHint).Span;

        public void Dispose() => ArrayPool<byte>.Shared.Return(scratch);

        private Memory<byte> Scratch(int sizeHint)
        {
            if (sizeHint > scratch.Length)
            {
                ArrayPool<byte>.Shared.Return(scratch);
                scratch = ArrayPool<byte>.Shared.Rent(sizeHint);
            }

            return scratch;
        }
    }
}
