package org.rlaif.workbench.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Random access to the pages of one listing (a filter in an order) without loading the listing: each page read
 * remembers where it ended, so the next page is a keyset step and a jump starts from the nearest page already
 * read (an OFFSET over the few rows in between, not over the whole listing). Safe to use from several threads.
 */
public final class PairPager {
    private final PairQuery query;
    private final PairFilter filter;
    private final PairOrder order;
    private final int pageSize;
    private final ConcurrentSkipListMap<Integer, PairCursor> lastOfPage = new ConcurrentSkipListMap<>();

    public PairPager(PairQuery query, PairFilter filter, PairOrder order, int pageSize) {
        if (pageSize <= 0) {
            throw new IllegalArgumentException("page size must be positive, got " + pageSize);
        }
        this.query = query;
        this.filter = filter;
        this.order = order;
        this.pageSize = pageSize;
    }

    public PairFilter filter() {
        return filter;
    }

    public PairOrder order() {
        return order;
    }

    public int pageSize() {
        return pageSize;
    }

    /** The ids (with sort keys) of page {@code index} (0-based); fewer than a page at the end, none past it. */
    public List<PairCursor> cursors(Connection c, int index) throws SQLException {
        Map.Entry<Integer, PairCursor> anchor = lastOfPage.lowerEntry(index);
        PairCursor after = anchor == null ? null : anchor.getValue();
        long skip = (long) (index - (anchor == null ? 0 : anchor.getKey() + 1)) * pageSize;
        List<PairCursor> cursors = query.page(c, filter, order, after, skip, pageSize);
        if (!cursors.isEmpty()) {
            lastOfPage.put(index, cursors.get(cursors.size() - 1));
        }
        return cursors;
    }

    /** The table rows of page {@code index}. */
    public List<PairRow> rows(Connection c, int index) throws SQLException {
        return query.rows(c, cursors(c, index).stream().map(PairCursor::id).toList());
    }
}
