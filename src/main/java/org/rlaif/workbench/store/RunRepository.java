package org.rlaif.workbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rlaif.workbench.domain.MetricPoint;
import org.rlaif.workbench.domain.Run;
import org.rlaif.workbench.domain.RunState;

/** Runs, their logs and their metric streams. Run state is the one thing updated in place: it is a status, not data. */
public final class RunRepository {
    private static final String COLUMNS = "id, kind, name, spec, state, pid, started_at, ended_at, message";

    public Run create(Connection c, String kind, String name, String specJson) throws SQLException {
        long now = System.currentTimeMillis();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO run (kind, name, spec, state, started_at)"
                + " VALUES (?, ?, ?, 'PENDING', ?) RETURNING id")) {
            ps.setString(1, kind);
            ps.setString(2, name);
            ps.setString(3, specJson == null ? "{}" : specJson);
            ps.setLong(4, now);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return find(c, rs.getLong(1)).orElseThrow();
            }
        }
    }

    public void updateState(Connection c, long runId, RunState state, String message) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE run SET state = ?, message = coalesce(?, message),"
                + " ended_at = CASE WHEN ? THEN ? ELSE ended_at END WHERE id = ?")) {
            ps.setString(1, state.name());
            ps.setString(2, message);
            ps.setBoolean(3, state.isTerminal());
            ps.setLong(4, System.currentTimeMillis());
            ps.setLong(5, runId);
            ps.executeUpdate();
        }
    }

    public void updatePid(Connection c, long runId, long pid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE run SET pid = ? WHERE id = ?")) {
            ps.setLong(1, pid);
            ps.setLong(2, runId);
            ps.executeUpdate();
        }
    }

    public void updateProgress(Connection c, long runId, long done, Long total) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE run SET done = ?, total = coalesce(?, total) WHERE id = ?")) {
            ps.setLong(1, done);
            Rows.setNullableLong(ps, 2, total);
            ps.setLong(3, runId);
            ps.executeUpdate();
        }
    }

    public void addMetric(Connection c, MetricPoint p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO metric_point (run_id, name, step, value, at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, p.runId());
            ps.setString(2, p.name());
            ps.setLong(3, p.step());
            ps.setDouble(4, p.value());
            ps.setLong(5, p.timeMillis());
            ps.executeUpdate();
        }
    }

    public void appendLog(Connection c, long runId, String line) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_log (run_id, seq, at, line) VALUES"
                + " (?, (SELECT coalesce(max(seq) + 1, 0) FROM run_log WHERE run_id = ?), ?, ?)")) {
            ps.setLong(1, runId);
            ps.setLong(2, runId);
            ps.setLong(3, System.currentTimeMillis());
            ps.setString(4, line);
            ps.executeUpdate();
        }
    }

    public List<MetricPoint> metrics(Connection c, long runId) throws SQLException {
        List<MetricPoint> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT run_id, step, name, value, at FROM metric_point WHERE run_id = ? ORDER BY name, step")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new MetricPoint(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getDouble(4), rs.getLong(5)));
                }
            }
        }
        return out;
    }

    public Optional<Run> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM run WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    public List<Run> list(Connection c) throws SQLException {
        List<Run> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM run ORDER BY id DESC");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(map(rs));
            }
        }
        return out;
    }

    private static Run map(ResultSet rs) throws SQLException {
        Long started = Rows.nullableLong(rs, "started_at");
        Long ended = Rows.nullableLong(rs, "ended_at");
        return new Run(rs.getLong("id"), rs.getString("kind"), rs.getString("name"), rs.getString("spec"),
                RunState.valueOf(rs.getString("state")), Rows.nullableLong(rs, "pid"),
                started == null ? null : java.time.Instant.ofEpochMilli(started),
                ended == null ? null : java.time.Instant.ofEpochMilli(ended), rs.getString("message"));
    }
}
