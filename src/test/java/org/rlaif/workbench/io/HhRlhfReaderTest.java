package org.rlaif.workbench.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HhRlhfReaderTest {
    @TempDir
    Path dir;

    private static Path harmless() {
        return ImportFixture.dataset("hh-rlhf/harmless-base-test.jsonl.gz");
    }

    @Test
    void positionIsShuffledAndTheHumanLabelFollowsTheChosenResponse() throws Exception {
        try (ImportFixture f = new ImportFixture(dir.resolve("a"))) {
            ImportReport r = f.importFiles("auto", harmless());
            assertThat(r.format()).isEqualTo("hh-rlhf");
            assertThat(f.pairs()).isEqualTo(2312);
            assertThat(f.labelerNames()).containsExactly(HhRlhfReader.DEFAULT_LABELER);
            long chosenIsA = f.count("SELECT count(*) FROM label WHERE choice = 'A'");
            assertThat(chosenIsA).as("chosen at A for about half the pairs").isBetween(1040L, 1272L);
            assertThat(f.count("SELECT count(*) FROM comparison WHERE task = 'harmlessness' AND split = 'test'"))
                    .isEqualTo(2312);

            // every label points at the response the file calls chosen
            Map<String, String> chosenByPair = new HashMap<>();
            for (Map<String, Object> row : f.rows("SELECT c.context, c.response_a, c.response_b, l.choice"
                    + " FROM comparison c JOIN label l ON l.comparison_id = c.id")) {
                String chosen = (String) ("A".equals(row.get("choice")) ? row.get("response_a") : row.get("response_b"));
                chosenByPair.put(row.get("context") + "\u0000" + row.get("response_a") + "\u0000" + row.get("response_b"),
                        chosen);
            }
            int checked = 0;
            for (JsonNode record : readAll(harmless())) {
                DialogueSplit.Parts p = DialogueSplit.split(record.get("chosen").textValue(),
                        record.get("rejected").textValue());
                String ab = p.context() + "\u0000" + p.first() + "\u0000" + p.second();
                String ba = p.context() + "\u0000" + p.second() + "\u0000" + p.first();
                String stored = chosenByPair.containsKey(ab) ? chosenByPair.get(ab) : chosenByPair.get(ba);
                assertThat(stored).isEqualTo(p.first());
                checked++;
            }
            assertThat(checked).isEqualTo(2312);
        }
    }

    @Test
    void contextEndsWithTheHumanTurnAndResponsesAreTheLastAssistantTurns() throws Exception {
        try (ImportFixture f = new ImportFixture(dir)) {
            f.importFiles("hh-rlhf", harmless());
            assertThat(f.count("SELECT count(*) FROM comparison WHERE context NOT LIKE 'Human:%'")).isZero();
            assertThat(f.count("SELECT count(*) FROM comparison WHERE response_a LIKE 'Assistant:%'"
                    + " OR response_b LIKE 'Assistant:%'")).isZero();
            Map<String, Object> first = f.rows("SELECT * FROM comparison WHERE context LIKE"
                    + " 'Human: what are some pranks with a pen i can do?%' ORDER BY id LIMIT 1").get(0);
            assertThat(first.get("context").toString()).endsWith("Human: okay some of these do not have anything to do with pens");
        }
    }

    @Test
    void reimportingIntoTheSameProjectGivesIdenticalPairs() throws Exception {
        try (ImportFixture f = new ImportFixture(dir)) {
            f.importFiles("hh-rlhf", harmless());
            List<Map<String, Object>> before = f.rows("SELECT pair_key, response_a FROM comparison ORDER BY pair_key");
            ImportReport again = f.importFiles("hh-rlhf", harmless());
            assertThat(again.addedNothing()).isTrue();
            assertThat(again.labelsExisting()).isEqualTo(2312);
            assertThat(f.rows("SELECT pair_key, response_a FROM comparison ORDER BY pair_key")).isEqualTo(before);
        }
    }

    @Test
    void theSeedDecidesTheOrderAndIsRecordedInTheProject() throws Exception {
        List<Map<String, Object>> withSeed7;
        try (ImportFixture f = new ImportFixture(dir.resolve("one"))) {
            ImportReport r = f.importFiles("hh-rlhf", ImportOptions.defaults().withShuffleSeed(7L), harmless());
            assertThat(r.shuffleSeed()).isEqualTo(7L);
            assertThat(f.rows("SELECT value FROM project_meta WHERE key = ?", ImportService.SHUFFLE_SEED_KEY))
                    .containsExactly(Map.of("value", "7"));
            withSeed7 = f.rows("SELECT pair_key FROM comparison ORDER BY pair_key");
            // another seed on this project would put the same pairs the other way round: refused, nothing stored
            long labels = f.labels();
            assertThatThrownBy(() -> f.importFiles("hh-rlhf", ImportOptions.defaults().withShuffleSeed(8L),
                    harmless())).isInstanceOf(ImportException.class).hasMessageContaining("seed 7");
            assertThat(f.labels()).isEqualTo(labels);
        }
        try (ImportFixture f = new ImportFixture(dir.resolve("two"))) {
            f.importFiles("hh-rlhf", ImportOptions.defaults().withShuffleSeed(7L), harmless());
            assertThat(f.rows("SELECT pair_key FROM comparison ORDER BY pair_key")).isEqualTo(withSeed7);
        }
        try (ImportFixture f = new ImportFixture(dir.resolve("three"))) {
            f.importFiles("hh-rlhf", ImportOptions.defaults().withShuffleSeed(8L), harmless());
            List<Map<String, Object>> withSeed8 = f.rows("SELECT pair_key FROM comparison ORDER BY pair_key");
            long same = withSeed8.stream().filter(withSeed7::contains).count();
            assertThat(same).as("another seed places about half the pairs differently").isBetween(1040L, 1272L);
        }
    }

    @Test
    void taskComesFromThePathOrTheOption() throws Exception {
        try (ImportFixture f = new ImportFixture(dir)) {
            ImportOptions helpful = new ImportOptions(false, null, null, org.rlaif.workbench.domain.Task.HELPFULNESS,
                    null, null, null, Map.of());
            f.importFiles("hh-rlhf", helpful, harmless());
            assertThat(f.count("SELECT count(*) FROM comparison WHERE task = 'helpfulness'")).isEqualTo(2312);
        }
    }

    @Test
    void aCutOffGzipFileIsRefusedAtTheLineWhereTheDataEnds() throws Exception {
        byte[] whole = java.nio.file.Files.readAllBytes(harmless());
        Path cut = dir.resolve("harmless-base-test.jsonl.gz");
        java.nio.file.Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        try (ImportFixture f = new ImportFixture(dir.resolve("p"))) {
            ImportException e = org.junit.jupiter.api.Assertions.assertThrows(ImportException.class,
                    () -> f.importFiles("auto", cut));
            assertThat(e.getMessage()).startsWith(cut + ":").contains("the compressed data is damaged or cut short");
            assertThat(e.line()).isBetween(900L, 1300L);
            assertThat(f.pairs()).isZero();
            ImportReport kept = f.importFiles("hh-rlhf", ImportOptions.defaults().withSkipInvalid(true), cut);
            assertThat(kept.invalid()).singleElement().satisfies(bad -> assertThat(bad.line()).isEqualTo(e.line()));
            // every whole line before the damage is imported (the last, cut line is the one reported)
            assertThat(kept.pairsRead()).isEqualTo(e.line() - 1);
        }
    }

    private static List<JsonNode> readAll(Path gz) throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.add(Json.mapper().readTree(line));
            }
        }
        return out;
    }
}
