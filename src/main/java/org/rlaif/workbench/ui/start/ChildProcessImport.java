package org.rlaif.workbench.ui.start;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rlaif.workbench.io.ImportCancelledException;
import org.rlaif.workbench.io.ImportException;
import org.rlaif.workbench.io.ImportOptions;
import org.rlaif.workbench.io.ImportProgress;
import org.rlaif.workbench.io.ImportReport;
import org.rlaif.workbench.io.InvalidRecord;
import org.rlaif.workbench.io.SourceFile;
import org.rlaif.workbench.runs.ChildProcess;
import org.rlaif.workbench.store.ProjectStore;

/**
 * Runs an import as the command line does ({@code import --events}), in a child JVM at a lower scheduling
 * priority, and reads its progress and result from the child's output.
 *
 * <p>Why not a thread of the window: an import parses, hashes and allocates as fast as it can. In the window's
 * JVM its garbage collections stopped the JavaFX thread (pauses of 40–150 ms on two cores), and it competed for
 * the CPU with the thread that draws the window on equal terms. In its own JVM, at a lower priority
 * ({@link LowerPriority}), its collections are its own and the window's threads come first. The child writes to the
 * project file like any second process (SQLite allows one writer and many readers); killing it at any moment leaves
 * the project as it was.
 * See docs/decisions/ (import in a child process).
 */
public final class ChildProcessImport implements ImportRunner {
    private static final long CANCEL_POLL_MS = 50;

    @Override
    public ImportReport run(ProjectStore store, List<Path> files, String format, ImportOptions options,
                            ImportProgress progress) throws ImportException {
        Path first = files.isEmpty() ? store.file() : files.get(0);
        Events events = new Events(progress);
        ChildProcess child;
        try {
            child = ChildProcess.start(command(store.file(), files, format, options), Map.of(), null, events);
        } catch (IOException e) {
            throw new ImportException(first, 0, "cannot start the import process: " + e.getMessage(), e);
        }
        Thread watchdog = watchdog(child, progress);
        ChildProcess.Exit exit;
        try {
            exit = child.await();
        } catch (IOException e) {
            throw new ImportException(first, 0, "lost the import process (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportCancelledException(first);
        } finally {
            watchdog.interrupt();
        }
        if (progress.isCancelled() || exit.killed()) {
            // ended by the watchdog: its transaction was never committed, so nothing is stored
            throw new ImportCancelledException(first);
        }
        if (events.problem != null) {
            JsonNode problem = events.problem;
            throw new ImportException(Path.of(problem.path("file").asText()), problem.path("line").asLong(),
                    problem.path("problem").asText());
        }
        if (events.done == null || exit.status() != 0) {
            String why = exit.errorTail().isEmpty() ? "" : ": " + exit.errorTail();
            throw new ImportException(first, 0, "the import process failed (exit status " + exit.status() + ")"
                    + why);
        }
        return report(events.done);
    }

    /** What the child reports: progress goes straight to the bar, the result is kept for the end. */
    private static final class Events implements ChildProcess.Listener {
        private final ImportProgress progress;
        private JsonNode done;
        private JsonNode problem;

        Events(ImportProgress progress) {
            this.progress = progress;
        }

        @Override
        public void event(JsonNode event) {
            switch (event.path("event").asText()) {
                case "progress" -> progress.bytes(event.path("done").asLong(), event.path("total").asLong());
                case "done" -> done = event;
                case "problem" -> problem = event;
                default -> {
                    // "summarising": the bar already shows the import as read
                }
            }
        }
    }

    /** The child's command line: this JVM's java and class path, the CLI's import, lower priority where possible. */
    static List<String> command(Path project, List<Path> files, String format, ImportOptions options) {
        List<String> cmd = new ArrayList<>(LowerPriority.PREFIX);
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        // one collector thread is plenty for an import, and leaves the other core to the window
        cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), "org.rlaif.workbench.Launcher", "import", "--events",
                "--project", project.toAbsolutePath().toString(), "--format", format));
        if (options.skipInvalid()) {
            cmd.add("--skip-invalid");
        }
        add(cmd, "--labeler", options.labelerName());
        add(cmd, "--labeler-kind", options.labelerKind() == null ? null : options.labelerKind().name());
        add(cmd, "--task", options.task() == null ? null : options.task().key());
        add(cmd, "--split", options.split() == null ? null : options.split().key());
        add(cmd, "--source", options.source());
        add(cmd, "--seed", options.shuffleSeed() == null ? null : options.shuffleSeed().toString());
        for (Map.Entry<String, String> c : options.columns().entrySet()) {
            add(cmd, "--column", c.getKey() + "=" + c.getValue());
        }
        cmd.add("--");
        files.forEach(f -> cmd.add(f.toAbsolutePath().toString()));
        return cmd;
    }

    private static void add(List<String> cmd, String option, String value) {
        if (value != null) {
            cmd.add(option);
            cmd.add(value);
        }
    }

    private static ImportReport report(JsonNode d) {
        List<SourceFile> sources = new ArrayList<>();
        d.path("sources").forEach(s -> sources.add(new SourceFile(Path.of(s.path("path").asText()),
                s.path("sha256").asText(), s.path("size").asLong())));
        List<String> labelers = new ArrayList<>();
        d.path("labelers").forEach(l -> labelers.add(l.asText()));
        List<InvalidRecord> invalid = new ArrayList<>();
        d.path("skipped").forEach(b -> invalid.add(new InvalidRecord(Path.of(b.path("file").asText()),
                b.path("line").asLong(), b.path("problem").asText())));
        return new ImportReport(d.path("format").asText(), sources, d.path("pairs_read").asLong(),
                d.path("pairs_added").asLong(), d.path("labels_added").asLong(), d.path("labels_existing").asLong(),
                d.path("failed_labels").asLong(), labelers, invalid, d.path("shuffle_seed").asLong(),
                d.path("elapsed_ms").asLong());
    }

    /**
     * Ends the child at once when the import is cancelled (an import has no step to finish: its one transaction is
     * simply never committed), and waits for it to be gone, since until then it may hold the project's write lock.
     */
    private static Thread watchdog(ChildProcess child, ImportProgress progress) {
        Thread t = new Thread(() -> {
            try {
                while (child.isAlive()) {
                    if (progress.isCancelled()) {
                        child.requestStop(Duration.ZERO);
                        child.waitFor(Duration.ofSeconds(10));
                        return;
                    }
                    Thread.sleep(CANCEL_POLL_MS);
                }
            } catch (InterruptedException done) {
                // the import ended
            }
        }, "import-watchdog");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
