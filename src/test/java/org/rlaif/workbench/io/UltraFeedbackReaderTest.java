package org.rlaif.workbench.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On small files in the schemas of openbmb/UltraFeedback and HuggingFaceH4/ultrafeedback_binarized. */
class UltraFeedbackReaderTest {
    @TempDir
    Path dir;

    @Test
    void rawRecordsGiveEveryTwoRatedCompletionsAsAPair() throws Exception {
        try (ImportFixture f = new ImportFixture(dir)) {
            ImportReport r = f.importFiles("auto", ImportFixture.resource("ultrafeedback/ultrafeedback-raw.jsonl"));
            assertThat(r.format()).isEqualTo("ultrafeedback");
            // 4 rated completions give 6 pairs; the second record has one completion GPT-4 rated N/A on every
            // aspect, so its 3 rated completions give 3
            assertThat(f.pairs()).isEqualTo(9);
            assertThat(f.labelerNames()).containsExactly(UltraFeedbackReader.LABELER);
            assertThat(f.count("SELECT count(*) FROM labeler WHERE kind = 'AI' AND model_id = 'gpt-4'")).isEqualTo(1);
            assertThat(f.choices(UltraFeedbackReader.LABELER)).isEqualTo(Map.of("A", 6L, "B", 2L, "TIE", 1L));
            // ultralm-13b has no fine-grained_score: its ratings 4, 5, 5, 5 average to wizardlm's 4.75, a tie
            Map<String, Object> tie = f.rows("SELECT c.metadata, l.raw_answer FROM label l JOIN comparison c"
                    + " ON c.id = l.comparison_id WHERE l.choice = 'TIE'").get(0);
            assertThat(tie.get("metadata").toString()).contains("\"model_a\":\"ultralm-13b\"")
                    .contains("\"model_b\":\"wizardlm-7b\"").contains("\"source\":\"flan_v2_niv2\"");
            assertThat(tie.get("raw_answer").toString()).contains("\"fine_grained_a\":4.75");
            assertThat(f.count("SELECT count(*) FROM comparison WHERE json_extract(metadata, '$.model_a') ="
                    + " 'llama-2-7b-chat' OR json_extract(metadata, '$.model_b') = 'llama-2-7b-chat'")).isZero();
            // A is the completion listed first; the critiques are the rationale
            Map<String, Object> gptVsAlpaca = f.rows("SELECT l.choice, l.rationale FROM label l JOIN comparison c"
                    + " ON c.id = l.comparison_id WHERE json_extract(c.metadata, '$.model_a') = 'gpt-4'"
                    + " AND json_extract(c.metadata, '$.model_b') = 'alpaca-7b'").get(0);
            assertThat(gptVsAlpaca.get("choice")).isEqualTo("A");
            assertThat(gptVsAlpaca.get("rationale").toString()).startsWith("A: Accurate, concise")
                    .contains("\n\nB: This is a common misconception");
        }
    }

    @Test
    void binarizedRecordsAreShuffledAndJudgedByTheirScores() throws Exception {
        try (ImportFixture f = new ImportFixture(dir)) {
            ImportReport r = f.importFiles("auto", ImportFixture.resource("ultrafeedback/test_prefs-binarized.jsonl"));
            assertThat(r.format()).isEqualTo("ultrafeedback");
            assertThat(f.pairs()).isEqualTo(3);
            assertThat(f.count("SELECT count(*) FROM comparison WHERE split = 'test'")).isEqualTo(3);
            // the response is the assistant's message, not the whole conversation
            assertThat(f.count("SELECT count(*) FROM comparison WHERE response_a LIKE '%User:%'")).isZero();
            Map<String, Object> math = f.rows("SELECT c.response_a, c.response_b, l.choice FROM comparison c"
                    + " JOIN label l ON l.comparison_id = c.id WHERE c.context = 'What is 17 * 3?'").get(0);
            String preferred = (String) ("A".equals(math.get("choice")) ? math.get("response_a") : math.get("response_b"));
            assertThat(preferred).isEqualTo("17 * 3 = 51.");
            assertThat(f.count("SELECT count(*) FROM label WHERE choice = 'TIE'")).isEqualTo(1); // scores 7.0 and 7.0
        }
    }
}
