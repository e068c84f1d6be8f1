package org.rlaif.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.MetricPoint;
import org.rlaif.workbench.domain.Run;
import org.rlaif.workbench.domain.RunState;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.training.RunRecovery;
import org.rlaif.workbench.training.TrainingEnvironmentForTests;

/**
 * Real reward-model runs through the command line, on the PandaLM sample project, with the tiny offline backbone on
 * the CPU: what the JSON lines say, what the project keeps, what the run folder holds, and what a killed command
 * leaves behind. Short runs (a few steps): these check the mechanics, not how good the model gets.
 */
class TrainRewardModelTest {
    @TempDir
    static Path dir;
    static Path project;
    static Result result;

    @BeforeAll
    static void trainOnce() throws IOException {
        TrainingEnvironmentForTests.require();
        project = dir.resolve("pandalm.rlaif");
        Files.copy(Path.of("sample-projects/pandalm.rlaif"), project, StandardCopyOption.REPLACE_EXISTING);
        result = run("train", "reward-model", "-p", project.toString(), "--labels", "gpt-3.5-turbo",
                "--max-steps", "4", "--max-length", "96", "--eval-steps", "2", "--batch-size", "8", "--json");
    }

    @Test
    void theCommandSpeaksTheProtocolAndEndsWithItsResult() throws IOException {
        assertThat(result.status).as(result.err).isZero();
        List<JsonNode> lines = jsonLines(result.out);
        Set<String> events = new TreeSet<>();
        lines.forEach(l -> events.add(l.path("event").asText()));
        assertThat(events).contains("hello", "metric", "progress", "artifact", "status", "result");
        assertThat(lines).allSatisfy(l -> assertThat(l.path("run_id").asLong()).isEqualTo(1));
        JsonNode last = lines.getLast();
        assertThat(last.path("event").asText()).isEqualTo("result");
        assertThat(last.path("state").asText()).isEqualTo("finished");
        assertThat(last.path("pairs_trained").asLong()).isEqualTo(748);
        assertThat(last.path("pairs_held_out").asLong()).isEqualTo(172);
        assertThat(lines).anySatisfy(l -> assertThat(l.path("name").asText()).isEqualTo("eval/human_agreement"));
    }

    @Test
    void theProjectKeepsTheRunItsSpecMetricsAndArtifacts() throws IOException {
        try (ProjectStore store = ProjectStore.open(project)) {
            Run run = store.read(c -> store.runs().find(c, 1)).orElseThrow();
            assertThat(run.state()).isEqualTo(RunState.FINISHED);
            assertThat(run.kind()).isEqualTo("reward-model");
            assertThat(run.done()).isEqualTo(4);
            JsonNode spec = Json.mapper().readTree(run.specJson());
            assertThat(spec.path("label_source").asText()).isEqualTo("gpt-3.5-turbo");
            assertThat(spec.path("seed").asLong()).isEqualTo(20231201L);
            assertThat(spec.path("hyper").path("max_steps").asInt()).isEqualTo(4);
            assertThat(spec.path("environment").path("versions").path("trl").asText()).isEqualTo("1.13.0");
            assertThat(spec.path("environment").path("device").path("type").asText()).isEqualTo("cpu");
            List<MetricPoint> metrics = store.read(c -> store.runs().metrics(c, 1));
            assertThat(metrics).extracting(MetricPoint::name)
                    .contains("train/loss", "train/accuracy", "eval/human_agreement", "train/pairs_per_second");
            List<String> kinds = store.read(c -> store.runs().artifacts(c, 1)).stream().map(a -> a.kind()).toList();
            assertThat(kinds).contains("reward-model", "onnx", "scores");
        }
        Path folder = dir.resolve("pandalm.rlaif.models/run-1");
        assertThat(folder.resolve("onnx/model.onnx")).isRegularFile();
        assertThat(folder.resolve("onnx/scoring.json")).isRegularFile();
        assertThat(Files.readAllLines(folder.resolve("scores.jsonl"))).hasSize(172);
        assertThat(Files.readAllLines(folder.resolve("train.jsonl"))).hasSize(748);
    }

    @Test
    void runsListsTheRunWithItsHeldOutAgreement() throws IOException {
        Result runs = run("runs", "-p", project.toString(), "--json");
        assertThat(runs.status).isZero();
        JsonNode list = Json.mapper().readTree(runs.out);
        assertThat(list).hasSize(1);
        JsonNode r = list.get(0);
        assertThat(r.path("kind").asText()).isEqualTo("reward-model");
        assertThat(r.path("state").asText()).isEqualTo("finished");
        assertThat(r.path("label_source").asText()).isEqualTo("gpt-3.5-turbo");
        double agreement = r.path("held_out_agreement_with_humans").asDouble(-1);
        assertThat(agreement).isBetween(0.0, 1.0);
        assertThat(r.path("final_metrics").path("eval/human_agreement").asDouble()).isEqualTo(agreement);
    }

    @Test
    void aKilledCommandLeavesAnInterruptedRunAndAnIntactProject() throws Exception {
        Path killed = dir.resolve("killed.rlaif");
        Files.copy(Path.of("sample-projects/pandalm.rlaif"), killed, StandardCopyOption.REPLACE_EXISTING);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "org.rlaif.workbench.Launcher", "train", "reward-model", "-p",
                killed.toString(), "--labels", "humans", "--max-length", "64", "--epochs", "50", "--json")
                .redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
        long trainerPid = awaitFirstTrainingMetric(killed, child);
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no stop, no last write
        assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();

        try (ProjectStore store = ProjectStore.open(killed)) {
            List<Run> marked = RunRecovery.markInterrupted(store);
            assertThat(marked).extracting(Run::id).containsExactly(1L);
            Run run = store.read(c -> store.runs().find(c, 1)).orElseThrow();
            assertThat(run.state()).isEqualTo(RunState.INTERRUPTED);
            List<MetricPoint> kept = store.read(c -> store.runs().metrics(c, 1));
            assertThat(kept).as("what was stored before the kill").isNotEmpty();
            String integrity = store.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(integrity).isEqualTo("ok");
        }
        // the trainer finds its output gone at its next line and ends
        assertThat(org.rlaif.workbench.testdata.Processes.endsSoon(trainerPid)).isTrue();
    }

    /** Waits (ten minutes at most) until the child's run has stored a training metric; returns the trainer's pid. */
    private static long awaitFirstTrainingMetric(Path file, Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            assertThat(child.isAlive()).as("the training command is still running").isTrue();
            if (Files.exists(file)) {
                try (ProjectStore store = ProjectStore.open(file)) {
                    List<Run> runs = store.read(c -> store.runs().list(c));
                    if (!runs.isEmpty() && runs.getFirst().pid() != null) {
                        List<MetricPoint> m = store.read(c -> store.runs().metrics(c, runs.getFirst().id()));
                        if (m.stream().anyMatch(p -> p.name().equals("train/loss"))) {
                            return runs.getFirst().pid();
                        }
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no training metric within ten minutes");
    }

    private static List<JsonNode> jsonLines(String out) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("{")) {
                lines.add(Json.mapper().readTree(line));
            }
        }
        return lines;
    }

    record Result(int status, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = WorkbenchCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(status, out.toString(), err.toString());
    }
}
