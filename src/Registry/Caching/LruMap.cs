namespace Kueueleuleu.Registry.Caching;

/// <summary>A map of bounded size that forgets its least recently used entry first. Not thread-safe: its owner locks.</summary>
internal sealed class LruMap<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> nodes = [];
    private readonly LinkedList<(TKey Key, TValue Value)> order = new();

    public int Count => nodes.Count;

    public bool TryGet(TKey key, out TValue value)
    {
        if (nodes.TryGetValue(key, out var node))
        {
            order.Remove(node);
            order.AddFirst(node);
            value = node.Value.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        if (nodes.TryGetValue(key, out var existing))
        {
            order.Remove(existing);
        }

        nodes[key] = order.AddFirst((key, value));
        while (nodes.Count > capacity && order.Last is { } oldest)
        {
            order.RemoveLast();
            nodes.Remove(oldest.Value.Key);
        }
    }

    public void Remove(TKey key)
    {
        if (nodes.Remove(key, out var node))
        {
            order.Remove(node);
        }
    }
}
