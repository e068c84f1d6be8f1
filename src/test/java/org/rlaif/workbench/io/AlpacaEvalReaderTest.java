package org.rlaif.workbench.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlpacaEvalReaderTest {
    @TempDir
    Path dir;

    private static Path seed(String judge, int i) {
        return ImportFixture.dataset("alpaca-eval/" + judge + "/annotations_seed" + i + "_configs.json");
    }

    @Test
    void fourSeedsInOneImportAreOneLabelerWithFourSamplesPerPair() throws Exception {
        try (ImportFixture f = new ImportFixture(dir)) {
            ImportReport r = f.importFiles("auto", seed("gpt4_b1", 0), seed("gpt4_b1", 1), seed("gpt4_b1", 2),
                    seed("gpt4_b1", 3));
            assertThat(r.format()).isEqualTo("alpaca-eval");
            assertSeedsStored(f);
        }
    }

    @Test
    void fourSeedsInFourImportsGiveTheSameProject() throws Exception {
        try (ImportFixture f = new ImportFixture(dir)) {
            for (int i = 0; i < 4; i++) {
                f.importFiles("alpaca-eval", seed("gpt4_b1", i));
            }
            assertSeedsStored(f);
            ImportReport again = f.importFiles("alpaca-eval", seed("gpt4_b1", 2));
            assertThat(again.addedNothing()).isTrue();
            assertThat(again.labelsExisting()).isEqualTo(648);
            assertSeedsStored(f);
        }
    }

    private static void assertSeedsStored(ImportFixture f) {
        assertThat(f.pairs()).isEqualTo(648);
        assertThat(f.labelerNames()).containsExactly("gpt4_b1");
        assertThat(f.labels()).isEqualTo(4 * 648);
        // every pair has exactly samples 0..3
        assertThat(f.count("SELECT count(*) FROM (SELECT comparison_id FROM label GROUP BY comparison_id"
                + " HAVING count(*) = 4 AND min(sample_index) = 0 AND max(sample_index) = 3"
                + " AND count(DISTINCT sample_index) = 4)")).isEqualTo(648);
        // sample i is seed file i: output_1 wins 352, 340, 350, 355 times (counted with Python's json module)
        assertThat(f.rows("SELECT sample_index, count(*) AS n FROM label WHERE choice = 'A' GROUP BY 1 ORDER BY 1"))
                .extracting(m -> ((Number) m.get("n")).longValue()).containsExactly(352L, 340L, 350L, 355L);
        assertThat(f.count("SELECT count(*) FROM labeler WHERE kind = 'AI' AND model_id = 'gpt-4'")).isEqualTo(1);
    }

    @Test
    void humanLabeledFileLandsOnTheSamePairsAsTheSeeds() throws Exception {
        try (ImportFixture f = new ImportFixture(dir)) {
            f.importFiles("auto", ImportFixture.dataset("alpaca-eval/gpt4_b1"));
            ImportReport human = f.importFiles("auto", ImportFixture.dataset("alpaca-eval/human-labeled-100.json"));
            assertThat(human.pairsRead()).isEqualTo(100);
            assertThat(human.pairsAdded()).isZero(); // instruction + "\n\n" + input is the same context
            assertThat(f.pairs()).isEqualTo(648);
            assertThat(f.labelerNames()).containsExactly("gpt4_b1", "claude", AlpacaEvalReader.HUMAN_LABELER);
            assertThat(f.choices("claude")).isEqualTo(Map.of("A", 100L)); // the degenerate judge, imported as it is
            assertThat(f.choices(AlpacaEvalReader.HUMAN_LABELER)).isEqualTo(Map.of("A", 70L, "B", 30L));
            assertThat(f.count("SELECT count(*) FROM labeler WHERE name = ? AND kind = 'HUMAN'",
                    AlpacaEvalReader.HUMAN_LABELER)).isEqualTo(1);
            // the human and the seeds meet on the same 100 comparisons
            assertThat(f.count("SELECT count(DISTINCT h.comparison_id) FROM label h JOIN labeler hl ON hl.id = h.labeler_id"
                    + " JOIN label s ON s.comparison_id = h.comparison_id JOIN labeler sl ON sl.id = s.labeler_id"
                    + " WHERE hl.name = ? AND sl.name = 'gpt4_b1'", AlpacaEvalReader.HUMAN_LABELER)).isEqualTo(100);
            // the worker's index is kept with the label
            assertThat(f.rows("SELECT raw_answer FROM label l JOIN labeler b ON b.id = l.labeler_id WHERE b.name = ?"
                    + " ORDER BY l.id LIMIT 1", AlpacaEvalReader.HUMAN_LABELER).get(0).get("raw_answer").toString())
                    .contains("\"annotator_index\":15");
        }
    }

    @Test
    void weightedJudgeStoresProbabilityOfA() throws Exception {
        try (ImportFixture f = new ImportFixture(dir)) {
            f.importFiles("auto", ImportFixture.dataset("alpaca-eval/alpaca-7b"));
            assertThat(f.pairs()).isEqualTo(805);
            assertThat(f.labelerNames()).containsExactly("alpaca_eval_cot_gpt4_turbo_fn",
                    "weighted_alpaca_eval_gpt4_turbo");
            // first record: preference 1.0000001827, so P(A) = 2 - p
            Map<String, Object> first = f.rows("SELECT l.choice, l.p_a FROM label l JOIN labeler b"
                    + " ON b.id = l.labeler_id JOIN comparison c ON c.id = l.comparison_id"
                    + " WHERE b.name = 'weighted_alpaca_eval_gpt4_turbo' AND c.context LIKE"
                    + " 'What are the names of some famous actors that started their careers on Broadway?'").get(0);
            assertThat(first.get("choice")).isEqualTo("A");
            assertThat(((Number) first.get("p_a")).doubleValue()).isCloseTo(2 - 1.0000001827, within(1e-12));
            // three pairs with identical outputs are ties (1.5) with no probability; the rest carry P(A)
            assertThat(f.choices("weighted_alpaca_eval_gpt4_turbo")).containsEntry("TIE", 3L);
            assertThat(f.count("SELECT count(p_a) FROM label l JOIN labeler b ON b.id = l.labeler_id"
                    + " WHERE b.name = 'weighted_alpaca_eval_gpt4_turbo'")).isEqualTo(802);
            assertThat(f.count("SELECT count(*) FROM label WHERE p_a IS NOT NULL AND"
                    + " ((p_a > 0.5 AND choice <> 'A') OR (p_a < 0.5 AND choice <> 'B'))")).isZero();
            // the chain-of-thought judge: hard choices, its explanation as the rationale, raw completion kept
            assertThat(f.choices("alpaca_eval_cot_gpt4_turbo_fn")).isEqualTo(Map.of("A", 784L, "B", 18L, "TIE", 3L));
            assertThat(f.count("SELECT count(rationale) FROM label l JOIN labeler b ON b.id = l.labeler_id"
                    + " WHERE b.name = 'alpaca_eval_cot_gpt4_turbo_fn'")).isEqualTo(802);
            assertThat(f.rows("SELECT raw_answer FROM label WHERE raw_answer LIKE '%concise_explanation%'"))
                    .hasSize(802);
            assertThat(f.rows("SELECT metadata FROM comparison LIMIT 1").get(0).get("metadata").toString())
                    .contains("\"generator_2\":\"alpaca-7b\"").contains("\"dataset\":");
        }
    }

    @Test
    void preferenceEncodings() throws Exception {
        Path file = dir.resolve("prefs.json");
        java.nio.file.Files.writeString(file, """
                [
                 {"instruction": "i", "input": "", "output_1": "a1", "output_2": "b1", "annotator": "j", "preference": 1},
                 {"instruction": "i", "input": "", "output_1": "a2", "output_2": "b2", "annotator": "j", "preference": 2},
                 {"instruction": "i", "input": "", "output_1": "a3", "output_2": "b3", "annotator": "j", "preference": 1.5},
                 {"instruction": "i", "input": "", "output_1": "a4", "output_2": "b4", "annotator": "j", "preference": 0},
                 {"instruction": "i", "input": "x", "output_1": "a5", "output_2": "b5", "annotator": "j", "preference": 1.75},
                 {"instruction": "i", "input": "", "output_1": "a6", "output_2": "b6", "annotator": "j", "preference": null},
                 {"instruction": "i", "input": "", "output_1": "a7", "output_2": "b7", "annotator": "j", "preference": NaN}
                ]
                """);
        try (ImportFixture f = new ImportFixture(dir)) {
            ImportReport r = f.importFiles("auto", file);
            assertThat(r.failedLabels()).isEqualTo(2);
            List<Map<String, Object>> rows = f.rows("SELECT c.response_a, l.choice, l.p_a, l.status, c.context"
                    + " FROM label l JOIN comparison c ON c.id = l.comparison_id ORDER BY c.response_a");
            assertThat(rows).extracting(m -> m.get("choice")).containsExactly("A", "B", "TIE", "TIE", "B", null, null);
            assertThat(((Number) rows.get(4).get("p_a")).doubleValue()).isCloseTo(0.25, within(1e-12));
            assertThat(rows.get(4).get("context")).isEqualTo("i\n\nx");
            assertThat(rows.get(5).get("status")).isEqualTo("FAILED");
        }
    }

    @Test
    void aPreferenceOutsideTheScaleIsABadRecordAtItsLine() throws Exception {
        Path file = dir.resolve("bad.json");
        java.nio.file.Files.writeString(file, """
                [
                  {"instruction": "i", "output_1": "a", "output_2": "b", "annotator": "j", "preference": 1},
                  {"instruction": "i", "output_1": "c", "output_2": "d", "annotator": "j", "preference": 3}
                ]
                """);
        try (ImportFixture f = new ImportFixture(dir)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.importFiles("alpaca-eval", file))
                    .isInstanceOf(ImportException.class)
                    .hasMessage(file + ":3: field 'preference' must be 1, 2, 1.5 or 0 (tie), or a weight in [1,2]; got 3.0");
            assertThat(f.pairs()).isZero();
        }
    }
}
