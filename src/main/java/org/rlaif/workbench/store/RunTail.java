package org.rlaif.workbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.rlaif.workbench.domain.MetricPoint;
import org.rlaif.workbench.domain.RunSample;

/**
 * What a run has stored since a reader last looked: the queries a window following live runs repeats a few times a
 * second, so each costs what is new, not what the run has (decision 41). Metric points are found by rowid (the table
 * only grows, and a writer commits its rows in rowid order), log lines and samples by their per-run sequence number.
 */
public final class RunTail {
    /** Metric points after a rowid, and the last rowid read (the next call's start). */
    public record Metrics(List<MetricPoint> points, long lastRowid) {
    }

    /** Log lines after a sequence number, and the last one read. */
    public record Lines(List<String> lines, long lastSeq) {
    }

    /**
     * The run's metric points stored after {@code afterRowid}, in the order they were stored. From 0 (everything),
     * the run's index finds them; after that a rowid range scan reads only the rows added since, whatever the size
     * of the run or of the other runs.
     */
    public Metrics metricsAfter(Connection c, long runId, long afterRowid) throws SQLException {
        // "+run_id" keeps SQLite off the (run_id, name, step) index, whose every entry of the run it would read
        String sql = afterRowid <= 0
                ? "SELECT rowid, run_id, step, name, value, at FROM metric_point WHERE run_id = ? ORDER BY rowid"
                : "SELECT rowid, run_id, step, name, value, at FROM metric_point WHERE rowid > ? AND +run_id = ?"
                        + " ORDER BY rowid";
        List<MetricPoint> out = new ArrayList<>();
        long last = afterRowid;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (afterRowid <= 0) {
                ps.setLong(1, runId);
            } else {
                ps.setLong(1, afterRowid);
                ps.setLong(2, runId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    last = Math.max(last, rs.getLong(1));
                    out.add(new MetricPoint(rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getDouble(5),
                            rs.getLong(6)));
                }
            }
        }
        return new Metrics(out, last);
    }

    /** The newest {@code limit} log lines after {@code afterSeq} (-1: from the start), oldest first. */
    public Lines logAfter(Connection c, long runId, long afterSeq, int limit) throws SQLException {
        List<String> out = new ArrayList<>();
        long last = afterSeq;
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, line FROM (SELECT seq, line FROM run_log"
                + " WHERE run_id = ? AND seq > ? ORDER BY seq DESC LIMIT ?) ORDER BY seq")) {
            ps.setLong(1, runId);
            ps.setLong(2, afterSeq);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    last = rs.getLong(1);
                    out.add(rs.getString(2));
                }
            }
        }
        return new Lines(out, last);
    }

    /** The newest {@code limit} samples after {@code afterSeq} (-1: from the start), oldest first. */
    public List<RunSample> samplesAfter(Connection c, long runId, long afterSeq, int limit) throws SQLException {
        List<RunSample> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT run_id, seq, step, prompt, completion, reward, at"
                + " FROM (SELECT * FROM run_sample WHERE run_id = ? AND seq > ? ORDER BY seq DESC LIMIT ?)"
                + " ORDER BY seq")) {
            ps.setLong(1, runId);
            ps.setLong(2, afterSeq);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RunSample(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                            rs.getString(5), Rows.nullableDouble(rs, "reward"), rs.getLong(7)));
                }
            }
        }
        return out;
    }
}
