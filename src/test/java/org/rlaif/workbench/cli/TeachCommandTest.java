package org.rlaif.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.Policy;
import org.rlaif.workbench.domain.PolicyKind;
import org.rlaif.workbench.domain.PolicyOutput;
import org.rlaif.workbench.domain.Run;
import org.rlaif.workbench.domain.RunState;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.testdata.FakeChatServer;
import org.rlaif.workbench.testdata.FakeChatServer.Answer;
import org.rlaif.workbench.testdata.PolicyProject;
import org.rlaif.workbench.training.policy.SftData;
import picocli.CommandLine;

/**
 * A teacher writes the responses an SFT policy learns from, through the labeling client, against a scripted server on
 * loopback: retries, failures counted and nothing made up, a second run asks only for what is missing, the teacher's
 * settings kept, a missing key or a server that is not there refused with one message.
 */
class TeachCommandTest {
    @TempDir
    Path dir;
    Path project;
    FakeChatServer server;

    /** Answers every prompt; "item 3" always fails (HTTP 500), "item 5" fails its first attempt, "item 6" is empty. */
    static Answer teacher(FakeChatServer.Asked a) {
        if (a.message().contains("item 3.")) {
            return Answer.error(500);
        }
        if (a.message().contains("item 5.") && a.attempt() == 1) {
            return Answer.error(503);
        }
        if (a.message().contains("item 6.")) {
            return Answer.text("   ");
        }
        return Answer.text("A kind answer, thank you.");
    }

    @BeforeEach
    void setUp() {
        project = dir.resolve("toy.rlaif");
        PolicyProject.write(project, 10, 4);
        server = FakeChatServer.start(TeachCommandTest::teacher);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void theTeacherWritesAResponsePerTrainingPromptAndAFailedRequestStoresNothing() throws IOException {
        JsonNode r = json(teach(Map.of(), "--name", "big", "--base-url", server.baseUrl(), "--model", "big-1",
                "--retries", "1", "--json"));
        assertThat(r.path("state").asText()).isEqualTo("finished");
        assertThat(r.path("written").asLong()).isEqualTo(8);
        assertThat(r.path("failed").asLong()).as("item 3 (after its retry) and item 6 (empty)").isEqualTo(2);
        assertThat(r.path("retries").asLong()).as("item 3 once, item 5 once").isEqualTo(2);
        assertThat(r.path("tokens_in").asLong()).isPositive();
        try (ProjectStore store = ProjectStore.open(project)) {
            Policy big = store.read(c -> store.policies().findByName(c, "big")).orElseThrow();
            assertThat(big.kind()).isEqualTo(PolicyKind.TEACHER);
            JsonNode config = Json.mapper().readTree(big.configJson());
            assertThat(config.path("model").asText()).isEqualTo("big-1");
            assertThat(config.path("template").asText()).contains("[helpfulness]").contains("{prompt}");
            List<PolicyOutput> outs = store.read(c -> store.policies().outputs(c, big.id()));
            assertThat(outs).hasSize(8).allSatisfy(o -> {
                assertThat(o.response()).isEqualTo("A kind answer, thank you.");
                assertThat(o.runId()).isEqualTo(r.path("run_id").asLong());
            });
            Run run = store.read(c -> store.runs().find(c, r.path("run_id").asLong())).orElseThrow();
            assertThat(run.kind()).isEqualTo("teach");
            assertThat(run.state()).isEqualTo(RunState.FINISHED);
            assertThat(store.<List<String>>read(c -> store.runs().logTail(c, run.id(), 50)))
                    .anySatisfy(l -> assertThat(l).contains("no response stored").contains("HTTP 500"));
        }
        // the server answers item 3 now: a second run asks only for what is missing
        server.script(a -> Answer.text("Late but kind, thank you."));
        JsonNode again = json(teach(Map.of(), "--name", "big", "--json"));
        assertThat(again.path("already_answered").asLong()).isEqualTo(8);
        assertThat(again.path("written").asLong()).isEqualTo(2);
        Path train = dir.resolve("train.jsonl");
        try (ProjectStore store = ProjectStore.open(project)) {
            SftData.Counts counts = SftData.write(store, "teacher:big", train, dir.resolve("eval.jsonl"));
            assertThat(counts.train()).isEqualTo(10);
            assertThat(counts.eval()).isZero();
        }
        assertThat(Files.readAllLines(train)).hasSize(10)
                .allSatisfy(l -> assertThat(l).contains("\"prompt\":\"Tell me about").contains("thank you"));
    }

    @Test
    void aTeacherKeepsWhatShapedItsResponses() throws IOException {
        json(teach(Map.of(), "--name", "big", "--base-url", server.baseUrl(), "--model", "big-1", "--retries", "0",
                "--limit", "2", "--json"));
        Result r = teach(Map.of(), "--name", "big", "--model", "big-2");
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains("teacher 'big' already wrote responses with other settings (model big-1 vs big-2)")
                .contains("give the new settings a new --name");
    }

    @Test
    void aMissingKeyVariableIsNamedAndNothingIsStored() {
        Result r = teach(Map.of(), "--name", "big", "--base-url", server.baseUrl(), "--model", "big-1",
                "--api-key-env", "TEACHER_KEY");
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains("the API key variable TEACHER_KEY is not set");
        assertNoRun();
    }

    @Test
    void aServerThatIsNotThereFailsTheRunWithOneMessage() throws IOException {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Result r = teach(Map.of(), "--name", "big", "--base-url", "http://127.0.0.1:" + port + "/v1", "--model",
                "big-1", "--json");
        assertThat(r.status).isEqualTo(1);
        JsonNode j = Json.mapper().readTree(r.out);
        assertThat(j.path("state").asText()).isEqualTo("failed");
        assertThat(j.path("message").asText()).contains("cannot reach the model server").contains("connection refused");
        assertThat(j.path("written").asLong()).isZero();
    }

    private void assertNoRun() {
        try (ProjectStore store = ProjectStore.open(project)) {
            assertThat(store.<List<Run>>read(c -> store.runs().list(c))).isEmpty();
        }
    }

    private Result teach(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new java.util.ArrayList<>(List.of("-p", project.toString()));
        all.addAll(List.of(args));
        CommandLine cli = new CommandLine(new TeachCommand((Function<String, String>) env::get));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        cli.setExecutionExceptionHandler((e, c, p) -> {
            c.getErr().println("error: " + e.getMessage());
            return 1;
        });
        int status = cli.execute(all.toArray(String[]::new));
        return new Result(status, out.toString(), err.toString());
    }

    private static JsonNode json(Result r) throws IOException {
        assertThat(r.status).as(r.err + r.out).isZero();
        return Json.mapper().readTree(r.out);
    }

    record Result(int status, String out, String err) {
    }
}
