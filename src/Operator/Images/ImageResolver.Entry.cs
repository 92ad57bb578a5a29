using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Objects;
using Kueueleuleu.Operator.Planning.Images;

namespace Kueueleuleu.Operator.Images;

internal sealed partial class ImageResolver
{
    /// <summary>One image, platform and credential scope: its last result, whether a lookup runs, who waits for it.</summary>
    private sealed class Entry(ImageKey key, string ns, JsonObject? podSpec)
    {
        private readonly object gate = new();
        private readonly HashSet<ObjectKey> waiting = [];
        private ImageLookupState state = new ImageLookupState.Pending();
        private bool running;
        private DateTimeOffset resolvedAt;
        private DateTimeOffset retryAt;
        private TimeSpan backoff;

        public ImageKey Key { get; } = key;

        public string Namespace { get; } = ns;

        public JsonObject? PodSpec { get; } = podSpec?.DeepClone().AsObject();

        public DateTimeOffset Touched { get; private set; }

        public bool Idle
        {
            get
            {
                lock (gate)
                {
                    return !running && waiting.Count == 0;
                }
            }
        }

        /// <summary>The state to plan with; starts a lookup when there is none, the result is stale, or a retry is due.</summary>
        public ImageLookupState StateFor(ObjectKey owner, ImageResolver resolver)
        {
            var now = resolver.time.GetUtcNow();
            bool start;
            ImageLookupState current;
            lock (gate)
            {
                Touched = now;
                var stale = state is ImageLookupState.Resolved && now - resolvedAt > Fresh;
                var due = state is ImageLookupState.Failed && now >= retryAt;
                if (stale)
                {
                    state = new ImageLookupState.Pending();
                }

                start = !running && (state is ImageLookupState.Pending || due);
                running |= start;
                if (state is not ImageLookupState.Resolved)
                {
                    waiting.Add(owner);
                }

                current = state is ImageLookupState.Failed failed ? failed with { RetryIn = retryAt > now ? retryAt - now : TimeSpan.Zero } : state;
            }

            if (start)
            {
                _ = Task.Run(() => resolver.LookUpAsync(this));
            }

            return current;
        }

        /// <summary>Records a result and returns who waited for it; a failure schedules the next try by itself.</summary>
        public IReadOnlyList<ObjectKey> Finish(ImageLookupState result, ImageResolver resolver)
        {
            var now = resolver.time.GetUtcNow();
            IReadOnlyList<ObjectKey> owners;
            lock (gate)
            {
                running = false;
                owners = [.. waiting];
                if (result is ImageLookupState.Resolved)
                {
                    (state, resolvedAt, backoff) = (result, now, TimeSpan.Zero);
                    waiting.Clear();
                    return owners;
                }

                backoff = backoff == TimeSpan.Zero ? FirstRetry : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, LongestRetry.Ticks));
                retryAt = now + backoff;
                state = result;
            }

            // Waiting SequentialJobs are woken when the retry is due, which starts it (StateFor).
            _ = Task.Delay(backoff, resolver.time).ContinueWith(_ => RetryDue(resolver), TaskScheduler.Default);
            return owners;
        }

        private void RetryDue(ImageResolver resolver)
        {
            IReadOnlyList<ObjectKey> owners;
            lock (gate)
            {
                // Those still waiting ask again when woken (StateFor adds them back); a deleted one never does.
                owners = [.. waiting];
                waiting.Clear();
            }

            foreach (var owner in owners)
            {
                resolver.wake(owner);
            }
        }
    }
}
