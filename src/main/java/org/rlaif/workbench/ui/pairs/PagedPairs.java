package org.rlaif.workbench.ui.pairs;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.collections.ObservableListBase;
import org.rlaif.workbench.store.PairRow;
import org.rlaif.workbench.ui.common.JobExecutor;
import org.rlaif.workbench.ui.common.JobHandle;

/**
 * The items of the pairs table: a list as long as the listing that holds only the pages someone looked at.
 *
 * <p>The table asks for the rows it shows; a row on a page not read yet comes back empty and its page is read in
 * the background, most recently wanted first (a fast scroll skips the pages it flew past). At most
 * {@code maxPages} pages are kept; the least recently used go. A new filter or new labels make a new list; the
 * one change of size a list goes through is {@link #settleSize}, when a listing shown before it was fully counted
 * gets its count.
 */
public final class PagedPairs extends ObservableListBase<PairItem> {
    /** Reads one page off the JavaFX thread. */
    @FunctionalInterface
    public interface PageLoader {
        List<PairRow> load(int page) throws Exception;
    }

    private static final int WANTED_LIMIT = 3;

    private int size;
    private final int pageSize;
    private final JobExecutor jobs;
    private final PageLoader loader;
    private final Map<Integer, PairItem[]> pages;
    private final Set<Integer> loaded = new HashSet<>();
    private final Deque<Integer> wanted = new ArrayDeque<>();
    private JobHandle loading;
    private boolean inFlight;
    private boolean disposed;
    private long pagesRead;

    public PagedPairs(int size, int pageSize, int maxPages, JobExecutor jobs, PageLoader loader) {
        if (size < 0 || pageSize <= 0 || maxPages <= 0) {
            throw new IllegalArgumentException("bad paging: size " + size + ", page " + pageSize + ", pages " + maxPages);
        }
        this.size = size;
        this.pageSize = pageSize;
        this.jobs = jobs;
        this.loader = loader;
        this.pages = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, PairItem[]> eldest) {
                if (size() > maxPages) {
                    loaded.remove(eldest.getKey());
                    return true;
                }
                return false;
            }
        };
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public PairItem get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size);
        }
        int page = index / pageSize;
        PairItem[] items = itemsOf(page);
        if (!loaded.contains(page)) {
            want(page);
        }
        return items[index % pageSize];
    }

    /**
     * Gives the list its exact length, once counted: it was shown with a provisional one (the rows counted so far).
     * Pages already read stay; the page the old end fell in is read again if it is wanted, since it may hold more rows
     * now. Listeners hear of the rows added or removed at the end.
     */
    public void settleSize(int exact) {
        if (exact < 0) {
            throw new IllegalArgumentException("size " + exact);
        }
        int old = size;
        if (exact == old) {
            return;
        }
        size = exact;
        int lastWhole = Math.min(old, exact) / pageSize;
        pages.keySet().removeIf(p -> p >= lastWhole && (p + 1) * pageSize > Math.min(old, exact));
        loaded.retainAll(pages.keySet());
        beginChange();
        if (exact > old) {
            nextAdd(old, exact);
        } else {
            nextRemove(exact, Collections.nCopies(old - exact, (PairItem) null));
        }
        endChange();
    }

    /** Puts rows already read (the first page comes with the count) without reading them again. */
    public void fill(int page, List<PairRow> rows) {
        PairItem[] items = itemsOf(page);
        for (int i = 0; i < items.length && i < rows.size(); i++) {
            items[i].fill(rows.get(i));
        }
        loaded.add(page);
    }

    /**
     * The pages read most recently, newest first, at most {@code n}: those the table showed last. A new list of the
     * same listing (new labels arrived) reads them with its first page, so the rows on screen never blank out.
     */
    public List<Integer> recentPages(int n) {
        List<Integer> all = new java.util.ArrayList<>();
        for (Integer page : pages.keySet()) { // access order: least recently used first
            if (loaded.contains(page)) {
                all.add(page);
            }
        }
        Collections.reverse(all);
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }

    /** The row at {@code index} if its page is in memory, without asking for it. */
    public PairRow peek(int index) {
        PairItem[] items = pages.get(index / pageSize);
        return items == null ? null : items[index % pageSize].row();
    }

    /** Stops reading pages (the list is being replaced). */
    public void dispose() {
        disposed = true;
        wanted.clear();
        if (loading != null) {
            loading.cancel();
        }
    }

    /** How many pages were read from the project (for tests and the benchmark). */
    public long pagesRead() {
        return pagesRead;
    }

    public int pagesHeld() {
        return pages.size();
    }

    private PairItem[] itemsOf(int page) {
        PairItem[] items = pages.get(page);
        if (items == null) {
            int n = Math.min(pageSize, size - page * pageSize);
            items = new PairItem[n];
            for (int i = 0; i < n; i++) {
                items[i] = new PairItem(page * pageSize + i);
            }
            pages.put(page, items);
        }
        return items;
    }

    private void want(int page) {
        if (wanted.peekFirst() != null && wanted.peekFirst() == page) {
            return;
        }
        wanted.remove(page);
        wanted.addFirst(page);
        while (wanted.size() > WANTED_LIMIT) {
            wanted.removeLast();
        }
        pump();
    }

    private void pump() {
        if (disposed || inFlight) {
            return;
        }
        Integer next = null;
        while (!wanted.isEmpty()) {
            Integer p = wanted.pollFirst();
            if (pages.containsKey(p) && !loaded.contains(p)) {
                next = p;
                break;
            }
        }
        if (next == null) {
            return;
        }
        int page = next;
        // in flight before submit, which may run the job at once (DirectJobExecutor) and call back into pump
        inFlight = true;
        JobHandle h = jobs.submit("Loading pairs", ctx -> loader.load(page), rows -> {
            inFlight = false;
            pagesRead++;
            if (!disposed && pages.containsKey(page)) {
                fill(page, rows);
            }
            pump();
        }, e -> {
            inFlight = false;
            pump();
        });
        if (inFlight) {
            loading = h;
        }
    }
}
