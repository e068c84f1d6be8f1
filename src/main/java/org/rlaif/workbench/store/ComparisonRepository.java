package org.rlaif.workbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;

/** Pairs in the project. Pairs are immutable once stored: their identity is their content. */
public final class ComparisonRepository {
    public static final String COLUMNS = "id, pair_key, task, context, response_a, response_b, source, source_id, split, metadata";

    /** Result of {@link #insertIfAbsent}: the pair's id and whether this call created it. */
    public record Stored(long id, boolean created) {
    }

    public Stored insertIfAbsent(Connection c, Comparison pair) throws SQLException {
        OptionalLong existing = idOf(c, pair.pairKey());
        if (existing.isPresent()) {
            return new Stored(existing.getAsLong(), false);
        }
        return new Stored(insert(c, pair), true);
    }

    /** Inserts a pair known to be new; fails on a duplicate key. */
    public long insert(Connection c, Comparison pair) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO comparison (pair_key, task, context, response_a, response_b, source, source_id, split,"
                        + " metadata, len_a, len_b) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            bindInsert(ps, pair);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * A reusable insert for bulk imports, with the id given by the caller: a bulk writer that holds the write lock
     * numbers new pairs itself ({@link #maxId} + 1, …), which saves a result set per row. A pair whose key is already
     * stored is skipped: {@code executeUpdate} returns 0.
     */
    public PreparedStatement prepareBulkInsert(Connection c) throws SQLException {
        return c.prepareStatement(
                "INSERT INTO comparison (pair_key, task, context, response_a, response_b, source, source_id, split,"
                        + " metadata, len_a, len_b, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (pair_key) DO NOTHING");
    }

    /** Binds {@code pair} with the given id into {@link #prepareBulkInsert}'s statement. */
    public void bindInsert(PreparedStatement ps, Comparison pair, long id) throws SQLException {
        bindRow(ps, 0, pair, id);
    }

    private static final int INSERT_COLUMNS = 12;

    /**
     * One INSERT of {@code rows} new pairs with caller-given ids: a bulk import writes 64 pairs per statement, since
     * the driver's cost per statement is as large as SQLite's cost per row. There is no conflict clause: when any
     * of the pairs is already stored the statement fails as a whole (and SQLite undoes just that statement), and the
     * caller stores those rows one by one instead.
     */
    public PreparedStatement prepareRowsInsert(Connection c, int rows) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO comparison (pair_key, task, context, response_a, response_b,"
                + " source, source_id, split, metadata, len_a, len_b, id) VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        return c.prepareStatement(sql.toString());
    }

    /** Binds {@code pair} as row {@code row} (0-based) of {@link #prepareRowsInsert}'s statement. */
    public void bindRow(PreparedStatement ps, int row, Comparison pair, long id) throws SQLException {
        int at = row * INSERT_COLUMNS;
        bindColumns(ps, at, pair);
        ps.setLong(at + 12, id);
    }

    public long maxId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(id), 0) FROM comparison");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void bindInsert(PreparedStatement ps, Comparison pair) throws SQLException {
        bindColumns(ps, 0, pair);
    }

    private static void bindColumns(PreparedStatement ps, int at, Comparison pair) throws SQLException {
        ps.setString(at + 1, pair.pairKey());
        ps.setString(at + 2, pair.task().key());
        ps.setString(at + 3, pair.context());
        ps.setString(at + 4, pair.responseA());
        ps.setString(at + 5, pair.responseB());
        ps.setString(at + 6, pair.source());
        ps.setString(at + 7, pair.sourceId());
        ps.setString(at + 8, pair.split().key());
        ps.setString(at + 9, pair.metadataJson());
        ps.setInt(at + 10, pair.responseA().codePointCount(0, pair.responseA().length()));
        ps.setInt(at + 11, pair.responseB().codePointCount(0, pair.responseB().length()));
    }

    public OptionalLong idOf(Connection c, String pairKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM comparison WHERE pair_key = ?")) {
            ps.setString(1, pairKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    public Optional<Comparison> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM comparison WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /**
     * The pairs with these ids that exist, by id, in one statement: the ids go in as one JSON array parameter, so
     * a chunk of pairs costs one execution (the driver fetches column names anew for each) and columns are read
     * by position.
     */
    public Map<Long, Comparison> findAll(Connection c, long[] ids) throws SQLException {
        Map<Long, Comparison> out = new HashMap<>(ids.length * 2);
        if (ids.length == 0) {
            return out;
        }
        StringBuilder json = new StringBuilder(ids.length * 8).append('[');
        for (int i = 0; i < ids.length; i++) {
            json.append(i == 0 ? "" : ",").append(ids[i]);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM comparison"
                + " WHERE id IN (SELECT value FROM json_each(?))")) {
            ps.setString(1, json.append(']').toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), new Comparison(rs.getLong(1), rs.getString(2), Task.parse(rs.getString(3)),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getString(8), Split.parse(rs.getString(9)), rs.getString(10)));
                }
            }
        }
        return out;
    }

    /** Pairs in id order, {@code limit} at a time after {@code afterId} (keyset paging: no OFFSET scans). */
    public List<Comparison> page(Connection c, long afterId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM comparison WHERE id > ? ORDER BY id LIMIT ?")) {
            ps.setLong(1, afterId);
            ps.setInt(2, limit);
            List<Comparison> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
            return out;
        }
    }

    /** How many splits (train, test) the pairs fall in: 2 when the project has a train/test split of its own. */
    public int splitCount(Connection c) throws SQLException {
        // evaluation pairs (policies' outputs put head to head) are not the project's data: they must not turn a
        // train-only project into one with a split of its own
        try (PreparedStatement ps = c.prepareStatement("SELECT count(DISTINCT split) FROM comparison WHERE source <> ?")) {
            ps.setString(1, Comparison.POLICY_EVAL_SOURCE);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    public long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM comparison");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    public static Comparison map(ResultSet rs) throws SQLException {
        return new Comparison(rs.getLong("id"), rs.getString("pair_key"), Task.parse(rs.getString("task")),
                rs.getString("context"), rs.getString("response_a"), rs.getString("response_b"),
                rs.getString("source"), rs.getString("source_id"), Split.parse(rs.getString("split")),
                rs.getString("metadata"));
    }
}
