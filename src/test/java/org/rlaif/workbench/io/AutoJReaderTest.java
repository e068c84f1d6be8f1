package org.rlaif.workbench.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoJReaderTest {
    @TempDir
    Path dir;

    @Test
    void importsTheRealTestSetWithItsEncoding() throws Exception {
        try (ImportFixture f = new ImportFixture(dir)) {
            ImportReport r = f.importFiles("auto", ImportFixture.dataset("auto-j/autoj_pairwise.jsonl"));
            assertThat(r.format()).isEqualTo("auto-j");
            assertThat(r.pairsRead()).isEqualTo(1392);
            // one reading-comprehension pair appears three times (labels 2, 2, 1): one pair, three samples
            assertThat(f.pairs()).isEqualTo(1390);
            // label 0 = first (A) 520, 1 = second (B) 499, 2 = tie 373 (counted with Python's json module)
            assertThat(f.choices(AutoJReader.DEFAULT_LABELER)).isEqualTo(Map.of("A", 520L, "B", 499L, "TIE", 373L));
            assertThat(f.count("SELECT count(*) FROM labeler WHERE kind = 'HUMAN'")).isEqualTo(1);
            assertThat(f.count("SELECT count(*) FROM comparison WHERE task = 'summarization'"
                    + " AND metadata = '{\"scenario\":\"post_summarization\"}'")).isEqualTo(24);
            assertThat(f.count("SELECT count(*) FROM comparison WHERE task = 'helpfulness'")).isEqualTo(1366);
            assertThat(f.count("SELECT count(DISTINCT json_extract(metadata, '$.scenario')) FROM comparison"))
                    .isEqualTo(58);
            Map<String, Object> first = f.rows("SELECT c.context, c.response_a, l.choice FROM comparison c"
                    + " JOIN label l ON l.comparison_id = c.id ORDER BY c.id LIMIT 1").get(0);
            assertThat(first.get("context").toString()).startsWith("Summarize the following post\n\nTitle: I (23 F)");
            assertThat(first.get("choice")).isEqualTo("B"); // the first record's label is 1
        }
    }
}
