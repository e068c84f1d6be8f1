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
import org.rlaif.workbench.domain.RunArtifact;
import org.rlaif.workbench.domain.RunSample;
import org.rlaif.workbench.domain.RunState;

/** Runs, their logs and their metric streams. Run state is the one thing updated in place: it is a status, not data. */
public final class RunRepository {
    private static final String COLUMNS = "id, kind, name, spec, state, pid, started_at, ended_at, message, done, total,"
            + " watcher";

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

    /**
     * Makes an ended run pending again, to continue it (a trainer resuming from its last checkpoint): its end time
     * and message are cleared, everything it stored is kept.
     */
    public void reopen(Connection c, long runId, String message) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE run SET state = 'PENDING', ended_at = NULL,"
                + " message = ? WHERE id = ?")) {
            ps.setString(1, message);
            ps.setLong(2, runId);
            ps.executeUpdate();
        }
    }

    /**
     * Deletes a run's metric points and samples after {@code step}: a trainer that resumes from the checkpoint of that
     * step repeats those steps, and the repeated ones are what its policy comes from. Returns how many rows went.
     */
    public long discardAfterStep(Connection c, long runId, long step) throws SQLException {
        long n = 0;
        for (String table : new String[] {"metric_point", "run_sample"}) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE run_id = ? AND step > ?")) {
                ps.setLong(1, runId);
                ps.setLong(2, step);
                n += ps.executeUpdate();
            }
        }
        return n;
    }

    /** Replaces the run's spec: a trainer's first report adds its library versions and device to what was asked. */
    public void updateSpec(Connection c, long runId, String specJson) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE run SET spec = ? WHERE id = ?")) {
            ps.setString(1, specJson);
            ps.setLong(2, runId);
            ps.executeUpdate();
        }
    }

    public void updateWatcher(Connection c, long runId, String watcher) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE run SET watcher = ? WHERE id = ?")) {
            ps.setString(1, watcher);
            ps.setLong(2, runId);
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

    public void addSample(Connection c, RunSample s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_sample (run_id, seq, step, prompt, completion,"
                + " reward, at) VALUES (?, (SELECT coalesce(max(seq) + 1, 0) FROM run_sample WHERE run_id = ?),"
                + " ?, ?, ?, ?, ?)")) {
            ps.setLong(1, s.runId());
            ps.setLong(2, s.runId());
            ps.setLong(3, s.step());
            ps.setString(4, s.prompt());
            ps.setString(5, s.completion());
            if (s.reward() == null) {
                ps.setNull(6, java.sql.Types.REAL);
            } else {
                ps.setDouble(6, s.reward());
            }
            ps.setLong(7, s.timeMillis());
            ps.executeUpdate();
        }
    }

    public void addArtifact(Connection c, long runId, String kind, String path, Long step) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_artifact (run_id, seq, kind, path, step, at)"
                + " VALUES (?, (SELECT coalesce(max(seq) + 1, 0) FROM run_artifact WHERE run_id = ?), ?, ?, ?, ?)")) {
            ps.setLong(1, runId);
            ps.setLong(2, runId);
            ps.setString(3, kind);
            ps.setString(4, path);
            Rows.setNullableLong(ps, 5, step);
            ps.setLong(6, System.currentTimeMillis());
            ps.executeUpdate();
        }
    }

    /** The newest {@code limit} samples of a run, oldest first. */
    public List<RunSample> samples(Connection c, long runId, int limit) throws SQLException {
        List<RunSample> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT run_id, seq, step, prompt, completion, reward, at"
                + " FROM (SELECT * FROM run_sample WHERE run_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq")) {
            ps.setLong(1, runId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double reward = rs.getDouble(6);
                    Double r = rs.wasNull() ? null : reward;
                    out.add(new RunSample(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                            rs.getString(5), r, rs.getLong(7)));
                }
            }
        }
        return out;
    }

    public List<RunArtifact> artifacts(Connection c, long runId) throws SQLException {
        List<RunArtifact> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT run_id, seq, kind, path, step, at FROM run_artifact WHERE run_id = ? ORDER BY seq")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RunArtifact(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            Rows.nullableLong(rs, "step"), rs.getLong(6)));
                }
            }
        }
        return out;
    }

    /** The last {@code limit} lines of a run's log, oldest first. */
    public List<String> logTail(Connection c, long runId, int limit) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT line FROM (SELECT seq, line FROM run_log WHERE run_id = ?"
                + " ORDER BY seq DESC LIMIT ?) ORDER BY seq")) {
            ps.setLong(1, runId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The last value of every metric of a run (by step): its final figures. */
    public java.util.Map<String, Double> finalMetrics(Connection c, long runId) throws SQLException {
        java.util.Map<String, Double> out = new java.util.TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, value FROM metric_point m WHERE run_id = ?"
                + " AND step = (SELECT max(step) FROM metric_point WHERE run_id = m.run_id AND name = m.name)"
                + " ORDER BY rowid")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getDouble(2));
                }
            }
        }
        return out;
    }

    /**
     * Marks every run that is not over and whose watcher is gone as INTERRUPTED: nobody will store its end. Returns
     * the runs so marked.
     */
    public List<Run> markInterrupted(Connection c, java.util.function.Predicate<String> watcherAlive)
            throws SQLException {
        List<Run> marked = new ArrayList<>();
        for (Run r : list(c)) {
            if (r.state().isTerminal() || r.watcher() == null || watcherAlive.test(r.watcher())) {
                continue;
            }
            updateState(c, r.id(), RunState.INTERRUPTED, "interrupted: the process watching it (" + r.watcher()
                    + ") ended before the run did");
            appendLog(c, r.id(), "interrupted: the process watching this run ended before it did");
            marked.add(r);
        }
        return marked;
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
                ended == null ? null : java.time.Instant.ofEpochMilli(ended), rs.getString("message"),
                rs.getLong("done"), Rows.nullableLong(rs, "total"), rs.getString("watcher"));
    }
}
