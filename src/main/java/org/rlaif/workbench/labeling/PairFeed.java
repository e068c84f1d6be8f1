package org.rlaif.workbench.labeling;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.store.ProjectStore;

/**
 * Hands a run's queries to its workers in plan order, each with its pair. The pairs are read a chunk at a time (one
 * read transaction and one prepared statement per chunk, not per query), and the next chunk is read by whichever
 * worker sees the queue run low, while the others keep taking what is left: workers neither queue for the few read
 * connections nor wait for a chunk to load.
 */
final class PairFeed {
    /** A query to send, with the pair it asks about. */
    record Item(SlotQuery query, Comparison pair) {
    }

    static final int CHUNK = 256;
    private static final int LOW_WATER = CHUNK / 2;

    private final ProjectStore store;
    private final List<SlotQuery> queries;
    private final ConcurrentLinkedQueue<Item> ready = new ConcurrentLinkedQueue<>();
    private final AtomicInteger readyCount = new AtomicInteger();
    private final ReentrantLock loading = new ReentrantLock();
    private int next; // guarded by loading

    PairFeed(ProjectStore store, List<SlotQuery> queries) {
        this.store = Objects.requireNonNull(store, "store");
        this.queries = Objects.requireNonNull(queries, "queries");
    }

    /** The next query with its pair, or null when every query has been handed out. */
    Item next() {
        while (true) {
            Item item = ready.poll();
            if (item != null) {
                if (readyCount.decrementAndGet() < LOW_WATER && loading.tryLock()) {
                    try {
                        loadNextChunk();
                    } finally {
                        loading.unlock();
                    }
                }
                return item;
            }
            loading.lock(); // nothing ready: load it, or wait for the worker that is loading it
            try {
                if (ready.isEmpty() && !loadNextChunk()) {
                    return null;
                }
            } finally {
                loading.unlock();
            }
        }
    }

    /** Reads the next chunk into the queue; false when there is none left. Called holding {@link #loading}. */
    private boolean loadNextChunk() {
        if (next >= queries.size()) {
            return false;
        }
        List<SlotQuery> chunk = queries.subList(next, Math.min(queries.size(), next + CHUNK));
        long[] ids = chunk.stream().mapToLong(SlotQuery::comparisonId).distinct().toArray();
        Map<Long, Comparison> pairs = store.read(c -> store.comparisons().findAll(c, ids));
        for (SlotQuery q : chunk) {
            Comparison pair = pairs.get(q.comparisonId());
            if (pair == null) {
                throw new IllegalStateException("pair #" + q.comparisonId() + " is no longer in the project");
            }
            ready.add(new Item(q, pair));
        }
        readyCount.addAndGet(chunk.size());
        next += chunk.size();
        return true;
    }
}
