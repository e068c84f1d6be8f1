package org.rlaif.workbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs per labeler verdict and per summary group (task, split, source, status, adjudicated), added up from
 * {@code pair_summary} rows and applied to {@code pair_verdict_count} (migration V3) as a change.
 *
 * <p>Done here rather than in SQL because the verdicts sit in one text column per pair ({@code ",7:A:0.830:1,…"}):
 * splitting it in SQL (json_each, or an instr per labeler and verdict) and grouping the result took ten times as
 * long as reading the rows once and counting in a map.
 */
final class VerdictCounts {
    /** Separates the group's columns in the one text the query returns for them (sources are free text). */
    private static final char SEP = 31;
    private static final String GROUP = "s.task || char(31) || s.split || char(31) || s.source || char(31) || s.status"
            + " || char(31) || s.adjudicated";

    private final Map<String, Integer> groupIndex = new HashMap<>();
    private final List<String> groups = new ArrayList<>();
    /** Key: group index, labeler id and verdict packed in a long; value: pairs. */
    private final Map<Long, long[]> counts = new HashMap<>();

    /** Counts the verdicts of the pairs {@code where} selects ({@code s} is pair_summary), binding {@code params}. */
    static VerdictCounts of(Connection c, String where, long... params) throws SQLException {
        VerdictCounts v = new VerdictCounts();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + GROUP + ", s.verdicts FROM pair_summary s WHERE ("
                + where + ") AND s.verdicts <> ','")) {
            for (int i = 0; i < params.length; i++) {
                ps.setLong(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    v.add(rs.getString(1), rs.getString(2));
                }
            }
        }
        return v;
    }

    private void add(String group, String list) {
        int g = groupIndex.computeIfAbsent(group, k -> {
            groups.add(k);
            return groups.size() - 1;
        });
        // every entry starts after a comma; its labeler id ends at the first colon, its verdict is the next letter
        for (int at = 1; at < list.length(); ) {
            int colon = list.indexOf(':', at);
            int next = list.indexOf(',', at);
            if (colon < 0 || next < 0 || colon > next || colon + 1 >= next) {
                throw new StoreException("malformed verdict list '" + list + "' in pair_summary");
            }
            long labeler = Long.parseLong(list, at, colon, 10);
            char verdict = list.charAt(colon + 1);
            counts.computeIfAbsent(((long) g << 40) | (labeler << 8) | verdict, k -> new long[1])[0]++;
            at = next + 1;
        }
    }

    /** Adds ({@code sign} = +1) or takes away (-1) these counts; rows that reach zero go. */
    void applyTo(Connection c, int sign) throws SQLException {
        if (counts.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pair_verdict_count (labeler_id, verdict, task,"
                + " split, source, status, adjudicated, pairs) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (labeler_id, verdict, task, split, source, status, adjudicated)"
                + " DO UPDATE SET pairs = pairs + excluded.pairs")) {
            for (var e : counts.entrySet()) {
                long key = e.getKey();
                String[] group = groups.get((int) (key >>> 40)).split(String.valueOf(SEP), -1);
                ps.setLong(1, (key >>> 8) & ((1L << 32) - 1));
                ps.setString(2, String.valueOf((char) (key & 0xff)));
                ps.setString(3, group[0]);
                ps.setString(4, group[1]);
                ps.setString(5, group[2]);
                ps.setString(6, group[3]);
                ps.setInt(7, Integer.parseInt(group[4]));
                ps.setLong(8, sign * e.getValue()[0]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        if (sign < 0) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM pair_verdict_count WHERE pairs = 0")) {
                ps.executeUpdate();
            }
        }
    }
}
