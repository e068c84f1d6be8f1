package org.rlaif.workbench.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.store.ProjectStore;

/** An import is all or nothing, whether it fails, is cancelled, or its process is killed. */
class ImportAtomicityTest {
    @TempDir
    Path dir;

    @Test
    void aBadLineDeepInAFileLeavesTheProjectAsItWas() throws Exception {
        Path file = trlFile(5_000, 4_321);
        Path project = dir.resolve("p.rlaif");
        try (ProjectStore store = ProjectStore.open(project)) {
            assertThatThrownBy(() -> new ImportService().importFiles(store, List.of(file), "trl",
                    ImportOptions.defaults(), ImportProgress.NONE))
                    .isInstanceOf(ImportException.class)
                    .hasMessage(file + ":4321: missing field 'rejected'");
            assertThat(store.summary().pairs()).isZero();
            assertThat(store.listLabelers()).isEmpty();
        }
    }

    @Test
    void skipInvalidKeepsTheRestAndNamesTheLine() throws Exception {
        Path file = trlFile(2_000, 1_500);
        try (ProjectStore store = ProjectStore.open(dir.resolve("p.rlaif"))) {
            ImportReport r = new ImportService().importFiles(store, List.of(file), "trl",
                    ImportOptions.defaults().withSkipInvalid(true), ImportProgress.NONE);
            assertThat(r.pairsAdded()).isEqualTo(1_999);
            assertThat(r.invalid()).singleElement().hasToString(file + ":1500: missing field 'rejected'");
        }
    }

    @Test
    void cancellingStoresNothing() throws Exception {
        Path file = trlFile(20_000, -1);
        try (ProjectStore store = ProjectStore.open(dir.resolve("p.rlaif"))) {
            ImportProgress cancelHalfway = new ImportProgress() {
                private volatile boolean cancel;

                @Override
                public void bytes(long done, long total) {
                    cancel = done > total / 2;
                }

                @Override
                public boolean isCancelled() {
                    return cancel;
                }
            };
            assertThatThrownBy(() -> new ImportService().importFiles(store, List.of(file), "trl",
                    ImportOptions.defaults(), cancelHalfway)).isInstanceOf(ImportCancelledException.class);
            assertThat(store.summary().pairs()).isZero();
        }
    }

    @Test
    void importingTheSameFileTwiceAddsNothing() throws Exception {
        Path file = trlFile(500, -1);
        try (ProjectStore store = ProjectStore.open(dir.resolve("p.rlaif"))) {
            ImportService service = new ImportService();
            ImportReport first = service.importFiles(store, List.of(file), "auto", ImportOptions.defaults(), ImportProgress.NONE);
            ImportReport second = service.importFiles(store, List.of(file), "auto", ImportOptions.defaults(), ImportProgress.NONE);
            assertThat(first.pairsAdded()).isEqualTo(500);
            assertThat(first.labelsAdded()).isEqualTo(500);
            assertThat(second.addedNothing()).isTrue();
            assertThat(second.labelsExisting()).isEqualTo(500);
            assertThat(store.summary().labelers()).singleElement().satisfies(l -> assertThat(l.labels()).isEqualTo(500));
        }
    }

    @Test
    void aKilledImportLeavesAnIntactProjectWithNothingOfIt() throws Exception {
        Path file = trlFile(200_000, -1); // seconds of work even on a fast machine
        Path project = dir.resolve("killed.rlaif");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "--enable-native-access=ALL-UNNAMED", "org.rlaif.workbench.Launcher", "import", "--project",
                project.toString(), file.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // The project file appears when the import opens it; 300 ms later the import is mid-way (it holds
        // its rows in one open transaction until the end, so the file shows no progress to wait for).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !Files.exists(project)) {
            Thread.sleep(5);
        }
        Thread.sleep(300);
        boolean stillRunning = child.isAlive();
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(stillRunning).as("the import was still running when it was killed").isTrue();
        try (ProjectStore store = ProjectStore.open(project)) {
            String check = store.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(check).isEqualTo("ok");
            assertThat(store.summary().pairs()).isZero();
            // the import ran without the WAL (it had the file alone) and left a journal that this open rolled back;
            // the open sets WAL again
            assertThat(Files.exists(Path.of(project + "-journal"))).isFalse();
            String mode = store.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(mode).isEqualToIgnoringCase("wal");
        }
    }

    /** A TRL file of {@code n} pairs; line {@code badLine} (1-based) lacks its rejected answer, or none when -1. */
    private Path trlFile(int n, int badLine) throws Exception {
        Path file = dir.resolve("pairs-" + n + ".jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (int i = 1; i <= n; i++) {
                String prompt = "Prompt number " + i + " asks something long enough to be realistic. ".repeat(3);
                if (i == badLine) {
                    w.write("{\"prompt\": \"" + prompt + "\", \"chosen\": \"yes\"}\n");
                } else {
                    w.write("{\"prompt\": \"" + prompt + "\", \"chosen\": \"Good answer " + i
                            + " with detail.\", \"rejected\": \"Bad answer " + i + ".\"}\n");
                }
            }
        }
        return file;
    }
}
