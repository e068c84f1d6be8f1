package org.rlaif.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.Run;
import org.rlaif.workbench.domain.RunState;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.labeling.FakeJudgeServer;
import org.rlaif.workbench.store.ProjectStore;
import picocli.CommandLine;

class LabelCommandTest {
    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    private static Result cli(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // the real command line, with a test environment for the API key variable
        CommandLine withEnv = new CommandLine(new WorkbenchCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == LabelCommand.class) {
                    return cls.cast(new LabelCommand(env::get));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        });
        withEnv.setOut(new PrintWriter(out));
        withEnv.setErr(new PrintWriter(err));
        withEnv.setExecutionExceptionHandler((e, cl, pr) -> {
            if (e instanceof CliFailure) {
                cl.getErr().println("error: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        int status = withEnv.execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    private Path project(int n) {
        return org.rlaif.workbench.labeling.LabelingFixtures.projectFile(dir.resolve("p.rlaif"), n, Task.HELPFULNESS);
    }

    @Test
    void labelsWithTheDocumentedOptionsAndEndsWithOneJsonObject() throws Exception {
        Path p = project(12);
        try (FakeJudgeServer server = FakeJudgeServer.start(FakeJudgeServer.script().requireKey("k-42").logprobs(0.9, 0.3))) {
            Result r = cli(Map.of("JUDGE_KEY", "k-42"), "label", "--project", p.toString(), "--base-url", server.baseUrl(),
                    "--model", "judge-7b", "--name", "judge", "--api-key-env", "JUDGE_KEY", "--technique", "cot",
                    "--both-orders", "--samples", "2", "--temperature", "0.5", "--concurrency", "4", "--limit", "5",
                    "--params", "7B", "--price-in", "0.5", "--price-out", "1.5", "--json");
            assertThat(r.status()).as(r.err()).isZero();
            JsonNode j = r.json();
            assertThat(j.path("labeled").asLong()).isEqualTo(20); // 5 pairs × 2 samples × 2 orders
            assertThat(j.path("failed").asLong()).isZero();
            assertThat(j.path("retries").asLong()).isZero();
            assertThat(j.path("skipped_already_labeled").asLong()).isZero();
            assertThat(j.path("combined").asLong()).isEqualTo(10);
            assertThat(j.path("state").asText()).isEqualTo("finished");
            assertThat(j.path("tokens_in").asLong()).isPositive();
            assertThat(j.path("estimated_cost_usd").asDouble()).isPositive();
            assertThat(j.has("run_id") && j.has("elapsed_ms") && j.has("requests_per_second")).isTrue();
            assertThat(server.requestCount()).isEqualTo(40); // chain of thought: two requests per label

            // the second time, only the name is needed, and nothing is asked again
            Result again = cli(Map.of("JUDGE_KEY", "k-42"), "label", "-p", p.toString(), "--name", "judge",
                    "--limit", "5", "--json");
            assertThat(again.status()).as(again.err()).isZero();
            assertThat(again.json().path("skipped_already_labeled").asLong()).isEqualTo(20);
            assertThat(again.json().path("labeled").asLong()).isZero();
            try (ProjectStore store = ProjectStore.open(p)) {
                Labeler l = store.read(c -> store.labelers().findByName(c, "judge")).orElseThrow();
                assertThat(l.params()).isEqualTo(7e9);
                assertThat(l.technique()).isEqualTo("cot");
                assertThat(l.configJson()).contains("\"api_key_env\":\"JUDGE_KEY\"").doesNotContain("k-42");
            }
        }
    }

    @Test
    void changingWhatShapedTheLabelsUnderTheSameNameIsRefused() {
        Path p = project(3);
        try (FakeJudgeServer server = FakeJudgeServer.start(FakeJudgeServer.script())) {
            assertThat(cli(Map.of(), "label", "-p", p.toString(), "--base-url", server.baseUrl(), "--model", "m",
                    "--name", "j").status()).isZero();
            Result r = cli(Map.of(), "label", "-p", p.toString(), "--name", "j", "--technique", "cot");
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.err().strip()).startsWith("error: labeler 'j' already has labels made with other settings"
                    + " (technique base vs cot)");
        }
    }

    @Test
    void aMissingServerGivesOneLineAndNoStackTrace() throws Exception {
        Path p = project(50);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Result r = cli(Map.of(), "label", "-p", p.toString(), "--base-url", "http://127.0.0.1:" + port + "/v1",
                "--model", "m", "--name", "ghost", "--concurrency", "16");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().lines().toList()).containsExactly("error: cannot reach the model server at http://127.0.0.1:"
                + port + "/v1/chat/completions: connection refused (is the server running and listening on port "
                + port + "?)");
        Result test = cli(Map.of(), "label", "-p", p.toString(), "--name", "ghost", "--test-connection");
        assertThat(test.status()).isEqualTo(1);
        assertThat(test.err().lines().filter(l -> l.startsWith("error:")).count()).isEqualTo(1);
        Result noKey = cli(Map.of(), "label", "-p", p.toString(), "--name", "ghost", "--api-key-env", "UNSET_VAR");
        assertThat(noKey.err().strip()).isEqualTo("error: the API key variable UNSET_VAR is not set in this environment");
    }

    @Test
    void testConnectionPrintsThePromptAndTheRawAnswerAndStoresNothing() {
        Path p = project(3);
        try (FakeJudgeServer server = FakeJudgeServer.start(FakeJudgeServer.script().logprobs(0.8, 0.3))) {
            Result r = cli(Map.of(), "label", "-p", p.toString(), "--base-url", server.baseUrl(), "--model", "m",
                    "--name", "probe", "--technique", "preamble", "--test-connection");
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out()).contains("--- prompt sent (pair #1)").contains("[system]")
                    .contains("You are an expert rater of helpful and honest Assistant responses")
                    .contains("--- raw answer\n1\n").contains("verdict A, P(A) 0.800 (from log-probabilities)");
            try (ProjectStore store = ProjectStore.open(p)) {
                java.util.Optional<Labeler> probe = store.read(c -> store.labelers().findByName(c, "probe"));
                assertThat(probe).isEmpty();
            }
        }
    }

    @Test
    void aKilledRunIsResumedWithoutLosingOrDuplicatingALabel() throws Exception {
        Path p = project(80);
        try (FakeJudgeServer server = FakeJudgeServer.start(FakeJudgeServer.script().latency(40))) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "org.rlaif.workbench.Launcher", "label", "-p", p.toString(), "--base-url", server.baseUrl(),
                    "--model", "m", "--name", "killed", "--both-orders", "--concurrency", "4")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
            long labelsAtKill;
            try (ProjectStore store = ProjectStore.open(p)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (count(store) < 30 && System.nanoTime() < deadline && child.isAlive()) {
                    Thread.sleep(20);
                }
                assertThat(child.isAlive()).as("the child should still be labeling").isTrue();
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
                child.waitFor(10, TimeUnit.SECONDS);
                labelsAtKill = count(store);
                assertThat(labelsAtKill).isBetween(30L, 200L);
            }
            Result resumed = cli(Map.of(), "label", "-p", p.toString(), "--name", "killed", "--json");
            assertThat(resumed.status()).as(resumed.err()).isZero();
            JsonNode j = resumed.json();
            try (ProjectStore store = ProjectStore.open(p)) {
                Labeler l = store.read(c -> store.labelers().findByName(c, "killed")).orElseThrow();
                List<Label> rows = new ArrayList<>();
                store.read(c -> {
                    for (long id = 1; id <= 80; id++) {
                        rows.addAll(store.labels().history(c, id));
                    }
                    return null;
                });
                Map<String, Integer> perSlot = new HashMap<>();
                rows.stream().filter(x -> x.labelerId() == l.id()).forEach(x -> perSlot.merge(
                        x.comparisonId() + "/" + x.sampleIndex() + "/" + x.orderShown(), 1, Integer::sum));
                assertThat(perSlot).hasSize(240); // 80 pairs × (AB, BA, combined)
                assertThat(perSlot.values()).allMatch(n -> n == 1);
                assertThat(j.path("skipped_already_labeled").asLong() + j.path("labeled").asLong()).isEqualTo(160);
                assertThat(j.path("skipped_already_labeled").asLong()).isGreaterThanOrEqualTo(labelsAtKill * 2 / 3);
                List<Run> runs = store.read(c -> store.runs().list(c));
                Run killed = runs.get(runs.size() - 1);
                assertThat(killed.state()).isEqualTo(RunState.CANCELLED);
                assertThat(killed.message()).contains("interrupted: process").contains("ended without finishing");
                assertThat(runs.get(0).state()).isEqualTo(RunState.FINISHED);
            }
        }
    }

    private static long count(ProjectStore store) {
        return store.read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM label")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
