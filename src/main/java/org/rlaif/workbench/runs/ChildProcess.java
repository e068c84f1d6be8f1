package org.rlaif.workbench.runs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rlaif.workbench.io.Json;

/**
 * A child process that reports what it does as JSON lines on its standard output: an import (decision 18), a
 * trainer (decision 22). The one mechanism every run goes through, so that starting, reading, stopping and killing
 * work, and fail, the same way for all of them.
 *
 * <p>Standard output: each line that is a JSON object goes to {@link Listener#event}; any other line (a library
 * printing) to {@link Listener#output}. Standard error is drained on its own thread to {@link Listener#error} and its
 * end kept for the message when the child fails. Stop is two steps: {@link #requestStop} writes {@code stop} on the
 * child's standard input (the protocol's "finish this step, save, exit"), and if the child has not exited when the
 * grace period ends, {@link #kill} ends it and every process it started: trainers leave data-loader workers and GPU
 * processes behind when only the parent is killed.
 */
public final class ChildProcess {
    /** What the child says. Called on the thread that runs {@link #await}, except {@link #error}. */
    public interface Listener {
        void event(JsonNode event);

        default void output(String line) {
        }

        /** A line of the child's error output, on the draining thread. */
        default void error(String line) {
        }
    }

    /**
     * How the child ended.
     *
     * @param status        its exit status
     * @param stopRequested whether {@link #requestStop} was called
     * @param killed        whether it had to be killed (after the grace period, or by {@link #kill})
     * @param errorTail     the end of its error output
     */
    public record Exit(int status, boolean stopRequested, boolean killed, String errorTail) {
    }

    private static final int ERROR_TAIL_CHARS = 4_000;
    /**
     * How long the output may stay silent after the child ended before it is closed: long, because closing discards
     * lines still in the pipe, and a reader starved of CPU must get to read them first.
     */
    private static final long LEFT_OPEN_NANOS = 10_000_000_000L;

    private final Process process;
    private final boolean ownGroup;
    private final Listener listener;
    private final ErrorTail errors = new ErrorTail(ERROR_TAIL_CHARS);
    private final Thread drain;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicBoolean killed = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicLong lastLine = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());

    private ChildProcess(Process process, boolean ownGroup, Listener listener) {
        this.process = process;
        this.ownGroup = ownGroup;
        this.listener = listener;
        this.drain = drain(process.getErrorStream());
    }

    /** Starts {@code command} in {@code directory} (null: this process's) with {@code environment} added. */
    public static ChildProcess start(List<String> command, Map<String, String> environment, Path directory,
                                     Listener listener) throws IOException {
        return start(command, environment, directory, false, listener);
    }

    /**
     * As {@link #start(List, Map, Path, Listener)}; with {@code ownGroup}, the child leads a process group of its own
     * (where the system has {@code setsid}), and whatever of that group is still running when the child ends, or
     * is killed, is killed with it: processes it started and left behind included, which a parent-and-children walk
     * cannot find once their parent has gone.
     */
    public static ChildProcess start(List<String> command, Map<String, String> environment, Path directory,
                                     boolean ownGroup, Listener listener) throws IOException {
        Path program = Path.of(command.get(0));
        if (program.getParent() != null && !java.nio.file.Files.isExecutable(program)) {
            // checked here because under setsid the failure to start would only show as setsid's exit status
            throw new IOException(program + (java.nio.file.Files.exists(program) ? " is not executable"
                    : " does not exist"));
        }
        boolean group = ownGroup && ProcessTree.SETSID != null;
        List<String> cmd = command;
        if (group) {
            cmd = new java.util.ArrayList<>(command.size() + 1);
            cmd.add(ProcessTree.SETSID);
            cmd.addAll(command);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(environment);
        if (directory != null) {
            pb.directory(directory.toFile());
        }
        return new ChildProcess(pb.start(), group, listener);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Reads the child's output until it ends, then waits for it. A listener that throws ends the child (it must not
     * go on unwatched) and the exception comes out of here.
     *
     * @throws IOException when the output cannot be read, unless the child was being stopped or killed (then its
     *                     pipe closing under the reader is how it ends, not an error)
     */
    public Exit await() throws IOException, InterruptedException {
        InputStream stdout = process.getInputStream();
        AtomicBoolean reading = new AtomicBoolean(true);
        process.onExit().thenRun(() -> afterExit(stdout, reading));
        try (BufferedReader out = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                lastLine.set(System.nanoTime());
                dispatch(line);
            }
        } catch (IOException e) {
            if (!killed.get() && !stopRequested.get() && process.isAlive()) {
                kill();
                throw e;
            }
            // closed under the reader: by a kill, or after the child ended with a process it left holding the pipe
        } catch (RuntimeException | Error e) {
            kill();
            throw e;
        } catch (InterruptedException e) {
            kill();
            throw e;
        } finally {
            reading.set(false);
        }
        process.waitFor();
        drain.join(2_000);
        return new Exit(process.exitValue(), stopRequested.get(), killed.get(), errors.text());
    }

    /**
     * Once the child has ended, whatever it started and left behind is killed (with its own group), and if the
     * output pipe is still open after a moment (a process outside the group holds it), it is closed: the run is
     * over when its process is, not when the last process that inherited its output lets go.
     */
    private void afterExit(InputStream stdout, AtomicBoolean reading) {
        if (ownGroup) {
            ProcessTree.killGroup(process.pid());
        }
        Thread closer = new Thread(() -> {
            try {
                while (reading.get()) {
                    Thread.sleep(100);
                    if (System.nanoTime() - lastLine.get() > LEFT_OPEN_NANOS) {
                        stdout.close(); // nothing has come for a while: the pipe is held open, not being read
                        return;
                    }
                }
            } catch (InterruptedException | IOException ignored) {
                // nothing left to close
            }
        }, "run-output-closer");
        closer.setDaemon(true);
        closer.start();
    }

    /** Waits at most {@code timeout} for the child to end; true when it has. */
    public boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void dispatch(String line) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        String t = line.strip();
        if (t.startsWith("{")) {
            JsonNode node;
            try {
                node = Json.mapper().readTree(t);
            } catch (IOException notJson) {
                listener.output(line);
                return;
            }
            if (node != null && node.isObject()) {
                listener.event(node);
                return;
            }
        }
        listener.output(line);
    }

    /**
     * Asks the child to finish its step, save and exit (the line {@code stop} on its standard input), and kills it
     * with everything it started if it is still running after {@code grace}. A zero grace kills at once.
     */
    public void requestStop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        stopRequested.set(true);
        if (grace.isZero()) {
            kill();
            return;
        }
        try {
            OutputStream in = process.getOutputStream();
            in.write("stop\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException closed) {
            // the child closed its input or is exiting: the grace timer still ends it if it does not
        }
        Thread timer = new Thread(() -> {
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "run-stop-grace");
        timer.setDaemon(true);
        timer.start();
    }

    /** Kills the child and every process it started, at once. */
    public void kill() {
        killed.set(true);
        ProcessTree.kill(process.toHandle());
        if (ownGroup) {
            ProcessTree.killGroup(process.pid());
        }
    }

    /**
     * Closes the child's standard input: a trainer takes the end of its input as "the app is gone" and stops. Used
     * when the watcher itself goes away without stopping the run properly.
     */
    public void closeInput() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private Thread drain(InputStream err) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("WARNING:")) {
                        continue; // the JVM's notes about native access and the like (an import child is a JVM)
                    }
                    errors.add(line);
                    listener.error(line);
                }
            } catch (IOException | RuntimeException ignored) {
                // the child is gone, or the listener failed: what was kept is what there is
            }
        }, "run-stderr-" + process.pid());
        t.setDaemon(true);
        t.start();
        return t;
    }
}
