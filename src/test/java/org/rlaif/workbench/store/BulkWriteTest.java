package org.rlaif.workbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;

/** An import's write: without the WAL when the file is the writer's alone, in WAL (readers unblocked) otherwise. */
class BulkWriteTest {
    @TempDir
    Path dir;

    @Test
    void aloneItWritesWithARollbackJournalAndLeavesTheFileInWalMode() {
        Path file = dir.resolve("p.rlaif");
        try (ProjectStore store = ProjectStore.open(file)) {
            String during = store.bulkWrite(c -> {
                store.comparisons().insert(c, pair("one"));
                return journalMode(c);
            });
            assertThat(during).isEqualToIgnoringCase("delete");
            assertThat(store.write(BulkWriteTest::journalMode)).isEqualToIgnoringCase("wal");
            assertThat(store.read(store.comparisons()::count)).isEqualTo(1);
        }
        try (ProjectStore again = ProjectStore.open(file)) {
            assertThat(again.read(BulkWriteTest::journalMode)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void aFailedBulkWriteStoresNothingAndGoesBackToWal() {
        try (ProjectStore store = ProjectStore.open(dir.resolve("p.rlaif"))) {
            assertThatThrownBy(() -> store.bulkWrite(c -> {
                store.comparisons().insert(c, pair("kept?"));
                throw new SQLException("the import found a bad record");
            })).isInstanceOf(StoreException.class).hasMessageContaining("bad record");
            assertThat(store.read(store.comparisons()::count)).isZero();
            assertThat(store.write(BulkWriteTest::journalMode)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void whileAnotherConnectionHasTheFileItStaysInWalAndTheOtherKeepsReading() {
        Path file = dir.resolve("p.rlaif");
        try (ProjectStore store = ProjectStore.open(file); ProjectStore window = ProjectStore.open(file)) {
            store.write(c -> store.comparisons().insert(c, pair("before")));
            assertThat(window.read(window.comparisons()::count)).isEqualTo(1); // the window has a reader open
            long started = System.nanoTime();
            long seenByWindowDuringTheWrite = store.bulkWrite(c -> {
                assertThat(journalMode(c)).isEqualToIgnoringCase("wal");
                store.comparisons().insert(c, pair("during"));
                return window.read(window.comparisons()::count); // a WAL reader is not blocked by the writer
            });
            // the switch was refused at once, not after the 10 s busy timeout
            assertThat(System.nanoTime() - started).isLessThan(5_000_000_000L);
            assertThat(seenByWindowDuringTheWrite).isEqualTo(1);
            assertThat(window.read(window.comparisons()::count)).isEqualTo(2);
        }
    }

    @Test
    void aReaderOfTheSameProcessKeepsItInWalToo() {
        try (ProjectStore store = ProjectStore.open(dir.resolve("p.rlaif"))) {
            store.read(store.comparisons()::count); // opens a read connection, as the window's screens do
            assertThat(store.bulkWrite(BulkWriteTest::journalMode)).isEqualToIgnoringCase("wal");
        }
    }

    private static String journalMode(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Comparison pair(String context) {
        return Comparison.draft(Task.OTHER, context, "a " + context, "b " + context, "test", null, Split.TEST, "{}");
    }
}
