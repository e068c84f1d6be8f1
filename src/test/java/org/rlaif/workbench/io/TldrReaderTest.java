package org.rlaif.workbench.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a small file in the exact schema of summarize-from-feedback's comparisons/batch*.json. */
class TldrReaderTest {
    private static final String W1 = "KZL1qeSkWxFuhkB7uGDY0oZrfnM2P4";
    private static final String W2 = "ikNmucwunMnYJCQpnq6ZYb57OW7NiD";
    private static final String W3 = "Q4Hd8vsfmZgXk21cLRpTwa9NyeJoUb";

    @TempDir
    Path dir;

    @Test
    void eachWorkerIsAHumanLabelerAndOnePairShownInBothOrdersIsOnePair() throws Exception {
        try (ImportFixture f = new ImportFixture(dir)) {
            ImportReport r = f.importFiles("auto", ImportFixture.resource("tldr/comparisons-sample.jsonl"));
            assertThat(r.format()).isEqualTo("tldr");
            assertThat(r.pairsRead()).isEqualTo(6);
            assertThat(f.pairs()).isEqualTo(4);
            assertThat(f.labelerNames()).containsExactly(W1, W2, W3);
            assertThat(f.count("SELECT count(*) FROM labeler WHERE kind = 'HUMAN'")).isEqualTo(3);
            assertThat(f.count("SELECT count(*) FROM comparison WHERE task = 'summarization'")).isEqualTo(4);

            // the roommate post: two workers, the summaries listed in opposite orders, both preferring the long one
            List<String> preferred = preferredTexts(f, "t3_1a2b3c");
            assertThat(preferred).hasSize(2).allSatisfy(t -> assertThat(t).startsWith(" roommate keeps eating"));
            // the finance post: the two workers disagree, which is what the human-human ceiling is made of
            assertThat(preferredTexts(f, "t3_4d5e6f")).containsExactlyInAnyOrder(
                    " Got a raise, have a 6.4% car loan and already get the full 401k match. Should the extra"
                            + " $550/month go to the loan or to more retirement savings?",
                    " should I pay off my car or invest in my 401k");
        }
    }

    @Test
    void contextSplitAndWhatTheWorkerWroteAreKept() throws Exception {
        try (ImportFixture f = new ImportFixture(dir)) {
            f.importFiles("tldr", ImportFixture.resource("tldr/comparisons-sample.jsonl"));
            Map<String, Object> pair = f.rows("SELECT * FROM comparison WHERE source_id = 't3_4d5e6f'").get(0);
            assertThat(pair.get("context").toString()).startsWith("SUBREDDIT: r/personalfinance\nTITLE: Got a 15% raise,"
                    + " should I put the extra into my 401k or pay off my car loan faster?\nPOST: I'm 31, the car loan");
            assertThat(pair.get("split")).isEqualTo("train");
            assertThat(pair.get("metadata").toString()).contains("\"policy_a\"").contains("\"pretrain_12b\"");
            assertThat(f.count("SELECT count(*) FROM comparison WHERE source_id = 't3_7g8h9i' AND split = 'test'"
                    + " AND json_extract(metadata, '$.split') = 'valid2'")).isEqualTo(2);
            assertThat(f.rows("SELECT l.raw_answer FROM label l JOIN labeler b ON b.id = l.labeler_id"
                    + " JOIN comparison c ON c.id = l.comparison_id WHERE b.name = ? AND c.source_id = 't3_1a2b3c'", W1)
                    .get(0).get("raw_answer").toString())
                    .contains("\"confidence\":8").contains("\"batch\":\"batch9\"").contains("Roommate eats labeled food.");
        }
    }

    @Test
    void workersCanBeMergedIntoOneLabelerOnRequest() throws Exception {
        try (ImportFixture f = new ImportFixture(dir)) {
            ImportOptions merged = new ImportOptions(false, "tldr-workers", null, null, null, null, null, Map.of());
            f.importFiles("tldr", merged, ImportFixture.resource("tldr/comparisons-sample.jsonl"));
            assertThat(f.labelerNames()).containsExactly("tldr-workers");
            assertThat(f.labels()).isEqualTo(6);
            assertThat(f.count("SELECT max(sample_index) FROM label")).isEqualTo(1);
        }
    }

    private static List<String> preferredTexts(ImportFixture f, String postId) {
        return f.rows("SELECT CASE l.choice WHEN 'A' THEN c.response_a ELSE c.response_b END AS t FROM label l"
                + " JOIN comparison c ON c.id = l.comparison_id WHERE c.source_id = ?", postId)
                .stream().map(m -> (String) m.get("t")).toList();
    }
}
