using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Watching;

namespace Kueueleuleu.Kubernetes.Tests.Unit;

/// <summary>
/// The byte-level line reader of watch streams: lines cut anywhere by the network come out whole, and a megabyte event
/// is parsed from its bytes without a text copy.
/// </summary>
public sealed class LineStreamTests
{
    private const string Body = "{\"a\":1}\n\n{\"b\":\"\u00e9\u00e8\"}\r\n{\"c\":[1,2]}\n{\"last\":true}";

    public static TheoryData<int> ReadSizes => [1, 2, 3, 7, 64, 4096];

    [Theory]
    [MemberData(nameof(ReadSizes))]
    public async Task Lines_cut_at_any_byte_come_out_whole_without_terminators_and_blank_lines(int readSize)
    {
        var lines = await ReadAllAsync(Encoding.UTF8.GetBytes(Body), readSize, line => Encoding.UTF8.GetString(line));

        Assert.Equal(["{\"a\":1}", "{\"b\":\"\u00e9\u00e8\"}", "{\"c\":[1,2]}", "{\"last\":true}"], lines);
    }

    [Fact]
    public async Task A_megabyte_watch_event_arriving_in_small_reads_parses_with_its_payload_intact()
    {
        var payload = new string('x', 1024 * 1024);
        var line = new JsonObject
        {
            ["type"] = "MODIFIED",
            ["object"] = new JsonObject { ["kind"] = "SequentialJob", ["metadata"] = new JsonObject { ["name"] = "big", ["resourceVersion"] = "9" }, ["payload"] = payload },
        }.ToJsonString();

        var events = await ReadAllAsync(Encoding.UTF8.GetBytes(line + "\n" + line + "\n"), 1500, WatchEvent.Parse);

        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal(WatchEventType.Modified, e.Type));
        Assert.All(events, e => Assert.Equal(payload, (string?)e.Item["payload"]));
        Assert.Equal("9", events[1].ResourceVersion);
    }

    [Fact]
    public async Task A_line_that_is_not_one_watch_event_is_a_format_error_quoting_its_start()
    {
        var error = await Assert.ThrowsAsync<FormatException>(() => ReadAllAsync("{\"type\":\"ADDED\",\"object\":{}} {\"x\":1}\n"u8.ToArray(), 5, WatchEvent.Parse));

        Assert.Contains("{\"type\":\"ADDED\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_that_sends_nothing_within_the_idle_bound_fails_as_idle()
    {
        using var response = new HttpResponseMessage { Content = new StreamContent(new SilentStream()) };

        await Assert.ThrowsAsync<WatchIdleException>(async () =>
        {
            await foreach (var unused in LineStream.ReadUtf8LinesAsync(response, "GET /silent", TimeSpan.FromMilliseconds(200), line => line.Length, CancellationToken.None))
            {
            }
        });
    }

    private static async Task<List<T>> ReadAllAsync<T>(byte[] body, int readSize, Func<ReadOnlySequence<byte>, T> parse)
    {
        var response = new HttpResponseMessage { Content = new StreamContent(new ChunkedStream(body, readSize)) };
        var lines = new List<T>();
        await foreach (var line in LineStream.ReadUtf8LinesAsync(response, "GET /test", TimeSpan.FromSeconds(10), parse, CancellationToken.None))
        {
            lines.Add(line);
        }

        return lines;
    }

    private sealed class ChunkedStream(byte[] data, int readSize) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, readSize));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, readSize)], cancellationToken);
    }

    /// <summary>A connection that stays open and never sends a byte.</summary>
    private sealed class SilentStream : MemoryStream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
