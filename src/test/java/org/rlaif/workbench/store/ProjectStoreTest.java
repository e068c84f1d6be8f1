package org.rlaif.workbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.LabelStatus;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.OrderShown;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;

class ProjectStoreTest {
    @TempDir
    Path dir;

    @Test
    void createsAProjectFileInWalModeWithForeignKeys() throws Exception {
        Path file = dir.resolve("p.rlaif");
        try (ProjectStore store = ProjectStore.open(file)) {
            String mode = store.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            int fk = store.write(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("PRAGMA foreign_keys")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(mode).isEqualToIgnoringCase("wal");
            assertThat(fk).isEqualTo(1);
        }
        assertThat(Files.size(file)).isPositive();
    }

    @Test
    void reopeningKeepsDataAndDoesNotMigrateTwice() {
        Path file = dir.resolve("p.rlaif");
        try (ProjectStore store = ProjectStore.open(file)) {
            store.write(c -> store.comparisons().insert(c, pair("hello")));
        }
        try (ProjectStore store = ProjectStore.open(file)) {
            assertThat(store.read(store.comparisons()::count)).isEqualTo(1);
        }
    }

    @Test
    void aCorrectionIsANewRowAndTheNewestWins() {
        try (ProjectStore store = ProjectStore.open(dir.resolve("p.rlaif"))) {
            long pairId = store.write(c -> store.comparisons().insert(c, pair("q")));
            Labeler ann = store.write(c -> store.labelers().findOrCreate(c, Labeler.human("ann")));
            Label first = store.addLabel(Label.of(pairId, ann.id(), 0, Choice.A, null, null, OrderShown.AB));
            Label second = store.addLabel(Label.of(pairId, ann.id(), 0, Choice.B, null, null, OrderShown.AB)
                    .superseding(first.id()));

            List<Label> current = store.read(c -> store.labels().current(c, pairId));
            List<Label> history = store.read(c -> store.labels().history(c, pairId));
            assertThat(current).extracting(Label::id).containsExactly(second.id());
            assertThat(current.get(0).choice()).isEqualTo(Choice.B);
            assertThat(history).extracting(Label::choice).containsExactly(Choice.A, Choice.B);
        }
    }

    @Test
    void aRowCanBeSupersededOnlyOnce() {
        try (ProjectStore store = ProjectStore.open(dir.resolve("p.rlaif"))) {
            long pairId = store.write(c -> store.comparisons().insert(c, pair("q")));
            Labeler ann = store.write(c -> store.labelers().findOrCreate(c, Labeler.human("ann")));
            Label first = store.addLabel(Label.of(pairId, ann.id(), 0, Choice.A, null, null, null));
            store.addLabel(Label.of(pairId, ann.id(), 0, Choice.B, null, null, null).superseding(first.id()));
            assertThatThrownBy(() -> store.addLabel(
                    Label.of(pairId, ann.id(), 0, Choice.TIE, null, null, null).superseding(first.id())))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("UNIQUE");
        }
    }

    @Test
    void aFailedWriteLeavesNothingBehind() {
        try (ProjectStore store = ProjectStore.open(dir.resolve("p.rlaif"))) {
            assertThatThrownBy(() -> store.write(c -> {
                store.comparisons().insert(c, pair("one"));
                store.labels().append(c, Label.of(999, 999, 0, Choice.A, null, null, null)); // no such pair: FK fails
                return null;
            })).isInstanceOf(StoreException.class).hasMessageContaining("FOREIGN KEY");
            assertThat(store.read(store.comparisons()::count)).isZero();
        }
    }

    @Test
    void failedLabelsCarryNoChoice() {
        try (ProjectStore store = ProjectStore.open(dir.resolve("p.rlaif"))) {
            long pairId = store.write(c -> store.comparisons().insert(c, pair("q")));
            Labeler judge = store.write(c -> store.labelers().findOrCreate(c, Labeler.ai("judge", "m", 7e9)));
            store.addLabel(Label.failed(pairId, judge.id(), 0, null, "prompt", "I cannot decide"));
            Label stored = store.read(c -> store.labels().current(c, pairId)).get(0);
            assertThat(stored.status()).isEqualTo(LabelStatus.FAILED);
            assertThat(stored.choice()).isNull();
            assertThat(stored.rawAnswer()).isEqualTo("I cannot decide");
            ProjectSummary s = store.summary();
            assertThat(s.labelers()).singleElement().satisfies(ls -> {
                assertThat(ls.labels()).isZero();
                assertThat(ls.failed()).isEqualTo(1);
            });
        }
    }

    @Test
    void refusesAnSqliteFileThatIsNotAProject() throws Exception {
        Path other = dir.resolve("other.db");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + other)) {
            c.createStatement().execute("CREATE TABLE t (x)");
        }
        assertThatThrownBy(() -> ProjectStore.open(other))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("not an RLAIF Workbench project");
    }

    @Test
    void refusesAFileThatIsNotSqlite() throws Exception {
        Path junk = dir.resolve("junk.rlaif");
        Files.writeString(junk, "this is not a database, just text that is long enough to have a header".repeat(20));
        assertThatThrownBy(() -> ProjectStore.open(junk))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("junk.rlaif");
    }

    @Test
    void searchFindsPairsByWordsInAnyText() {
        try (ProjectStore store = ProjectStore.open(dir.resolve("p.rlaif"))) {
            store.write(c -> {
                store.comparisons().insert(c, Comparison.draft(Task.OTHER, "How do volcanoes form?", "Magma rises",
                        "No idea", "t", null, Split.TEST, "{}"));
                store.comparisons().insert(c, Comparison.draft(Task.OTHER, "Bake bread", "Knead the dough",
                        "Buy it", "t", null, Split.TEST, "{}"));
                return null;
            });
            assertThat(store.search("magma", 10)).hasSize(1);
            assertThat(store.search("dough OR", 10)).hasSize(0); // OR is a plain word here, not syntax
            assertThat(store.search("\"knead the\"", 10)).hasSize(1);
            assertThat(store.search("volc*", 10)).hasSize(1);
            assertThat(store.search("   ", 10)).isEmpty();
        }
    }

    private static Comparison pair(String context) {
        return Comparison.draft(Task.OTHER, context, "a " + context, "b " + context, "test", null, Split.TEST, "{}");
    }
}
