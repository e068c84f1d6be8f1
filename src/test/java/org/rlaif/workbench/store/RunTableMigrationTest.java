package org.rlaif.workbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.MetricPoint;
import org.rlaif.workbench.domain.Run;
import org.rlaif.workbench.domain.RunState;

/**
 * Schema 4 rebuilds the run table to widen its states. A project written by schema 3, with runs, logs and metrics
 * pointing at them, opens with every row kept, foreign keys intact, and the new states storable.
 */
class RunTableMigrationTest {
    @TempDir
    Path dir;

    @Test
    void aVersionThreeProjectKeepsItsRunsAndGainsTheNewStates() throws Exception {
        Path file = dir.resolve("old.rlaif");
        writeVersionThreeProjectWithARun(file);

        try (ProjectStore store = ProjectStore.open(file)) {
            Run old = store.read(c -> store.runs().find(c, 1)).orElseThrow();
            assertThat(old.kind()).isEqualTo("label");
            assertThat(old.state()).isEqualTo(RunState.CANCELLED);
            assertThat(old.done()).isEqualTo(7);
            List<MetricPoint> metrics = store.read(c -> store.runs().metrics(c, 1));
            assertThat(metrics).extracting(MetricPoint::value).containsExactly(3.0);
            List<String> log = store.read(c -> store.runs().logTail(c, 1, 10));
            assertThat(log).containsExactly("started");

            store.write(c -> {
                store.runs().updateState(c, 1, RunState.INTERRUPTED, "the app was killed");
                store.runs().addArtifact(c, 1, "onnx", "/tmp/m", 3L);
                return null;
            });
            assertThat(store.read(c -> store.runs().find(c, 1)).orElseThrow().state())
                    .isEqualTo(RunState.INTERRUPTED);
            String fk = store.read(c -> scalar(c, "SELECT count(*) FROM pragma_foreign_key_check"));
            assertThat(fk).isEqualTo("0");
            String foreignKeys = store.read(c -> scalar(c, "PRAGMA foreign_keys"));
            assertThat(foreignKeys).isEqualTo("1");
            String integrity = store.read(c -> scalar(c, "PRAGMA integrity_check"));
            assertThat(integrity).isEqualTo("ok");
        }
    }

    /** Schema 3 as a release before this one wrote it: the first three migrations, then a run with a log line. */
    private static void writeVersionThreeProjectWithARun(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            for (String script : Migrations.SCRIPTS.subList(0, 3)) {
                String sql = new String(Migrations.class.getResourceAsStream("/migrations/" + script).readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8);
                for (String statement : Migrations.SqlScript.split(sql)) {
                    st.execute(statement);
                }
            }
            st.execute("PRAGMA user_version = 3");
            st.execute("INSERT INTO run (id, kind, name, spec, state, done, total) VALUES (1, 'label', 'judge', '{}',"
                    + " 'CANCELLED', 7, 10)");
            st.execute("INSERT INTO run_log (run_id, seq, at, line) VALUES (1, 0, 0, 'started')");
            st.execute("INSERT INTO metric_point (run_id, name, step, value, at) VALUES (1, 'label/done', 1, 3, 0)");
        }
    }

    private static String scalar(Connection c, String sql) throws java.sql.SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
