using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Operator.Reconciliation;

/// <summary>
/// The length of a node's compact JSON text, measured without building the text: the writer's output goes to a counter
/// through one pooled scratch buffer. <c>ToJsonString</c> would allocate the whole text twice (UTF-8 and UTF-16), and for
/// a spec of a megabyte both land on the large object heap, on every watch event.
/// </summary>
internal static class JsonSize
{
    /// <summary>The number of UTF-8 bytes of <paramref name="node"/> written compactly.</summary>
    public static long Of(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var counter = new CountingWriter();
        try
        {
            using (var writer = new Utf8JsonWriter(counter))
            {
                node.WriteTo(writer);
            }

            return counter.Written;
        }
        finally
        {
            counter.Release();
        }
    }

    /// <summary>Counts what it is given and keeps nothing: every span it hands out is the same rented buffer.</summary>
    private sealed class CountingWriter : IBufferWriter<byte>
    {
        private byte[] scratch = ArrayPool<byte>.Shared.Rent(4096);

        public long Written { get; private set; }

        public void Advance(int count) => Written += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => Scratch(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => Scratch(sizeHint).Span;

        public void Release() => ArrayPool<byte>.Shared.Return(scratch);

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
