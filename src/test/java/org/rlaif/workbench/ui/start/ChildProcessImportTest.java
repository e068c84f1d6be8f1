package org.rlaif.workbench.ui.start;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.io.ImportCancelledException;
import org.rlaif.workbench.io.ImportException;
import org.rlaif.workbench.io.ImportOptions;
import org.rlaif.workbench.io.ImportProgress;
import org.rlaif.workbench.io.ImportReport;
import org.rlaif.workbench.io.ImportService;
import org.rlaif.workbench.store.AgreementStatus;
import org.rlaif.workbench.store.PairFilter;
import org.rlaif.workbench.store.PairQuery;
import org.rlaif.workbench.store.PairSummaries;
import org.rlaif.workbench.store.ProjectStore;

/** The window's imports, run by a real child JVM into a project this JVM holds open, as the window does. */
class ChildProcessImportTest {
    @TempDir
    Path dir;
    private ProjectStore store;
    private final ChildProcessImport runner = new ChildProcessImport();

    @BeforeEach
    void open() {
        store = ProjectStore.open(dir.resolve("p.rlaif"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void importsWhatTheCommandLineImportsAndLeavesTheSummariesCurrent() throws Exception {
        Path file = trl(dir.resolve("prefs.jsonl"), 300);
        AtomicLong lastDone = new AtomicLong();
        ImportReport report = runner.run(store, List.of(file), "auto", ImportOptions.defaults().withShuffleSeed(3L),
                new ImportProgress() {
                    @Override
                    public void bytes(long done, long total) {
                        assertThat(done).isBetween(0L, total);
                        lastDone.set(done);
                    }
                });
        assertThat(report.format()).isEqualTo("trl");
        assertThat(report.pairsRead()).isEqualTo(300);
        assertThat(report.pairsAdded()).isEqualTo(300);
        assertThat(report.labelsAdded()).isEqualTo(300);
        assertThat(report.shuffleSeed()).isEqualTo(3);
        assertThat(report.files()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo(file.toAbsolutePath());
            assertThat(f.size()).isEqualTo(Files.size(file));
        });
        assertThat(lastDone.get()).isEqualTo(Files.size(file));
        // this JVM sees the child's commits, summaries included (the child caught them up)
        assertThat(store.summary().pairs()).isEqualTo(300);
        assertThat(store.read(new PairSummaries()::isBehind)).isFalse();
        long single = store.read(c -> new PairQuery().count(c,
                PairFilter.ALL.withStatuses(java.util.Set.of(AgreementStatus.SINGLE))));
        assertThat(single).isEqualTo(300);

        // the same file again adds nothing, exactly as in one JVM
        ImportReport again = runner.run(store, List.of(file), "trl", ImportOptions.defaults(), ImportProgress.NONE);
        assertThat(again.addedNothing()).isTrue();
    }

    @Test
    void aBadRecordComesBackWithItsFileAndLineAndNothingIsStored() throws Exception {
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, """
                {"prompt": "Name a colour", "chosen": "Blue", "rejected": "Seven"}
                {"prompt": "Name a tree", "chosen":
                """);
        assertThatThrownBy(() -> runner.run(store, List.of(bad), "trl", ImportOptions.defaults(),
                ImportProgress.NONE))
                .isInstanceOfSatisfying(ImportException.class, e -> {
                    assertThat(e.file()).isEqualTo(bad.toAbsolutePath());
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.problem()).isNotBlank();
                });
        assertThat(store.summary().pairs()).isZero();

        ImportReport skipping = runner.run(store, List.of(bad), "trl",
                new ImportOptions(true, null, null, null, null, "mine", null, java.util.Map.of()), ImportProgress.NONE);
        assertThat(skipping.pairsAdded()).isEqualTo(1);
        assertThat(skipping.invalid()).singleElement().satisfies(r -> assertThat(r.line()).isEqualTo(2));
        assertThat(store.read(new PairQuery()::sources)).containsOnlyKeys("mine");
    }

    @Test
    void aCancelledImportEndsTheChildAndStoresNothing() throws Exception {
        Path file = trl(dir.resolve("big.jsonl"), 200_000);
        AtomicBoolean cancel = new AtomicBoolean();
        assertThatThrownBy(() -> runner.run(store, List.of(file), "trl", ImportOptions.defaults(),
                new ImportProgress() {
                    @Override
                    public void bytes(long done, long total) {
                        cancel.set(true); // the first progress: the child is reading
                    }

                    @Override
                    public boolean isCancelled() {
                        return cancel.get();
                    }
                })).isInstanceOf(ImportCancelledException.class);
        assertThat(store.summary().pairs()).isZero();
        // and the project takes the next import as if nothing had happened
        Path small = trl(dir.resolve("small.jsonl"), 10);
        assertThat(runner.run(store, List.of(small), "trl", ImportOptions.defaults(), ImportProgress.NONE)
                .pairsAdded()).isEqualTo(10);
    }

    @Test
    void aChildThatDiesMidImportIsAnErrorWithItsExitStatusAndStoresNothing() throws Exception {
        Path file = trl(dir.resolve("big.jsonl"), 200_000);
        AtomicBoolean killed = new AtomicBoolean();
        List<Integer> policies = new java.util.concurrent.CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> runner.run(store, List.of(file), "trl", ImportOptions.defaults(),
                new ImportProgress() {
                    @Override
                    public void bytes(long done, long total) {
                        if (!killed.getAndSet(true)) {
                            ProcessHandle.current().children().forEach(child -> policies.add(policy(child.pid())));
                            // not a cancel: the child is killed from outside, as the OOM killer or a user would
                            ProcessHandle.current().children().forEach(ProcessHandle::destroyForcibly);
                        }
                    }
                })).isInstanceOfSatisfying(ImportException.class, e -> {
                    assertThat(e).isNotInstanceOf(ImportCancelledException.class);
                    assertThat(e.file()).isEqualTo(file.toAbsolutePath());
                    assertThat(e.problem()).contains("exit status 137");
                });
        assertThat(store.summary().pairs()).isZero();
        if (LowerPriority.PREFIX.contains("--idle")) {
            assertThat(policies).as("the child's scheduling policy").isNotEmpty().containsOnly(SCHED_IDLE);
        }
    }

    private static final int SCHED_IDLE = 5;

    /** A Linux process's scheduling policy: the 41st field of /proc/PID/stat (after the command in brackets). */
    private static int policy(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(after[41 - 3]);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    @Test
    void theChildRunsTheCommandLinesImportAtALowerPriority() {
        List<String> cmd = ChildProcessImport.command(dir.resolve("p.rlaif"), List.of(Path.of("a b.jsonl")), "csv",
                new ImportOptions(true, "ann", null, org.rlaif.workbench.domain.Task.SUMMARIZATION,
                        org.rlaif.workbench.domain.Split.TEST, "src", 9L, java.util.Map.of("prompt", "q")));
        assertThat(String.join(" ", cmd)).contains("org.rlaif.workbench.Launcher import --events --project ")
                .contains("--format csv --skip-invalid --labeler ann --task summarization --split test --source src"
                        + " --seed 9 --column prompt=q --");
        assertThat(cmd.get(cmd.size() - 1)).endsWith("a b.jsonl");
        assertThat(cmd.subList(0, LowerPriority.PREFIX.size())).containsExactlyElementsOf(LowerPriority.PREFIX);
        if (System.getProperty("os.name").startsWith("Linux")
                && (Files.isExecutable(Path.of("/usr/bin/nice")) || Files.isExecutable(Path.of("/bin/nice")))) {
            // SCHED_IDLE where the system allows it, else nice: never normal priority on Linux
            assertThat(LowerPriority.PREFIX).isNotEmpty();
            assertThat(LowerPriority.PREFIX.get(0)).endsWith(LowerPriority.PREFIX.get(1).equals("--idle") ? "chrt"
                    : "nice");
        }
    }

    private static Path trl(Path file, int pairs) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pairs; i++) {
            text.append("{\"prompt\": \"Question ").append(i).append("\", \"chosen\": \"A good answer to ")
                    .append(i).append("\", \"rejected\": \"Not really ").append(i).append("\"}\n");
        }
        Files.writeString(file, text);
        return file;
    }
}
