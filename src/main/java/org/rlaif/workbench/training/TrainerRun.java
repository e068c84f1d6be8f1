package org.rlaif.workbench.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.rlaif.workbench.domain.Run;
import org.rlaif.workbench.domain.RunState;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.runs.ChildProcess;
import org.rlaif.workbench.runs.Watcher;
import org.rlaif.workbench.store.ProjectStore;

/**
 * One trainer at work: a row in the project's {@code run} table, a child process speaking the run protocol, and
 * everything it reports stored as it arrives ({@link RunRecorder}). Its end is decided here, from the last status
 * the trainer gave and how its process ended (decision 22):
 *
 * <ul>
 *   <li>status {@code finished} and exit 0: FINISHED; {@code stopped} after a stop was asked: STOPPED;</li>
 *   <li>status {@code diverged}, or a loss that is not a number: DIVERGED;</li>
 *   <li>status {@code failed}, no final status at all (a crash, the out-of-memory killer), a non-zero exit, or no
 *       word for longer than the silence limit (a hang): FAILED, with the end of its error output;</li>
 *   <li>asked to stop and still running after the grace period: killed with every process it started, CANCELLED.</li>
 * </ul>
 *
 * A trainer that prints junk never takes anything down: non-JSON lines are log, JSON lines that break the protocol
 * are logged as protocol errors and counted.
 */
public final class TrainerRun {
    /** How the run ended. */
    public record Outcome(long runId, RunState state, String message, List<RunEvent.Artifact> artifacts) {
        public boolean succeeded() {
            return state.hasResult();
        }

        /** The newest artifact of {@code kind}, or null. */
        public String artifact(String kind) {
            String path = null;
            for (RunEvent.Artifact a : artifacts) {
                if (a.kind().equals(kind)) {
                    path = a.path();
                }
            }
            return path;
        }
    }

    /** What the window or the command line is told, on the thread that reads the trainer. */
    public interface Listener {
        void event(RunEvent event);

        /** A line for the log that is not a protocol event (the trainer's or a library's own printing). */
        default void log(String line) {
        }
    }

    private final ProjectStore store;
    private final Listener listener;
    private final Run run;
    private final RunRecorder recorder;
    private final List<RunEvent.Artifact> artifacts = new ArrayList<>();
    private final AtomicLong lastWord = new AtomicLong(System.nanoTime());
    private volatile TrainerLaunch launch;
    private volatile ChildProcess child;
    private volatile boolean stopAsked;
    private volatile String silence;
    private RunEvent.Status lastStatus;
    private String divergedBecause;
    private int protocolErrors;

    private TrainerRun(ProjectStore store, Listener listener, Run run) {
        this.store = store;
        this.listener = listener;
        this.run = run;
        this.recorder = new RunRecorder(store, run.id());
    }

    /**
     * Stores the run (PENDING, with what was asked so far and this process as its watcher); nothing is started yet.
     * Its id names its folder, so the launch is made after this.
     */
    public static TrainerRun create(ProjectStore store, String kind, String name, ObjectNode spec, Listener listener) {
        String json = toJson(spec);
        Run run = store.write(c -> {
            Run r = store.runs().create(c, kind, name, json);
            store.runs().updateWatcher(c, r.id(), Watcher.self());
            return r;
        });
        return new TrainerRun(store, listener, run);
    }

    /**
     * Continues a stored run that ended (stopped, failed, interrupted) from the checkpoint of {@code fromStep}: it
     * becomes PENDING again with this process as its watcher, and what the trainer reports next is added to it. The
     * metrics and samples it stored after that step are deleted, since the trainer repeats those steps from the
     * checkpoint (decision 45); everything else is kept.
     */
    public static TrainerRun reopen(ProjectStore store, long runId, long fromStep, Listener listener) {
        Run run = store.write(c -> {
            Run r = store.runs().find(c, runId).orElseThrow(() -> new TrainingSetupException("there is no run #"
                    + runId + " in this project"));
            long discarded = store.runs().discardAfterStep(c, r.id(), fromStep);
            store.runs().reopen(c, r.id(), "resuming");
            store.runs().updateWatcher(c, r.id(), Watcher.self());
            store.runs().appendLog(c, r.id(), "resumed by process " + ProcessHandle.current().pid()
                    + " from the checkpoint of step " + fromStep + (discarded == 0 ? ""
                    : "; the " + discarded + " metric points and samples stored after that step, which the resume"
                    + " repeats, were deleted"));
            return store.runs().find(c, r.id()).orElseThrow();
        });
        return new TrainerRun(store, listener, run);
    }

    private static String toJson(ObjectNode spec) {
        try {
            return Json.mapper().writeValueAsString(spec);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a run's spec", e);
        }
    }

    /** Ends a run that never started (its preparation failed after the row was made). */
    public Outcome abandon(String why) {
        return end(RunState.FAILED, why);
    }

    public long runId() {
        return run.id();
    }

    /**
     * Starts the trainer and reads it until it ends. Returns how it ended; the run's row says the same. Never throws
     * for anything the trainer does.
     */
    public Outcome execute(TrainerLaunch launch) {
        this.launch = launch;
        String spec = toJson(launch.spec());
        store.write(c -> {
            store.runs().updateSpec(c, run.id(), spec);
            return null;
        });
        try {
            child = ChildProcess.start(launch.command(), launch.environment(), launch.directory(), true, new Reader());
        } catch (IOException e) {
            return end(RunState.FAILED, "cannot start the trainer (" + String.join(" ", launch.command()) + "): "
                    + e.getMessage());
        }
        store.write(c -> {
            store.runs().updatePid(c, run.id(), child.pid());
            store.runs().updateState(c, run.id(), RunState.RUNNING, "running");
            store.runs().appendLog(c, run.id(), "started: " + String.join(" ", launch.command()));
            return null;
        });
        if (stopAsked) {
            child.requestStop(launch.stopGrace()); // asked before the process existed
        }
        Thread watchdog = silenceWatchdog();
        ChildProcess.Exit exit;
        try {
            exit = child.await();
        } catch (IOException e) {
            return end(RunState.FAILED, "lost the trainer's output: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.kill();
            return end(RunState.CANCELLED, "the watching thread was interrupted; the trainer was killed");
        } catch (RuntimeException e) {
            return end(RunState.FAILED, "stopped watching the trainer: " + e);
        } finally {
            watchdog.interrupt();
        }
        return end(decide(exit), message(exit));
    }

    /** Asks the trainer to finish its step, save and exit; kills it and its children if it has not after the grace. */
    public void stop() {
        stopAsked = true;
        ChildProcess c = child;
        if (c != null) {
            c.requestStop(launch.stopGrace());
        }
    }

    private RunState decide(ChildProcess.Exit exit) {
        if (silence != null) {
            return RunState.FAILED;
        }
        if (divergedBecause != null || (lastStatus != null && lastStatus.state().equals("diverged"))) {
            return RunState.DIVERGED;
        }
        if (exit.killed()) {
            return stopAsked ? RunState.CANCELLED : RunState.FAILED;
        }
        if (recorder.failure() != null) {
            return RunState.FAILED;
        }
        if (lastStatus == null || exit.status() != 0) {
            return RunState.FAILED;
        }
        return switch (lastStatus.state()) {
            case "finished" -> RunState.FINISHED;
            case "stopped" -> RunState.STOPPED;
            default -> RunState.FAILED;
        };
    }

    private String message(ChildProcess.Exit exit) {
        String tail = exit.errorTail().isEmpty() ? "" : "\n" + lastLines(exit.errorTail(), 20);
        if (silence != null) {
            return silence;
        }
        if (divergedBecause != null) {
            return divergedBecause;
        }
        if (exit.killed()) {
            return stopAsked ? "did not stop within " + launch.stopGrace().toSeconds()
                    + " s of being asked; it was killed with every process it started"
                    : "killed" + tail;
        }
        if (recorder.failure() != null) {
            return "could not store what the trainer reported: " + recorder.failure().getMessage();
        }
        if (lastStatus == null) {
            return "the trainer ended without saying how (exit status " + exit.status() + ")"
                    + (protocolErrors > 0 ? "; " + protocolErrors + " line(s) broke the run protocol" : "") + tail;
        }
        if (exit.status() != 0 && !lastStatus.state().equals("failed")) {
            // a trainer that reports failed exits 1 (decision 22): its own message says why; any other report
            // followed by a non-zero exit is a contradiction worth naming
            return "the trainer exited with status " + exit.status() + " after reporting '" + lastStatus.state() + "'"
                    + tail;
        }
        String said = lastStatus.message();
        return lastStatus.state().equals("failed") ? said + tail : said;
    }

    private static String lastLines(String text, int n) {
        String[] lines = text.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - n), lines.length));
    }

    private Outcome end(RunState state, String message) {
        recorder.close();
        store.write(c -> {
            store.runs().updateState(c, run.id(), state, message);
            store.runs().appendLog(c, run.id(), state.name().toLowerCase(java.util.Locale.ROOT)
                    + (message == null || message.isEmpty() ? "" : ": " + message));
            return null;
        });
        return new Outcome(run.id(), state, message, List.copyOf(artifacts));
    }

    /** Fails a trainer that has said nothing for longer than the launch allows: it hangs. */
    private Thread silenceWatchdog() {
        Duration limit = launch.silenceLimit();
        Thread t = new Thread(() -> {
            try {
                while (child.isAlive()) {
                    Thread.sleep(Math.min(1_000, Math.max(10, limit.toMillis() / 4)));
                    long quiet = System.nanoTime() - lastWord.get();
                    if (quiet > limit.toNanos() && child.isAlive()) {
                        silence = "no word from the trainer for " + limit.toSeconds() + " s: it hangs, and was killed";
                        child.kill();
                        return;
                    }
                }
            } catch (InterruptedException done) {
                // the run ended
            }
        }, "run-" + run.id() + "-silence");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Turns the trainer's lines into events, stored and passed on. */
    private final class Reader implements ChildProcess.Listener {
        @Override
        public void event(JsonNode line) {
            lastWord.set(System.nanoTime());
            RunEvent e;
            try {
                e = RunProtocol.get().parse(line);
            } catch (RunProtocol.ProtocolException bad) {
                protocolErrors++;
                String text = "protocol error: " + bad.getMessage();
                recorder.log(text);
                listener.log(text);
                return;
            }
            switch (e) {
                case RunEvent.Hello h -> recordEnvironment(h);
                case RunEvent.Status s -> lastStatus = s.isFinal() ? s : lastStatus;
                case RunEvent.Artifact a -> artifacts.add(a);
                case RunEvent.Metric m when isLoss(m) && !Double.isFinite(m.value()) && divergedBecause == null -> {
                    divergedBecause = m.name() + " is " + m.value() + " at step " + m.step() + ": the run diverged";
                    child.requestStop(launch.stopGrace());
                }
                default -> {
                }
            }
            recorder.event(e);
            listener.event(e);
            if (recorder.failure() != null && !stopAsked) {
                stopAsked = true;
                child.requestStop(launch.stopGrace()); // the project cannot take more: no point training on
            }
        }

        @Override
        public void output(String line) {
            lastWord.set(System.nanoTime());
            recorder.log(line);
            listener.log(line);
        }

        @Override
        public void error(String line) {
            // tqdm redraws its bar on standard error many times a second: a sign of life, kept only in the tail
            lastWord.set(System.nanoTime());
        }
    }

    private static boolean isLoss(RunEvent.Metric m) {
        return m.name().endsWith("loss");
    }

    /** The trainer's library versions and device join the run's spec: what a reader of the run later needs. */
    private void recordEnvironment(RunEvent.Hello h) {
        ObjectNode spec = launch.spec().deepCopy();
        ObjectNode env = spec.putObject("environment");
        env.put("trainer", h.trainer());
        env.put("protocol", h.protocol());
        env.set("versions", h.versions());
        env.set("device", h.device());
        String json = toJson(spec);
        store.write(c -> {
            store.runs().updateSpec(c, run.id(), json);
            return null;
        });
    }
}
