package org.rlaif.workbench.ui.start;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.rlaif.workbench.io.ImportCancelledException;
import org.rlaif.workbench.io.ImportException;
import org.rlaif.workbench.io.ImportOptions;
import org.rlaif.workbench.io.ImportProgress;
import org.rlaif.workbench.io.ImportReport;
import org.rlaif.workbench.io.InvalidRecord;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.io.SourceFile;
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
    private static final int STDERR_KEPT = 4_000;

    @Override
    public ImportReport run(ProjectStore store, List<Path> files, String format, ImportOptions options,
                            ImportProgress progress) throws ImportException {
        Path first = files.isEmpty() ? store.file() : files.get(0);
        Process child;
        try {
            child = new ProcessBuilder(command(store.file(), files, format, options)).start();
        } catch (IOException e) {
            throw new ImportException(first, 0, "cannot start the import process: " + e.getMessage(), e);
        }
        StringBuilder errors = new StringBuilder();
        Thread drain = drain(child.getErrorStream(), errors);
        Thread watchdog = watchdog(child, progress);
        JsonNode done = null;
        JsonNode problem = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                JsonNode event;
                try {
                    event = Json.mapper().readTree(line);
                } catch (IOException notAnEvent) {
                    continue; // a library writing to standard output: not ours to read
                }
                switch (event.path("event").asText()) {
                    case "progress" -> progress.bytes(event.path("done").asLong(), event.path("total").asLong());
                    case "done" -> done = event;
                    case "problem" -> problem = event;
                    default -> {
                        // "summarising": the bar already shows the import as read
                    }
                }
            }
            child.waitFor();
            drain.join(1_000);
        } catch (IOException e) {
            child.destroyForcibly();
            if (progress.isCancelled()) {
                // the watchdog ended the child while this thread was reading: on Linux the JDK then closes the
                // pipe under the reader ("Stream closed"), which is the cancellation, not a lost process
                awaitEnd(child);
                throw new ImportCancelledException(first);
            }
            throw new ImportException(first, 0, "lost the import process (" + e.getMessage() + ")"
                    + exitAndErrors(child, errors), e);
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ImportCancelledException(first);
        } catch (RuntimeException | Error e) {
            child.destroyForcibly(); // a listener failed: the import must not go on unwatched
            throw e;
        } finally {
            watchdog.interrupt();
        }
        if (progress.isCancelled()) {
            throw new ImportCancelledException(first);
        }
        if (problem != null) {
            throw new ImportException(Path.of(problem.path("file").asText()), problem.path("line").asLong(),
                    problem.path("problem").asText());
        }
        if (done == null || child.exitValue() != 0) {
            throw new ImportException(first, 0, "the import process failed" + exitAndErrors(child, errors));
        }
        return report(done);
    }

    /**
     * Waits (ten seconds at most) for a child that was told to end, or has ended: until it has, it may hold the
     * project's write lock, and the next write would wait for it. True once it has ended.
     */
    private static boolean awaitEnd(Process child) {
        try {
            return child.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !child.isAlive();
        }
    }

    /** " (exit status N): the end of its error output", once the child has ended. */
    private static String exitAndErrors(Process child, StringBuilder errors) {
        String status = awaitEnd(child) ? " (exit status " + child.exitValue() + ")" : "";
        String why;
        synchronized (errors) {
            why = errors.toString().strip();
        }
        return status + (why.isEmpty() ? "" : ": " + why);
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

    /** Keeps the end of the child's error output, for the message when it fails without saying why. */
    private static Thread drain(InputStream err, StringBuilder kept) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("WARNING:")) {
                        continue; // the JVM's notes about native access and the like
                    }
                    synchronized (kept) {
                        kept.append(line).append('\n');
                        if (kept.length() > STDERR_KEPT) {
                            kept.delete(0, kept.length() - STDERR_KEPT);
                        }
                    }
                }
            } catch (IOException ignored) {
                // the child is gone; what was kept is what there is
            }
        }, "import-stderr");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Ends the child when the import is cancelled: its transaction was never committed, so nothing is stored. */
    private static Thread watchdog(Process child, ImportProgress progress) {
        Thread t = new Thread(() -> {
            try {
                while (child.isAlive()) {
                    if (progress.isCancelled()) {
                        child.destroy();
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
