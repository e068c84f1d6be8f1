package org.rlaif.workbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;

/**
 * Pair listings for the window: a {@link PairFilter} compiled to one prepared statement over {@code pair_summary}
 * (see migration V2), counted, paged by keyset, and turned into table rows a page at a time.
 *
 * <p>Callers keep the summaries current with {@link PairSummaries#catchUp} first.
 */
public final class PairQuery {
    private static final int PREVIEW_CHARS = 240;

    /**
     * Whether {@link #count} answers this filter from the count tables (at once) rather than by a scan: any filter
     * on task, split, source, status, adjudication and one labeler's verdict does; confidence and text do not.
     */
    public static boolean countsAtOnce(PairFilter filter) {
        return !filter.restrictsConfidence() && !filter.hasText();
    }

    /** How many pairs a listing in {@code order} holds: in dispute order only the A-versus-B pairs are listed. */
    public long count(Connection c, PairFilter filter, PairOrder order) throws SQLException {
        if (order == PairOrder.ID) {
            return count(c, filter);
        }
        Compiled w = where(filter);
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + w.from + " WHERE " + w.sql
                + " AND s.dispute IS NOT NULL")) {
            w.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** How many pairs pass the filter. */
    public long count(Connection c, PairFilter filter) throws SQLException {
        if (!countsAtOnce(filter)) {
            Compiled w = where(filter);
            return scalar(c, "SELECT count(*) FROM " + w.from + " WHERE " + w.sql, w.params);
        }
        // the count tables have the summary's column names, so the same WHERE clause applies to them
        Compiled rest = where(filter.withLabeler(null));
        PairFilter.LabelerCondition l = filter.labeler();
        if (l == null) {
            return scalar(c, "SELECT coalesce(sum(s.pairs), 0) FROM pair_count s WHERE " + rest.sql, rest.params);
        }
        List<Object> params = new ArrayList<>(List.of(l.labelerId()));
        String verdict = "";
        if (l.mode().choice() != null) {
            verdict = " AND s.verdict = ?";
            params.add(VerdictList.code(l.mode().choice()));
        }
        params.addAll(rest.params);
        long withVerdict = scalar(c, "SELECT coalesce(sum(s.pairs), 0) FROM pair_verdict_count s"
                + " WHERE s.labeler_id = ?" + verdict + " AND " + rest.sql, params);
        return l.mode() == PairFilter.LabelerCondition.Mode.NOT_LABELED
                ? scalar(c, "SELECT coalesce(sum(s.pairs), 0) FROM pair_count s WHERE " + rest.sql, rest.params)
                - withVerdict
                : withVerdict;
    }

    /**
     * How many pairs a listing in {@code order} holds, counting no further than {@code limit}: as cheap as reading
     * that many matches, so the first answer to a scanning filter can say "all of them" or "more than a window".
     */
    public long countUpTo(Connection c, PairFilter filter, PairOrder order, long limit) throws SQLException {
        Compiled w = where(filter);
        List<Object> params = new ArrayList<>(w.params);
        params.add(limit);
        return scalar(c, "SELECT count(*) FROM (SELECT 1 FROM " + w.from + " WHERE " + w.sql
                + (order == PairOrder.DISPUTE ? " AND s.dispute IS NOT NULL" : "") + " LIMIT ?)", params);
    }

    private static long scalar(Connection c, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (Object o : params) {
                ps.setObject(i++, o);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Up to {@code limit} pairs in {@code order}, starting {@code skip} rows after {@code after} (null: from the
     * top). With {@code skip = 0} this is pure keyset paging; a skip lets a caller jump from the nearest page it
     * knows.
     */
    public List<PairCursor> page(Connection c, PairFilter filter, PairOrder order, PairCursor after, long skip,
                                 int limit) throws SQLException {
        Compiled w = where(filter);
        StringBuilder sql = new StringBuilder("SELECT s.comparison_id, s.dispute, s.dispute_weight FROM ")
                .append(w.from).append(" WHERE ").append(w.sql);
        if (order == PairOrder.DISPUTE) {
            sql.append(" AND s.dispute IS NOT NULL");
        }
        List<Object> extra = new ArrayList<>();
        if (after != null) {
            sql.append(" AND ").append(after(order, after, extra, w.id));
        }
        sql.append(order == PairOrder.ID ? " ORDER BY " + w.id
                : " ORDER BY s.dispute DESC, s.dispute_weight DESC, s.comparison_id");
        sql.append(" LIMIT ? OFFSET ?");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = w.bind(ps, 1);
            for (Object o : extra) {
                ps.setObject(i++, o);
            }
            ps.setInt(i++, limit);
            ps.setLong(i, skip);
            List<PairCursor> out = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PairCursor(Rows.nullableDouble(rs, "dispute"), Rows.nullableDouble(rs, "dispute_weight"),
                            rs.getLong(1)));
                }
            }
            return out;
        }
    }

    /**
     * The pair next to {@code pairId} in the listing (forward: the one after it), or empty at an end. Works for a
     * pair that the filter no longer admits too (it was just relabeled): its neighbours are found by its sort key.
     */
    public java.util.Optional<Long> neighbour(Connection c, PairFilter filter, PairOrder order, long pairId,
                                              boolean forward) throws SQLException {
        PairCursor at = cursorOf(c, pairId);
        if (at == null || (order == PairOrder.DISPUTE && at.dispute() == null)) {
            // not in a dispute listing any more: continue from the top of it
            List<PairCursor> first = forward ? page(c, filter, order, null, 0, 1) : List.of();
            return first.stream().map(PairCursor::id).filter(id -> id != pairId).findFirst();
        }
        if (forward) {
            return page(c, filter, order, at, 0, 1).stream().map(PairCursor::id).findFirst();
        }
        Compiled w = where(filter);
        List<Object> extra = new ArrayList<>();
        String before;
        if (order == PairOrder.ID) {
            before = w.id + " < ? ORDER BY " + w.id + " DESC";
            extra.add(pairId);
        } else {
            before = "s.dispute IS NOT NULL AND (s.dispute > ? OR (s.dispute = ? AND (s.dispute_weight > ?"
                    + " OR (s.dispute_weight = ? AND s.comparison_id < ?))))"
                    + " ORDER BY s.dispute ASC, s.dispute_weight ASC, s.comparison_id DESC";
            extra.addAll(List.of(at.dispute(), at.dispute(), at.weight(), at.weight(), pairId));
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT s.comparison_id FROM " + w.from + " WHERE " + w.sql
                + " AND " + before + " LIMIT 1")) {
            int i = w.bind(ps, 1);
            for (Object o : extra) {
                ps.setObject(i++, o);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.of(rs.getLong(1)) : java.util.Optional.empty();
            }
        }
    }

    /** 1-based place of {@code pairId} in the listing, or 0 when the filter does not admit it. */
    public long position(Connection c, PairFilter filter, PairOrder order, long pairId) throws SQLException {
        PairCursor at = cursorOf(c, pairId);
        if (at == null || (order == PairOrder.DISPUTE && at.dispute() == null)) {
            return 0;
        }
        Compiled w = where(filter);
        String sql = "SELECT (SELECT count(*) FROM " + w.from + " WHERE " + w.sql + " AND s.comparison_id = ?),"
                + " (SELECT count(*) FROM " + w.from + " WHERE " + w.sql + " AND "
                + (order == PairOrder.ID ? w.id + " < ?"
                : "s.dispute IS NOT NULL AND (s.dispute > ? OR (s.dispute = ? AND (s.dispute_weight > ?"
                + " OR (s.dispute_weight = ? AND s.comparison_id < ?))))") + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = w.bind(ps, 1);
            ps.setLong(i++, pairId);
            i = w.bind(ps, i);
            if (order == PairOrder.DISPUTE) {
                ps.setDouble(i++, at.dispute());
                ps.setDouble(i++, at.dispute());
                ps.setDouble(i++, at.weight());
                ps.setDouble(i++, at.weight());
            }
            ps.setLong(i, pairId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 0 ? 0 : rs.getLong(2) + 1;
            }
        }
    }

    private static PairCursor cursorOf(Connection c, long pairId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT dispute, dispute_weight FROM pair_summary WHERE comparison_id = ?")) {
            ps.setLong(1, pairId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new PairCursor(Rows.nullableDouble(rs, "dispute"), Rows.nullableDouble(rs, "dispute_weight"),
                        pairId);
            }
        }
    }

    private static String after(PairOrder order, PairCursor cursor, List<Object> params, String idColumn) {
        if (order == PairOrder.ID) {
            params.add(cursor.id());
            return idColumn + " > ?";
        }
        if (cursor.dispute() == null) {
            throw new IllegalArgumentException("a cursor in dispute order needs the row's dispute score");
        }
        params.addAll(List.of(cursor.dispute(), cursor.dispute(), cursor.weight(), cursor.weight(), cursor.id()));
        return "(s.dispute < ? OR (s.dispute = ? AND (s.dispute_weight < ? OR (s.dispute_weight = ?"
                + " AND s.comparison_id > ?))))";
    }

    /** Table rows for {@code ids}, in that order (ids that do not exist are left out). */
    public List<PairRow> rows(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        String idArray = jsonArray(ids);
        Map<Long, Choice> adjudications = adjudications(c, idArray);
        Map<Long, PairRow> byId = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT c.id, c.task, c.split, c.source,"
                + " substr(c.context, 1, ?), substr(c.response_a, 1, ?), substr(c.response_b, 1, ?), c.len_a, c.len_b,"
                + " s.status, s.confidence, s.dispute, s.verdicts"
                + " FROM comparison c JOIN pair_summary s ON s.comparison_id = c.id"
                + " WHERE c.id IN (SELECT value FROM json_each(?))")) {
            ps.setInt(1, PREVIEW_CHARS);
            ps.setInt(2, PREVIEW_CHARS);
            ps.setInt(3, PREVIEW_CHARS);
            ps.setString(4, idArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    byId.put(id, new PairRow(id, Task.parse(rs.getString(2)), Split.parse(rs.getString(3)),
                            rs.getString(4), preview(rs.getString(5)), preview(rs.getString(6)),
                            preview(rs.getString(7)), rs.getInt(8), rs.getInt(9),
                            AgreementStatus.parse(rs.getString(10)), Rows.nullableDouble(rs, "confidence"),
                            Rows.nullableDouble(rs, "dispute"), VerdictList.parse(rs.getString(13)),
                            adjudications.get(id)));
                }
            }
        }
        List<PairRow> out = new ArrayList<>(ids.size());
        for (Long id : ids) {
            PairRow r = byId.get(id);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    private static Map<Long, Choice> adjudications(Connection c, String idArray) throws SQLException {
        Map<Long, Choice> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT comparison_id, choice FROM current_adjudication"
                + " WHERE comparison_id IN (SELECT value FROM json_each(?)) ORDER BY id")) {
            ps.setString(1, idArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), Choice.valueOf(rs.getString(2)));
                }
            }
        }
        return out;
    }

    /** Pairs, disputed pairs, adjudicated pairs and the labelers, for the status line. */
    public ProjectOverview overview(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(pairs), 0),"
                + " coalesce(sum(CASE WHEN status = 'disputed' THEN pairs END), 0),"
                + " coalesce(sum(CASE WHEN adjudicated = 1 THEN pairs END), 0) FROM pair_count");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new ProjectOverview(rs.getLong(1), rs.getLong(2), rs.getLong(3), new LabelerRepository().list(c));
        }
    }

    /** Distinct sources, with their pair counts, for the filter bar. */
    public Map<String, Long> sources(Connection c) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT source, sum(pairs) FROM pair_count GROUP BY source ORDER BY source");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private static String preview(String text) {
        if (text == null) {
            return "";
        }
        // one line in a table cell: runs of whitespace (dialogue turns, paragraphs) become single spaces
        return text.replaceAll("\\s+", " ").strip();
    }

    private static String jsonArray(List<Long> ids) {
        StringJoiner j = new StringJoiner(",", "[", "]");
        for (Long id : ids) {
            j.add(Long.toString(id));
        }
        return j.toString();
    }

    /** The WHERE clause of a filter and the values it binds, in order. */
    static Compiled where(PairFilter f) {
        List<String> terms = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        String from = "pair_summary s";
        String id = "s.comparison_id";
        in(terms, params, "s.task", f.tasks().stream().map(Task::key).sorted().toList());
        in(terms, params, "s.split", f.splits().stream().map(Split::key).sorted().toList());
        in(terms, params, "s.source", f.sources().stream().sorted().toList());
        in(terms, params, "s.status", f.statuses().stream().map(AgreementStatus::key).sorted().toList());
        if (f.restrictsConfidence()) {
            terms.add("s.confidence BETWEEN ? AND ?");
            params.add(f.minConfidence());
            params.add(f.maxConfidence());
        }
        if (f.adjudicated() != null) {
            terms.add("s.adjudicated = ?");
            params.add(f.adjudicated() ? 1 : 0);
        }
        if (f.labeler() != null) {
            PairFilter.LabelerCondition l = f.labeler();
            boolean absent = l.mode() == PairFilter.LabelerCondition.Mode.NOT_LABELED;
            terms.add("instr(s.verdicts, ?) " + (absent ? "= 0" : "> 0"));
            params.add(VerdictList.needle(l.labelerId(), l.mode().choice()));
        }
        if (f.hasText()) {
            String match = SearchIndex.toMatchExpression(f.text());
            if (!match.isEmpty()) {
                // the index drives: its matches come in rowid order, so a page in id order reads a page of them,
                // where "comparison_id IN (matches)" first collected every match (tens of milliseconds for a
                // common word at a million pairs) before taking the first hundred
                terms.add("comparison_fts MATCH ?");
                params.add(match);
                from = "comparison_fts f JOIN pair_summary s ON s.comparison_id = f.rowid";
                id = "f.rowid";
            }
        }
        return new Compiled(from, id, terms.isEmpty() ? "1" : String.join(" AND ", terms), params);
    }

    private static void in(List<String> terms, List<Object> params, String column, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        terms.add(column + (values.size() == 1 ? " = ?" : " IN (" + "?, ".repeat(values.size() - 1) + "?)"));
        params.addAll(values);
    }

    /**
     * A compiled filter: the tables to read ({@code s} is pair_summary, joined to the search index {@code f} when
     * the filter has text), the column that orders by pair id (the index's rowid when it drives), the WHERE clause
     * and the values it binds, in order.
     */
    record Compiled(String from, String id, String sql, List<Object> params) {
        int bind(PreparedStatement ps, int first) throws SQLException {
            int i = first;
            for (Object o : params) {
                ps.setObject(i++, o);
            }
            return i;
        }
    }
}
