package org.rlaif.workbench.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrlReaderTest {
    @TempDir
    Path dir;

    /** Each stored pair as context | chosen | rejected, whatever side the shuffle put chosen on. */
    private static List<String> chosenView(ImportFixture f) {
        return f.rows("SELECT c.context, c.response_a, c.response_b, l.choice FROM comparison c"
                        + " JOIN label l ON l.comparison_id = c.id ORDER BY c.context").stream()
                .map(r -> {
                    boolean aChosen = "A".equals(r.get("choice"));
                    return r.get("context") + " | " + (aChosen ? r.get("response_a") : r.get("response_b"))
                            + " | " + (aChosen ? r.get("response_b") : r.get("response_a"));
                }).toList();
    }

    @Test
    void plainPromptChosenRejected() throws Exception {
        try (ImportFixture f = new ImportFixture(dir)) {
            ImportReport r = f.importFiles("auto", ImportFixture.resource("trl/plain.jsonl"));
            assertThat(r.format()).isEqualTo("trl");
            assertThat(chosenView(f)).containsExactly(
                    "Name a prime number. | 7 | 9",
                    "The sky is |  blue. |  green.",
                    "Translate 'chat' from French. | cat | chat");
            assertThat(f.labelerNames()).containsExactly("trl-preference");
            assertThat(f.rows("SELECT source_id, split FROM comparison ORDER BY source_id"))
                    .extracting(m -> m.get("source_id") + "/" + m.get("split"))
                    .containsExactly("p1/train", "p2/train", "p3/test");
        }
    }

    @Test
    void conversationalResponsesAreTheAssistantMessagesAndThePromptIsTheContext() throws Exception {
        try (ImportFixture f = new ImportFixture(dir)) {
            f.importFiles("auto", ImportFixture.resource("trl/conversational.jsonl"));
            assertThat(chosenView(f)).containsExactly(
                    "Say hello. | Hello! | No.",
                    "System: Answer briefly.\n\nUser: Is water wet? | Yes. | Water is a liquid made of hydrogen and"
                            + " oxygen, and wetness is a sensation.",
                    "User: What color is the sky? | It is blue. | It is green.");
        }
    }

    @Test
    void implicitPromptIsTheSharedBeginning() throws Exception {
        try (ImportFixture f = new ImportFixture(dir)) {
            ImportReport r = f.importFiles("auto", ImportFixture.resource("trl/implicit.jsonl"));
            assertThat(r.format()).isEqualTo("trl");
            assertThat(chosenView(f)).containsExactly(
                    "The sky is | blue. | green.",
                    "User: What color is the sky? | It is blue. | It is green.");
        }
    }

    @Test
    void theLabelerCanBeNamedAndTheSameFileTwiceAddsNothing() throws Exception {
        try (ImportFixture f = new ImportFixture(dir)) {
            ImportOptions named = new ImportOptions(false, "my-raters", org.rlaif.workbench.domain.LabelerKind.HUMAN,
                    null, null, null, null, Map.of());
            f.importFiles("trl", named, ImportFixture.resource("trl/plain.jsonl"));
            ImportReport again = f.importFiles("trl", named, ImportFixture.resource("trl/plain.jsonl"));
            assertThat(again.addedNothing()).isTrue();
            assertThat(f.labelerNames()).containsExactly("my-raters");
            assertThat(f.count("SELECT count(*) FROM import_file")).isEqualTo(1);
        }
    }
}
