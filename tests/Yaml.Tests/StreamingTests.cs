using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kueueleuleu.Yaml;
using Kueueleuleu.Yaml.Tests.Support;

namespace Kueueleuleu.Yaml.Tests;

/// <summary>
/// Reading streams document by document: only what has been asked for is read, limits are per document and name the
/// document, positions and byte offsets stay right across the reader's buffers, and the streaming writers write what
/// the whole-tree writers did.
/// </summary>
public class StreamingTests
{
    [Theory]
    [InlineData("---\na: 1\n")]
    [InlineData("{\"a\": 1}\n")]
    public void DocumentsComeBeforeTheInputEnds(string document)
    {
        // The input never ends: reading three documents must not try to read it all.
        using var endless = new EndlessStream(Encoding.UTF8.GetBytes(document));
        var first = ManifestReader.Read(endless).Take(3).ToList();
        Assert.Equal([1, 2, 3], first.Cast<ReadDocument>().Select(d => d.Number));
    }

    [Theory]
    [InlineData("a: 1\n---\nb: [", "]\n---\nc: 3\n")]
    [InlineData("{\"a\": 1}\n{\"b\": [", "]}\n{\"c\": 3}\n")]
    public void ADocumentOverTheByteLimitIsAnErrorNamingIt(string head, string tail)
    {
        var text = head + string.Join(", ", Enumerable.Repeat("\"xxxxxxxxxx\"", 200)) + tail;
        var items = Read(text, new ReadLimits { MaxDocumentBytes = 1024 });
        Assert.Equal(1, Assert.IsType<ReadDocument>(items[0]).Number);
        Assert.True(items.Count == 2, string.Join("; ", items));
        var error = Assert.IsType<ReadError>(items[1]);
        Assert.Equal(2, error.Document);
        Assert.StartsWith("is larger than 1 KiB, the limit for one document", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a: [1, 2, 3]\nb: {c: 4, d: [5]}\n")]
    [InlineData("{\"a\": [1, 2, 3], \"b\": {\"c\": 4, \"d\": [5]}}")]
    public void TheValueLimitCountsValuesNotKeys(string text)
    {
        // Nine values: the root, a and its three items, b, 4, d and its item 5; keys do not count.
        Assert.IsType<ReadDocument>(Assert.Single(Read(text, new ReadLimits { MaxDocumentValues = 9 })));
        var error = Assert.IsType<ReadError>(Assert.Single(Read(text, new ReadLimits { MaxDocumentValues = 8 })));
        Assert.Equal(1, error.Document);
        Assert.StartsWith("holds more than 8 values (mappings, lists and scalars)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a: 1\n", "b: [\n")]
    [InlineData("{\"a\": 1}\n", "{\"b\": }\n")]
    public void PositionsStayRightPastTheFirstBuffers(string good, string bad)
    {
        // 30,000 documents put the error far beyond the first 64 KiB read.
        var text = string.Concat(Enumerable.Repeat(good.StartsWith('{') ? good : "---\n" + good, 30_000)) + (good.StartsWith('{') ? bad : "---\n" + bad);
        var items = Read(text);
        var error = Assert.IsType<ReadError>(items[^1]);
        Assert.Equal(30_001, error.Document);
        Assert.Equal(text.Count(c => c == '\n') + (good.StartsWith('{') ? 0 : 1), error.Position!.Value.Line);
    }

    [Theory]
    [InlineData("a: ")]
    [InlineData("{\"a\": \"")]
    public void BadUtf8IsReportedAtItsByteOffset(string head)
    {
        var prefix = Encoding.UTF8.GetBytes(head + new string('x', 100_000));
        var error = Assert.IsType<ReadError>(Read([.. prefix, 0xC3, 0x28, (byte)'"', (byte)'}']).Last());
        Assert.Null(error.Document);
        Assert.Equal($"is not valid UTF-8 text (bad byte at offset {prefix.Length}); save it as UTF-8", error.Message);
    }

    [Fact]
    public void ANulByteIsNotTheEndOfTheInput()
    {
        // YamlDotNet takes NUL for the end of its input; the document after it would silently vanish.
        var error = Assert.IsType<ReadError>(Assert.Single(Read("a: 1\n\0b: 2\n")));
        Assert.Equal("is not a text file (NUL byte at offset 5); manifests are UTF-8 text", error.Message);
    }

    [Fact]
    public void AByteOrderMarkIsDroppedBeforeDecidingTheFormat()
    {
        var document = Assert.IsType<ReadDocument>(Assert.Single(Read([.. Encoding.UTF8.Preamble, .. " \n {\"a\": 1.0}"u8])));
        Assert.Equal("{\"a\":1.0}", document.Root.ToJsonString());
    }

    [Theory]
    [InlineData("{\"data\": {\"x\": \"\\udc00\"}}", "data.x")]
    [InlineData("{\"data\": {\"x\": [\"ok\", \"a\\ud800b\"]}}", "data.x[1]")]
    [InlineData("{\"data\": {\"\\udfff\": 1}}", "data")]
    public void LoneSurrogateEscapesAreErrorsWithTheirPath(string json, string path)
    {
        var error = Assert.Single(ManifestReader.Read(json).Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains("half a UTF-16 surrogate pair", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StreamingJsonWriterWritesWhatJsonNodeWrites()
    {
        // Large enough for the writer to flush many times inside one document.
        var big = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = new JsonArray(Enumerable.Range(0, 5_000).Select(i => (JsonNode?)Codec.ReadOne($"{{\"n\": {i}.0, \"s\": \"é<{i}>\", \"e\": {{}}, \"l\": [], \"z\": null, \"t\": true}}")).ToArray()) };
        var small = Codec.ReadOne("b: 2");
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n" };

        Assert.Equal(big.ToJsonString(options) + "\n", JsonWriter.Write([big]));
        var wrapped = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = new JsonArray(big.DeepClone(), small.DeepClone()) };
        Assert.Equal(wrapped.ToJsonString(options) + "\n", JsonWriter.Write([big, small]));
        Assert.Equal("{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\",\n  \"items\": []\n}\n", JsonWriter.Write([]));
    }

    [Theory]
    [InlineData("apiVersion: v1\nitems:\n- {kind: Pod, metadata: {name: a}}\n- &x {kind: Pod, n: 1.0}\n- null\n- [1]\n- *x\nkind: List\nmetadata: {}\n")]
    [InlineData("{\"apiVersion\": \"v1\", \"items\": [{\"kind\": \"Pod\", \"metadata\": {\"name\": \"a\"}}, {\"kind\": \"Pod\", \"n\": 1.0}, null, [1], {\"kind\": \"Pod\", \"n\": 1.0}], \"kind\": \"List\", \"metadata\": {}}")]
    public void ListItemsCanBeReadOneAtATime(string text)
    {
        var whole = Assert.IsType<ReadDocument>(Assert.Single(Read(text))).Root;
        var list = Assert.IsType<ReadDocument>(Assert.Single(Read(text, streamListItems: true)));

        // The header keeps every field in its place, items as an empty array; the items are those of the whole read.
        Assert.Equal(["apiVersion", "items", "kind", "metadata"], list.Root.AsObject().Select(p => p.Key));
        Assert.Empty(list.Root["items"]!.AsArray());
        var items = list.Items!.ToList();
        Assert.Equal([0, 1, 2, 3, 4], items.Select(i => i.Index));
        Assert.All(items, i => Assert.Empty(i.Errors));
        for (var i = 0; i < items.Count; i++)
        {
            TreeAssert.Identical(whole["items"]![i], items[i].Node);
        }
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: List\nitems:\n- {a: 1}\n- {b: .inf}\n- {c: 3}\n", "items[1].b")]
    [InlineData("{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [{\"a\": 1}, {\"b\": 1, \"b\": 2}, {\"c\": 3}]}", "items[1].b")]
    public void AnItemWithErrorsComesWithThemAndWithoutATree(string text, string path)
    {
        var items = Assert.IsType<ReadDocument>(Assert.Single(Read(text, streamListItems: true))).Items!.ToList();
        Assert.NotNull(items[0].Node);
        Assert.Null(items[1].Node);
        Assert.Equal(path, Assert.Single(items[1].Errors).Path);
        Assert.NotNull(items[2].Node);
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: Pod\nitems: [1]\n")]
    [InlineData("apiVersion: v1\nkind: List\nitems: {a: 1}\n")]
    [InlineData("base: &b {apiVersion: v1, kind: List}\n<<: *b\nitems: [1]\n")]
    [InlineData("{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [], \"items\": [1]}")]
    public void OtherDocumentsAreReadWhole(string text)
    {
        var items = Read(text, streamListItems: true);
        Assert.All(items.OfType<ReadDocument>(), d => Assert.Null(d.Items));
        Assert.Equal(Read(text).Select(i => i.ToString()), items.Select(i => i.ToString()));
    }

    private static List<ReadItem> Read(string text, ReadLimits? limits = null, bool streamListItems = false) =>
        Read(Encoding.UTF8.GetBytes(text), limits, streamListItems);

    private static List<ReadItem> Read(byte[] bytes, ReadLimits? limits = null, bool streamListItems = false)
    {
        // Reads of at most 1000 bytes, as a pipe gives them, so documents and characters straddle reads.
        using var input = new TrickleStream(bytes, 1000);
        return ManifestReader.Read(input, limits, streamListItems).ToList();
    }

    private sealed class EndlessStream(byte[] unit) : Stream
    {
        private int _at;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++)
            {
                buffer[offset + i] = unit[_at];
                _at = (_at + 1) % unit.Length;
            }

            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);
    }
}
