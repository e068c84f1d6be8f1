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

    private final Process process;
    private final Listener listener;
    private final ErrorTail errors = new ErrorTail(ERROR_TAIL_CHARS);
    private final Thread drain;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicBoolean killed = new AtomicBoolean();

    private ChildProcess(Process process, Listener listener) {
        this.process = process;
        this.listener = listener;
        this.drain = drain(process.getErrorStream());
    }

    /** Starts {@code command} in {@code directory} (null: this process's) with {@code environment} added. */
    public static ChildProcess start(List<String> command, Map<String, String> environment, Path directory,
                                     Listener listener) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(environment);
        if (directory != null) {
            pb.directory(directory.toFile());
        }
        return new ChildProcess(pb.start(), listener);
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
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                dispatch(line);
            }
        } catch (IOException e) {
            if (!killed.get() && !stopRequested.get()) {
                kill();
                throw e;
            }
        } catch (RuntimeException | Error e) {
            kill();
            throw e;
        } catch (InterruptedException e) {
            kill();
            throw e;
        }
        process.waitFor();
        drain.join(2_000);
        return new Exit(process.exitValue(), stopRequested.get(), killed.get(), errors.text());
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
