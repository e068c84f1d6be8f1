package org.rlaif.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.labeling.FakeJudgeServer;
import org.rlaif.workbench.store.ProjectStore;
import picocli.CommandLine;

/**
 * Labeling runs as separate processes, at the benchmark's concurrency: a run killed with SIGKILL while its writer
 * commits groups of labels has committed every label it reported, loses only the last moments' answers, and the
 * resumed run asks those once; and two processes labeling with one labeler at once write each slot once.
 */
class LabelRunProcessesTest {
    @TempDir
    Path dir;

    private Path project(int n) {
        return org.rlaif.workbench.labeling.LabelingFixtures.projectFile(dir.resolve("p.rlaif"), n, Task.HELPFULNESS);
    }

    private Process child(Path project, String baseUrl, String log, String... more) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.rlaif.workbench.Launcher", "label",
                "-p", project.toString(), "--base-url", baseUrl, "--model", "m", "--name", "fast",
                "--both-orders", "--concurrency", "32", "--json"));
        command.addAll(List.of(more));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
    }

    private static JsonNode cli(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new WorkbenchCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        assertThat(status).as(err.toString()).isZero();
        return new ObjectMapper().readTree(out.toString());
    }

    /** {labels of the labeler's asked slots (AB/BA), the newest labeling run's reported done}. */
    private static long[] committedAndReported(ProjectStore store) {
        return store.read(c -> {
            long labels;
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM label l JOIN labeler b"
                    + " ON b.id = l.labeler_id WHERE b.name = 'fast' AND l.order_shown IS NOT NULL")) {
                rs.next();
                labels = rs.getLong(1);
            }
            long done = 0;
            try (var rs = c.createStatement().executeQuery("SELECT done FROM run ORDER BY id DESC LIMIT 1")) {
                if (rs.next()) {
                    done = rs.getLong(1);
                }
            }
            return new long[] {labels, done};
        });
    }

    private static Map<String, Integer> rowsPerSlot(ProjectStore store) {
        return store.read(c -> {
            Map<String, Integer> perSlot = new HashMap<>();
            try (var rs = c.createStatement().executeQuery("SELECT comparison_id, sample_index, order_shown"
                    + " FROM label l JOIN labeler b ON b.id = l.labeler_id WHERE b.name = 'fast'")) {
                while (rs.next()) {
                    perSlot.merge(rs.getLong(1) + "/" + rs.getInt(2) + "/" + rs.getString(3), 1, Integer::sum);
                }
            }
            return perSlot;
        });
    }

    @Test
    void aRunKilledWhileCommittingGroupsKeptWhatItReportedAndResumeAsksTheRestOnce() throws Exception {
        int pairs = 1500;
        Path p = project(pairs);
        try (FakeJudgeServer server = FakeJudgeServer.start(FakeJudgeServer.script().latency(5).logprobs(0.9, 0.2))) {
            Process labeling = child(p, server.baseUrl(), "child.log");
            long[] atKill;
            try (ProjectStore store = ProjectStore.open(p)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                long[] now = committedAndReported(store);
                while (now[0] < 800 && System.nanoTime() < deadline && labeling.isAlive()) {
                    // the run's reported count (its row, as the window reads it) never runs ahead of its labels
                    assertThat(now[0]).as("committed labels when the run said %d done", now[1])
                            .isGreaterThanOrEqualTo(now[1]);
                    Thread.sleep(5);
                    now = committedAndReported(store);
                }
                assertThat(labeling.isAlive()).as(Files.readString(dir.resolve("child.log"))).isTrue();
                labeling.destroyForcibly(); // SIGKILL mid-run: no shutdown hook, a group may be half written
                assertThat(labeling.waitFor(10, TimeUnit.SECONDS)).isTrue();
                atKill = committedAndReported(store);
                assertThat(atKill[0]).isGreaterThanOrEqualTo(atKill[1]).isLessThan(2L * pairs);
            }
            JsonNode resumed = cli("label", "-p", p.toString(), "--name", "fast", "--json");
            assertThat(resumed.path("skipped_already_labeled").asLong()).isEqualTo(atKill[0]);
            assertThat(resumed.path("labeled").asLong()).isEqualTo(2L * pairs - atKill[0]);
            assertThat(resumed.path("failed").asLong()).isZero();
            try (ProjectStore store = ProjectStore.open(p)) {
                Map<String, Integer> perSlot = rowsPerSlot(store);
                assertThat(perSlot).hasSize(3 * pairs); // AB, BA and the combined label of every pair
                assertThat(perSlot.values()).allMatch(n -> n == 1);
            }
        }
    }

    @Test
    void twoProcessesLabelingWithOneLabelerWriteEachSlotOnce() throws Exception {
        int pairs = 800;
        Path p = project(pairs);
        try (FakeJudgeServer server = FakeJudgeServer.start(FakeJudgeServer.script().latency(3))) {
            cli("label", "-p", p.toString(), "--base-url", server.baseUrl(), "--model", "m", "--name", "fast",
                    "--both-orders", "--concurrency", "32", "--limit", "1", "--json"); // creates the labeler
            Process one = child(p, server.baseUrl(), "one.log");
            Process other = child(p, server.baseUrl(), "other.log");
            assertThat(one.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(other.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String oneLog = Files.readString(dir.resolve("one.log"), StandardCharsets.UTF_8);
            String otherLog = Files.readString(dir.resolve("other.log"), StandardCharsets.UTF_8);
            assertThat(one.exitValue()).as(oneLog).isZero();
            assertThat(other.exitValue()).as(otherLog).isZero();
            JsonNode a = new ObjectMapper().readTree(oneLog.substring(oneLog.indexOf('{')));
            JsonNode b = new ObjectMapper().readTree(otherLog.substring(otherLog.indexOf('{')));
            assertThat(a.path("labeled").asLong() + b.path("labeled").asLong()).isEqualTo(2L * (pairs - 1));
            try (ProjectStore store = ProjectStore.open(p)) {
                Map<String, Integer> perSlot = rowsPerSlot(store);
                assertThat(perSlot).hasSize(3 * pairs);
                assertThat(perSlot.values()).allMatch(n -> n == 1);
            }
        }
    }
}
