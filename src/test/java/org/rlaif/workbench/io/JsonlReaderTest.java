package org.rlaif.workbench.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.rlaif.workbench.domain.LabelerKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlReaderTest {
    @TempDir
    Path dir;

    @Test
    void dottedPathsReachIntoObjects() throws Exception {
        ImportOptions o = new ImportOptions(false, null, LabelerKind.AI, null, null, null, null, Map.of(
                "prompt", "info.post", "response_a", "answers.first", "response_b", "answers.second",
                "choice", "verdict", "id", "uid"));
        try (ImportFixture f = new ImportFixture(dir)) {
            ImportReport r = f.importFiles("jsonl", o, ImportFixture.resource("jsonl/judged.jsonl"));
            assertThat(r.pairsRead()).isEqualTo(3);
            // "judge" is a usual name of the labeler role
            assertThat(f.labelerNames()).containsExactly("llama-3-70b", "llama-3-8b");
            assertThat(f.count("SELECT count(*) FROM labeler WHERE kind = 'AI'")).isEqualTo(2);
            assertThat(f.rows("SELECT c.source_id, c.context, l.choice FROM comparison c JOIN label l"
                    + " ON l.comparison_id = c.id ORDER BY c.source_id"))
                    .extracting(m -> m.get("source_id") + "|" + m.get("choice"))
                    .containsExactly("q-001|A", "q-002|B", "q-003|TIE");
            // fields that play no role are kept as metadata
            assertThat(f.rows("SELECT metadata FROM comparison WHERE source_id = 'q-001'").get(0).get("metadata")
                    .toString()).contains("\"confidence\":0.8");
        }
    }

    @Test
    void fieldsNamedLikeRolesAndMessageListsNeedNoMapping() throws Exception {
        try (ImportFixture f = new ImportFixture(dir)) {
            ImportReport r = f.importFiles("auto", ImportFixture.resource("jsonl/messages.jsonl"));
            assertThat(r.format()).isEqualTo("jsonl");
            assertThat(f.rows("SELECT c.context, c.task, c.split, l.choice FROM comparison c JOIN label l"
                    + " ON l.comparison_id = c.id ORDER BY c.id"))
                    .extracting(m -> m.get("context") + "|" + m.get("task") + "|" + m.get("split") + "|" + m.get("choice"))
                    .containsExactly("User: Hi!|other|test|A", "User: Tell me a fact.|helpfulness|train|A");
            assertThat(f.labelerNames()).containsExactly("rater-7");
        }
    }
}
