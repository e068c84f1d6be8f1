package org.rlaif.workbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;

/**
 * A process killed (SIGKILL) at any moment leaves a project that opens, passes {@code PRAGMA integrity_check}, and
 * holds every action the process reported as committed. A child JVM labels as fast as it can, one transaction per
 * label, printing each id after its commit returns; the test kills it mid-stream.
 */
class KillSafetyTest {
    @TempDir
    Path dir;

    @RepeatedTest(3)
    void killedWriterLosesNothingCommitted() throws Exception {
        Path file = dir.resolve("kill.rlaif");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "--enable-native-access=ALL-UNNAMED", Writer.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<Long> committed = new ArrayList<>();
        int killAfter = 300 + 97 * (int) (System.nanoTime() % 5); // a different moment each repetition
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                committed.add(Long.parseLong(line.strip()));
                if (committed.size() >= killAfter) {
                    child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
                    break;
                }
            }
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(committed).hasSizeGreaterThan(100);

        try (ProjectStore store = ProjectStore.open(file)) {
            String check = store.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(check).isEqualTo("ok");
            Set<Long> stored = new HashSet<>(store.read(c -> {
                List<Long> ids = new ArrayList<>();
                try (ResultSet rs = c.createStatement().executeQuery("SELECT id FROM label")) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                return ids;
            }));
            assertThat(stored).containsAll(committed);
        }
    }

    /** The child: labels one pair over and over, each label its own committed action, and says so after each. */
    public static final class Writer {
        public static void main(String[] args) {
            try (ProjectStore store = ProjectStore.open(Path.of(args[0]))) {
                long pair = store.write(c -> store.comparisons().insert(c, Comparison.draft(Task.OTHER, "ctx", "a", "b",
                        "kill-test", null, Split.TEST, "{}")));
                Labeler who = store.write(c -> store.labelers().findOrCreate(c, Labeler.human("annotator")));
                Long previous = null;
                for (int i = 0; ; i++) {
                    Label l = Label.of(pair, who.id(), 0, i % 2 == 0 ? Choice.A : Choice.B, null, null, null);
                    Label stored = store.addLabel(previous == null ? l : l.superseding(previous));
                    previous = stored.id();
                    System.out.println(stored.id());
                    System.out.flush();
                }
            }
        }
    }
}
