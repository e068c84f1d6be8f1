package org.rlaif.workbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Full-text search over contexts and responses (SQLite FTS5).
 *
 * <p>Pairs are immutable and their ids only grow, so the index is filled in bulk for the rows past a watermark
 * ({@code fts_indexed_upto}) instead of by a trigger on every insert: an import stays a plain table insert, and
 * the index catches up in one statement afterwards (in the same transaction, so it can never lag behind what
 * was committed).
 */
public final class SearchIndex {
    static final String WATERMARK = "fts_indexed_upto";
    private final ProjectMeta meta = new ProjectMeta();

    /** True when some pair is not indexed yet (a cheap check; {@link #catchUp} then has work to do). */
    public boolean isBehind(Connection c) throws SQLException {
        long upto = meta.get(c, WATERMARK).map(Long::parseLong).orElse(0L);
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(id), 0) FROM comparison");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) > upto;
        }
    }

    /** Indexes every pair past the watermark; returns how many it added. */
    public long catchUp(Connection c) throws SQLException {
        long upto = meta.get(c, WATERMARK).map(Long::parseLong).orElse(0L);
        long maxId;
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(id), 0) FROM comparison");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            maxId = rs.getLong(1);
        }
        if (maxId <= upto) {
            return 0;
        }
        int added;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO comparison_fts (rowid, context, response_a, response_b)"
                + " SELECT id, context, response_a, response_b FROM comparison WHERE id > ? AND id <= ? ORDER BY id")) {
            ps.setLong(1, upto);
            ps.setLong(2, maxId);
            added = ps.executeUpdate();
        }
        meta.put(c, WATERMARK, Long.toString(maxId));
        return added;
    }

    /** Pair ids matching {@code query}, best match first. */
    public List<Long> search(Connection c, String query, int limit) throws SQLException {
        String match = toMatchExpression(query);
        if (match.isEmpty()) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT rowid FROM comparison_fts WHERE comparison_fts MATCH ? ORDER BY bm25(comparison_fts) LIMIT ?")) {
            ps.setString(1, match);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** How many pairs match {@code query}. */
    public long count(Connection c, String query) throws SQLException {
        String match = toMatchExpression(query);
        if (match.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM comparison_fts WHERE comparison_fts MATCH ?")) {
            ps.setString(1, match);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Turns what a user typed into an FTS5 expression: every word must occur, a "quoted phrase" stays a phrase and
     * a trailing {@code *} is a prefix. Everything else is quoted, so no input is an FTS syntax error.
     */
    static String toMatchExpression(String userQuery) {
        List<String> terms = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inPhrase = false;
        for (int i = 0; i < userQuery.length(); i++) {
            char ch = userQuery.charAt(i);
            if (ch == '"') {
                flush(word, terms);
                inPhrase = !inPhrase;
            } else if (Character.isWhitespace(ch) && !inPhrase) {
                flush(word, terms);
            } else {
                word.append(ch);
            }
        }
        flush(word, terms);
        return String.join(" ", terms);
    }

    private static void flush(StringBuilder word, List<String> terms) {
        String w = word.toString().strip();
        word.setLength(0);
        if (w.isEmpty()) {
            return;
        }
        boolean prefix = w.endsWith("*") && w.length() > 1;
        String body = prefix ? w.substring(0, w.length() - 1) : w;
        terms.add('"' + body.replace("\"", "\"\"") + '"' + (prefix ? "*" : ""));
    }
}
