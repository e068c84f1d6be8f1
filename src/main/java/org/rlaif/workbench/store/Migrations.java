package org.rlaif.workbench.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Versioned schema migrations, kept under {@code resources/migrations}. The schema version lives in SQLite's own
 * {@code user_version}, and each applied script's checksum in {@code schema_history}, so an old project file is
 * upgraded step by step and a file written by a newer release is refused rather than damaged.
 *
 * <p>Why not Flyway: see docs/decisions/0003-own-migration-runner.md.
 */
final class Migrations {
    /** In order; a new release appends, never edits. */
    static final List<String> SCRIPTS = List.of(
            "V1__project.sql",
            "V2__ui_pair_summary.sql",
            "V3__ui_pair_verdict_count.sql",
            "V4__training_runs.sql",
            "V5__policies.sql");

    private Migrations() {
    }

    static int latestVersion() {
        return SCRIPTS.size();
    }

    static void apply(Connection c, Path file) throws SQLException {
        int current = userVersion(c);
        if (current > latestVersion()) {
            throw new StoreException(file + ": project file has schema version " + current
                    + ", newer than this release understands (" + latestVersion() + "); open it with a newer RLAIF Workbench");
        }
        if (current == 0 && hasUserTables(c)) {
            throw new StoreException(file + ": is an SQLite database but not an RLAIF Workbench project");
        }
        for (int version = current + 1; version <= latestVersion(); version++) {
            applyOne(c, version, SCRIPTS.get(version - 1));
        }
    }

    /**
     * A script whose first line is this rebuilds a table that others reference: SQLite's procedure for such changes
     * runs with foreign keys off (a pragma that cannot change inside a transaction) and checks them before committing.
     */
    static final String FOREIGN_KEYS_OFF = "-- foreign_keys: off";

    private static void applyOne(Connection c, int version, String script) throws SQLException {
        String sql = load(script);
        boolean rebuild = sql.startsWith(FOREIGN_KEYS_OFF);
        if (rebuild) {
            pragma(c, "PRAGMA foreign_keys = OFF");
        }
        try {
            applyInTransaction(c, version, script, sql, rebuild);
        } finally {
            if (rebuild) {
                pragma(c, "PRAGMA foreign_keys = ON");
            }
        }
    }

    private static void pragma(Connection c, String pragma) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(pragma);
        }
    }

    private static void applyInTransaction(Connection c, int version, String script, String sql, boolean rebuild)
            throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_history (version INTEGER PRIMARY KEY, script TEXT NOT NULL, "
                    + "sha256 TEXT NOT NULL, applied_at INTEGER NOT NULL)");
            for (String statement : SqlScript.split(sql)) {
                st.execute(statement);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO schema_history (version, script, sha256, applied_at) VALUES (?, ?, ?, ?)")) {
                ps.setInt(1, version);
                ps.setString(2, script);
                ps.setString(3, sha256(sql));
                ps.setLong(4, System.currentTimeMillis());
                ps.executeUpdate();
            }
            if (rebuild) {
                requireForeignKeysHold(st, script);
            }
            st.execute("PRAGMA user_version = " + version);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static void requireForeignKeysHold(Statement st, String script) throws SQLException {
        try (ResultSet rs = st.executeQuery("PRAGMA foreign_key_check")) {
            if (rs.next()) {
                throw new StoreException("migration " + script + " would leave a row of " + rs.getString(1)
                        + " pointing at a missing row of " + rs.getString(3) + "; the project was not changed");
            }
        }
    }

    private static int userVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static boolean hasUserTables(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'")) {
            return rs.next() && rs.getInt(1) > 0;
        }
    }

    private static String load(String script) {
        String resource = "/migrations/" + script;
        try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new StoreException("migration " + resource + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read migration " + resource, e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Splits a migration script into statements: on semicolons that end a line, outside trigger bodies. */
    static final class SqlScript {
        private SqlScript() {
        }

        static List<String> split(String script) {
            List<String> out = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            boolean inTrigger = false;
            for (String raw : script.split("\n")) {
                String line = stripComment(raw).strip();
                if (line.isEmpty()) {
                    continue;
                }
                if (current.isEmpty() && line.toUpperCase().startsWith("CREATE TRIGGER")) {
                    inTrigger = true;
                }
                current.append(line).append('\n');
                boolean ends = line.endsWith(";");
                if (ends && (!inTrigger || line.toUpperCase().equals("END;"))) {
                    out.add(current.toString().strip());
                    current.setLength(0);
                    inTrigger = false;
                }
            }
            if (!current.toString().isBlank()) {
                out.add(current.toString().strip());
            }
            return out;
        }

        private static String stripComment(String line) {
            int dash = line.indexOf("--");
            // Good enough for our own scripts: they never put "--" inside a string literal.
            return dash < 0 ? line : line.substring(0, dash);
        }
    }
}
