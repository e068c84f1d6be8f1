package org.rlaif.workbench.labeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.labeling.client.OpenAiChatClient;
import org.rlaif.workbench.labeling.prompt.Technique;
import org.rlaif.workbench.store.ProjectStore;

/** The API key is used (the server sees it) and kept nowhere: not in the project file, its WAL, a run, or a log. */
class SecretsNeverStoredTest {
    private static final String SECRET = "sk-test-9f8e7d6c5b4a-DO-NOT-STORE";

    @TempDir
    Path dir;

    @Test
    void theKeyReachesTheServerAndNeitherTheProjectNorTheLog() throws Exception {
        Path file = dir.resolve("p.rlaif");
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(String.valueOf(r.getMessage()) + " " + (r.getThrown() == null ? "" : r.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        Level before = root.getLevel();
        root.addHandler(capture);
        root.setLevel(Level.ALL);
        Logger.getLogger("org.rlaif").setLevel(Level.ALL);
        PrintStream err = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        ApiKeySource keys = new ApiKeySource(Map.of("JUDGE_API_KEY", SECRET)::get, entry -> Optional.empty());
        try (FakeJudgeServer server = FakeJudgeServer.start(FakeJudgeServer.script().requireKey(SECRET)
                .faults(0.3, 1_000).junk(0.2))) {
            try (ProjectStore store = LabelingFixtures.project(file, 20, Task.OTHER)) {
                Labeler l = LabelingFixtures.labeler(store, server, "keyed", Technique.COT, LabelingFixtures.settings(m -> {
                    m.put("api_key_env", "JUDGE_API_KEY");
                    m.put("orders", "both");
                    return m;
                }));
                String key = keys.keyFor(AiLabelerConfig.fromLabeler(l).settings());
                try (OpenAiChatClient client = new OpenAiChatClient(server.baseUrl(), key, Duration.ofMillis(400))) {
                    assertThat(client.toString()).doesNotContain(SECRET);
                    LabelingReport r = new LabelingRun(store, l, PairSelection.all(), client,
                            LabelingFixtures.fastRetries(6), null).execute(new RunControl(), LabelingListener.none());
                    assertThat(r.progress().labeled()).isPositive();
                    assertThat(r.progress().retries()).isPositive();
                    assertThat(r.message()).doesNotContain(SECRET);
                }
                try (OpenAiChatClient wrong = new OpenAiChatClient(server.baseUrl(), "sk-wrong-key-ALSO-SECRET",
                        Duration.ofSeconds(2))) {
                    Labeler l2 = LabelingFixtures.labeler(store, server, "wrong-key", Technique.BASE, LabelingFixtures.settings(m -> m));
                    LabelingReport refused = new LabelingRun(store, l2, PairSelection.all(), wrong,
                            LabelingFixtures.fastRetries(2), null).execute(new RunControl(), LabelingListener.none());
                    assertThat(refused.message()).contains("HTTP 401").doesNotContain("sk-wrong-key-ALSO-SECRET");
                }
                assertThat(server.received()).isNotEmpty()
                        .anyMatch(q -> ("Bearer " + SECRET).equals(q.authorization()));
                assertThat(store.read(c -> store.labelers().findByName(c, "keyed")).orElseThrow().configJson())
                        .contains("\"api_key_env\":\"JUDGE_API_KEY\"").doesNotContain(SECRET);
                assertThat(Files.list(dir).toList()).isNotEmpty();
                assertNoFileContains(dir, SECRET); // while open: main file and write-ahead log
                assertNoFileContains(dir, "sk-wrong-key-ALSO-SECRET");
            }
            assertNoFileContains(dir, SECRET); // after close: the checkpointed file
        } finally {
            System.setErr(err);
            root.removeHandler(capture);
            root.setLevel(before);
        }
        assertThat(logged).isNotEmpty().noneMatch(s -> s.contains(SECRET));
        assertThat(stderr.toString(StandardCharsets.UTF_8)).doesNotContain(SECRET);
    }

    @Test
    void aMissingVariableOrAKeyGivenInPlaceOfANameIsAClearError() {
        ApiKeySource keys = new ApiKeySource(Map.<String, String>of()::get, entry -> Optional.empty());
        AiLabelerSettings named = LabelingFixtures.settings(m -> { m.put("api_key_env", "NOT_SET_ANYWHERE"); return m; });
        assertThatThrownBy(() -> keys.keyFor(named)).hasMessage("the API key variable NOT_SET_ANYWHERE is not set in this environment");
        assertThatThrownBy(() -> LabelingFixtures.settings(m -> { m.put("api_key_env", "sk-abc/def+ghi=="); return m; }))
                .hasMessageContaining("NAME of where the key is kept");
        AiLabelerSettings ring = LabelingFixtures.settings(m -> { m.put("api_key_keyring", "openai"); return m; });
        assertThatThrownBy(() -> keys.keyFor(ring)).hasMessageContaining("the keyring has no entry 'openai'");
        assertThat(new ApiKeySource(Map.<String, String>of()::get, entry -> Optional.of("from-ring")).keyFor(ring))
                .isEqualTo("from-ring");
    }

    private static void assertNoFileContains(Path dir, String secret) throws Exception {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                byte[] bytes = Files.readAllBytes(f);
                assertThat(indexOf(bytes, needle)).as(f + " holds the secret").isEqualTo(-1);
            }
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
