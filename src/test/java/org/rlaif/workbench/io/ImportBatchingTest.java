package org.rlaif.workbench.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.LabelerKind;
import org.rlaif.workbench.store.ProjectStore;

/**
 * Imports store new records 64 to a statement and everything else row by row; the two paths must give the same
 * project whatever the mix: new and known pairs interleaved, repeats inside one batch, partial batches.
 */
class ImportBatchingTest {
    @TempDir
    Path dir;

    @Test
    void knownAndNewPairsInterleavedGiveEveryPairOnceWithItsLabels() throws Exception {
        List<Integer> first = range(0, 130);             // two full batches and a tail
        List<Integer> second = new ArrayList<>(range(70, 230)); // 60 known, 100 new
        Collections.shuffle(second, new Random(7));
        try (ProjectStore store = ProjectStore.open(dir.resolve("p.rlaif"))) {
            ImportReport a = importAs(store, trl("a.jsonl", first), "alice");
            ImportReport b = importAs(store, trl("b.jsonl", second), "bob");
            assertThat(a.pairsAdded()).isEqualTo(130);
            assertThat(b.pairsAdded()).isEqualTo(100);
            assertThat(b.labelsAdded()).isEqualTo(160);
            assertThat(count(store, "SELECT count(*) FROM comparison")).isEqualTo(230);
            assertThat(count(store, "SELECT count(DISTINCT pair_key) FROM comparison")).isEqualTo(230);
            assertThat(count(store, "SELECT count(*) FROM label WHERE sample_index <> 0")).isZero();
            // pairs 70..129 carry both labels, the others one
            assertThat(count(store, "SELECT count(*) FROM (SELECT comparison_id FROM label GROUP BY comparison_id"
                    + " HAVING count(*) = 2)")).isEqualTo(60);
            // every label points at its own pair: the side it chose is that pair's good answer
            assertThat(count(store, "SELECT count(*) FROM label l JOIN comparison c ON c.id = l.comparison_id"
                    + " WHERE CASE l.choice WHEN 'A' THEN c.response_a ELSE c.response_b END"
                    + " <> 'good ' || substr(c.context, 10, length(c.context) - 10)")).isZero();
        }
    }

    @Test
    void aRepeatInsideOneBatchIsAnotherSampleOfTheSamePair() throws Exception {
        List<Integer> lines = new ArrayList<>(range(0, 64));
        lines.set(40, 3); // line 41 repeats line 4: the batch is not all new
        try (ProjectStore store = ProjectStore.open(dir.resolve("p.rlaif"))) {
            ImportReport r = importAs(store, trl("r.jsonl", lines), "carol");
            assertThat(r.pairsAdded()).isEqualTo(63);
            assertThat(r.labelsAdded()).isEqualTo(64);
            assertThat(count(store, "SELECT count(*) FROM label WHERE sample_index = 1")).isEqualTo(1);
        }
    }

    @Test
    void aSecondImportOfAFullBatchFileAddsNothing() throws Exception {
        Path file = trl("full.jsonl", range(0, 128));
        try (ProjectStore store = ProjectStore.open(dir.resolve("p.rlaif"))) {
            importAs(store, file, "dave");
            ImportReport again = importAs(store, file, "dave");
            assertThat(again.addedNothing()).isTrue();
            assertThat(again.labelsExisting()).isEqualTo(128);
            assertThat(count(store, "SELECT count(*) FROM label")).isEqualTo(128);
        }
    }

    private ImportReport importAs(ProjectStore store, Path file, String labeler) throws ImportException {
        ImportOptions o = new ImportOptions(false, labeler, LabelerKind.HUMAN, null, null, null, 1L, null);
        return new ImportService().importFiles(store, List.of(file), "trl", o, ImportProgress.NONE);
    }

    private Path trl(String name, List<Integer> questions) throws Exception {
        Path file = dir.resolve(name);
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (int q : questions) {
                w.write("{\"prompt\": \"Question " + q + "?\", \"chosen\": \"good " + q + "\", \"rejected\": \"bad " + q + "\"}\n");
            }
        }
        return file;
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }

    private static long count(ProjectStore store, String sql) {
        return store.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
