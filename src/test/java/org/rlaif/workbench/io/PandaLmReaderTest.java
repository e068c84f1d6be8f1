package org.rlaif.workbench.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PandaLmReaderTest {
    @TempDir
    Path dir;

    private static Path pandalm(String name) {
        return ImportFixture.dataset("pandalm/" + name);
    }

    @Test
    void theFolderJoinsThreeFilesIntoFiveLabelers() throws Exception {
        try (ImportFixture f = new ImportFixture(dir)) {
            ImportReport r = f.importFiles("auto", ImportFixture.dataset("pandalm"));
            assertThat(r.format()).isEqualTo("pandalm");
            assertThat(r.pairsRead()).isEqualTo(999);
            assertThat(f.labelerNames()).containsExactlyInAnyOrder("annotator1", "annotator2", "annotator3",
                    "gpt-3.5-turbo", "pandalm-7b");
            assertPandaLmLabels(f);
        }
    }

    static void assertPandaLmLabels(ImportFixture f) {
        // 71 texts recur under several idx (two models wrote the same answers), so 999 records are 900 pairs;
        // each repeat is another sample of the same labeler on its pair
        assertThat(f.pairs()).isEqualTo(900);
        assertThat(f.labels()).isEqualTo(5 * 999);
        // counts from the files, taken independently with Python's json module
        assertThat(f.choices("annotator1")).isEqualTo(Map.of("A", 427L, "B", 475L, "TIE", 97L));
        assertThat(f.choices("annotator2")).isEqualTo(Map.of("A", 417L, "B", 466L, "TIE", 116L));
        assertThat(f.choices("annotator3")).isEqualTo(Map.of("A", 411L, "B", 475L, "TIE", 113L));
        assertThat(f.choices("pandalm-7b")).isEqualTo(Map.of("A", 433L, "B", 459L, "TIE", 107L));
        // GPT-3.5 answered "garbage" 25 times: failed labels that keep the text, never a choice
        assertThat(f.choices("gpt-3.5-turbo")).isEqualTo(Map.of("A", 460L, "B", 476L, "TIE", 38L, "FAILED", 25L));
        assertThat(f.rows("SELECT DISTINCT l.status, l.raw_answer FROM label l JOIN labeler b ON b.id = l.labeler_id"
                + " WHERE b.name = 'gpt-3.5-turbo' AND l.choice IS NULL"))
                .containsExactly(Map.of("status", "FAILED", "raw_answer", "garbage"));
        assertThat(f.rows("SELECT name, kind, model_id, params FROM labeler ORDER BY name"))
                .extracting(m -> m.get("name") + "/" + m.get("kind") + "/" + m.get("params"))
                .containsExactly("annotator1/HUMAN/null", "annotator2/HUMAN/null", "annotator3/HUMAN/null",
                        "gpt-3.5-turbo/AI/null", "pandalm-7b/AI/7.0E9");
    }

    @Test
    void pairsCarryContextRationalesAndMetadata() throws Exception {
        try (ImportFixture f = new ImportFixture(dir)) {
            f.importFiles("pandalm", ImportFixture.dataset("pandalm"));
            Map<String, Object> idx0 = f.rows("SELECT * FROM comparison WHERE source_id = '0'").get(0);
            assertThat(idx0.get("context").toString()).startsWith("The sentence you are given might be too wordy")
                    .contains("\n\nIf you have any questions about my rate or if you find it necessary");
            assertThat(idx0.get("response_a")).isEqualTo("If you have any questions about my rate, please let me know.");
            assertThat(idx0.get("metadata").toString()).contains("\"cmp_key\":\"bloom-7b_llama-7b\"");
            assertThat(f.rows("SELECT l.rationale FROM label l JOIN labeler b ON b.id = l.labeler_id"
                    + " WHERE b.name = 'gpt-3.5-turbo' AND l.comparison_id = ?", idx0.get("id")).get(0)
                    .get("rationale").toString())
                    .startsWith("Response 1 is better because it addresses both questions")
                    .contains("Reference answer: ");
            // a response the file writes as JSON true is the text the judges saw
            assertThat(f.count("SELECT count(*) FROM comparison WHERE source_id = '157' AND response_a = 'True'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void filesInAnyOrderGiveTheSameResultAndASecondImportAddsNothing() throws Exception {
        try (ImportFixture f = new ImportFixture(dir)) {
            f.importFiles("pandalm", pandalm("pandalm-7b-testset-v1.json"), pandalm("testset-v1.json"),
                    pandalm("gpt-3.5-turbo-testset-v1.json"));
            assertPandaLmLabels(f);
            ImportReport again = f.importFiles("auto", ImportFixture.dataset("pandalm"));
            assertThat(again.addedNothing()).isTrue();
            assertThat(again.labelsExisting()).isEqualTo(5 * 999);
            assertPandaLmLabels(f);
        }
    }

    @Test
    void aJudgeFileAloneTakesItsPairsFromTheTestSetBesideIt() throws Exception {
        try (ImportFixture f = new ImportFixture(dir)) {
            ImportReport judge = f.importFiles("auto", pandalm("pandalm-7b-testset-v1.json"));
            assertThat(judge.labelers()).containsExactly("pandalm-7b");
            assertThat(f.pairs()).isEqualTo(900);
            assertThat(f.labels()).isEqualTo(999);
            ImportReport humans = f.importFiles("auto", pandalm("testset-v1.json"));
            assertThat(humans.pairsAdded()).isZero();
            assertThat(humans.labelsAdded()).isEqualTo(3 * 999);
        }
    }

    @Test
    void aJudgeFileWithoutTheTestSetIsAClearError() throws Exception {
        Path lonely = dir.resolve("judges");
        Files.createDirectories(lonely);
        Path copy = Files.copy(pandalm("gpt-3.5-turbo-testset-v1.json"), lonely.resolve("gpt-3.5-turbo-testset-v1.json"));
        try (ImportFixture f = new ImportFixture(dir)) {
            assertThatThrownBy(() -> f.importFiles("auto", copy))
                    .isInstanceOf(ImportException.class)
                    .hasMessageStartingWith(copy + ": a PandaLM judge file needs the pairs of testset-v1.json")
                    .hasMessageContaining("pass it too");
            assertThat(f.pairs()).isZero();
        }
    }

    @Test
    void aJudgeRowWithoutAPairIsReportedAtItsLine() throws Exception {
        Path judges = dir.resolve("pl");
        Files.createDirectories(judges);
        Files.copy(pandalm("testset-v1.json"), judges.resolve("testset-v1.json"));
        Path judge = judges.resolve("pandalm-extra.json");
        Files.writeString(judge, """
                [
                  {"idx": 0, "pandalm_result": 1, "pandalm_reason": "r"},
                  {"idx": 5000, "pandalm_result": 2, "pandalm_reason": "r"}
                ]
                """);
        try (ImportFixture f = new ImportFixture(dir)) {
            assertThatThrownBy(() -> f.importFiles("pandalm", judges))
                    .isInstanceOf(ImportException.class)
                    .hasMessage(judge + ":3: idx 5000 matches no valid pair in testset-v1.json");
            assertThat(f.pairs()).isZero();
            ImportReport skipping = f.importFiles("pandalm", ImportOptions.defaults().withSkipInvalid(true), judges);
            assertThat(skipping.invalid()).extracting(InvalidRecord::line).containsExactly(3L);
            assertThat(f.choices("pandalm-7b")).isEqualTo(Map.of("A", 1L));
        }
    }
}
