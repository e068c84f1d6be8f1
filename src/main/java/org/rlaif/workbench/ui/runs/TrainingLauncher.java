package org.rlaif.workbench.ui.runs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.training.EnvironmentCheck;
import org.rlaif.workbench.training.HeldOutAgreement;
import org.rlaif.workbench.training.HeldOutScores;
import org.rlaif.workbench.training.RewardModelRequest;
import org.rlaif.workbench.training.RewardModelTraining;
import org.rlaif.workbench.training.RunEvent;
import org.rlaif.workbench.training.TrainerLaunch;
import org.rlaif.workbench.training.TrainerRun;
import org.rlaif.workbench.training.TrainingEnvironment;
import org.rlaif.workbench.training.TrainingSetupException;
import org.rlaif.workbench.ui.common.JobContext;
import org.rlaif.workbench.ui.common.JobExecutor;
import org.rlaif.workbench.ui.common.JobHandle;

/**
 * Starts reward-model runs from the window (decision 42): checks a request off the JavaFX thread (the environment,
 * then {@link RewardModelTraining#prepare}), runs it as a job with progress, and stops it gracefully on request.
 * A run writes through a project connection of its own, so it goes on undisturbed when the window opens another
 * project, and the Runs screen follows it the way it follows a run of another process: by reading the project.
 */
final class TrainingLauncher {
    /** The environment is not ready; the window offers to make it. */
    static final class EnvironmentMissing extends TrainingSetupException {
        private final transient EnvironmentCheck check;

        EnvironmentMissing(EnvironmentCheck check) {
            super("the training environment is not ready: " + String.join("; ", check.problems()));
            this.check = check;
        }

        EnvironmentCheck check() {
            return check;
        }
    }

    /** One run's end, with its held-out agreement with humans where its model was scored on the held-out pairs. */
    record Finished(RewardModelTraining.Result result, HeldOutAgreement heldOut) {
        long runId() {
            return result.outcome().runId();
        }
    }

    private final JobExecutor jobs;
    private final TrainingEnvironment env;
    private final RewardModelTraining.ScorerFactory scorers;
    private final Map<Long, TrainerRun> running = new ConcurrentHashMap<>();
    private volatile EnvironmentCheck readyCheck;
    private Thread exitHook;

    TrainingLauncher(JobExecutor jobs, TrainingEnvironment env, RewardModelTraining.ScorerFactory scorers) {
        this.jobs = jobs;
        this.env = env;
        this.scorers = scorers;
    }

    /**
     * The app ended by a signal (not through its window) with runs going: they are asked to stop and save, and
     * waited for as long as a stop may take, so that no trainer is left running without anyone watching it.
     */
    private void stopOnExit() {
        if (exitHook != null) {
            return;
        }
        exitHook = new Thread(() -> {
            stopAll();
            long deadline = System.nanoTime() + TrainerLaunch.DEFAULT_STOP_GRACE.plusSeconds(10).toNanos();
            while (anyRunning() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "runs-exit");
        Runtime.getRuntime().addShutdownHook(exitHook);
    }

    TrainingEnvironment environment() {
        return env;
    }

    /** Forgets the last good check: after the environment was made or changed, check it again. */
    void recheckEnvironment() {
        readyCheck = null;
    }

    /**
     * Checks every request (all before any run starts: a bad second source must not cost the first run's time) and
     * writes their data. Fails with {@link EnvironmentMissing} or the {@link TrainingSetupException} naming the
     * problem; nothing is kept then.
     */
    JobHandle prepare(ProjectStore store, List<RewardModelRequest> requests,
                      Consumer<List<RewardModelTraining.Prepared>> ready, Consumer<Throwable> failed) {
        return jobs.submit("Checking the training settings", ctx -> {
            EnvironmentCheck check = readyCheck;
            if (check == null) {
                ctx.message("Checking the training environment");
                check = EnvironmentCheck.of(env);
                if (!check.ok()) {
                    throw new EnvironmentMissing(check);
                }
                readyCheck = check;
            }
            RewardModelTraining training = new RewardModelTraining(store, env, scorers);
            List<RewardModelTraining.Prepared> out = new ArrayList<>();
            try {
                for (RewardModelRequest r : requests) {
                    ctx.message("Preparing the data for " + r.labels());
                    out.add(training.prepare(r, check));
                }
            } catch (RuntimeException e) {
                out.forEach(RewardModelTraining::discard);
                throw e;
            }
            return out;
        }, ready, failed);
    }

    /**
     * Runs the prepared requests one after the other, each a run of the project at {@code projectFile}; the job's
     * cancel kills them (the Stop button asks them to stop and save instead).
     *
     * @param started told each run's id as soon as it exists (on the job's thread)
     */
    JobHandle run(Path projectFile, String title, List<RewardModelTraining.Prepared> prepared,
                  Consumer<Long> started, Consumer<List<Finished>> done, Consumer<Throwable> failed) {
        stopOnExit();
        return jobs.submit(title, ctx -> {
            List<Finished> out = new ArrayList<>();
            try (ProjectStore own = ProjectStore.open(projectFile)) {
                RewardModelTraining training = new RewardModelTraining(own, env, scorers);
                for (RewardModelTraining.Prepared p : prepared) {
                    if (ctx.isCancelled()) {
                        RewardModelTraining.discard(p);
                        continue;
                    }
                    out.add(runOne(own, training, p, ctx, started));
                }
            }
            return out;
        }, done, failed);
    }

    private Finished runOne(ProjectStore store, RewardModelTraining training, RewardModelTraining.Prepared p,
                            JobContext ctx, Consumer<Long> started) {
        String name = p.request().name() != null ? p.request().name() : "reward model on " + p.request().labels();
        long[] id = {-1};
        ctx.message(name + ": starting");
        TrainerRun.Listener progress = new TrainerRun.Listener() {
            @Override
            public void event(RunEvent e) {
                if (e instanceof RunEvent.Progress pr && pr.total() > 0) {
                    ctx.progress(pr.done(), pr.total());
                    ctx.message(String.format(Locale.ROOT, "%s: %s %,d of %,d", name,
                            pr.unit() == null ? "step" : pr.unit(), pr.done(), pr.total()));
                }
            }
        };
        RewardModelTraining.Result result;
        try {
            result = training.run(p, progress, r -> {
                id[0] = r.runId();
                running.put(r.runId(), r);
                started.accept(r.runId());
            }, scored -> ctx.message(String.format(Locale.ROOT, "%s: scored %,d pairs", name, scored)),
                    ctx::isCancelled);
        } finally {
            running.remove(id[0]);
        }
        Path eval = result.runFolder().resolve("eval.jsonl");
        String scores = result.outcome().artifact("scores");
        HeldOutAgreement heldOut = null;
        if (result.outcome().succeeded() && scores != null && Files.isRegularFile(eval)) {
            heldOut = HeldOutScores.of(eval, Path.of(scores));
        } else if (result.labeler() != null && Files.isRegularFile(eval)) {
            heldOut = HeldOutAgreement.of(store, result.labeler().labeler().id(), eval);
        }
        return new Finished(result, heldOut);
    }

    /** Whether this window runs {@code runId} (and so can stop it through its standard input). */
    boolean runsHere(long runId) {
        return running.containsKey(runId);
    }

    boolean anyRunning() {
        return !running.isEmpty();
    }

    /**
     * Asks a run to finish its step, save and end; killed with everything it started if it has not after its grace
     * period. A run of this window is told on its standard input. A run of another process (a {@code train}
     * command) has its trainer sent the termination signal, which a trainer treats the same way; only a process
     * that still is a trainer is signalled (process ids are reused).
     *
     * @return false when the run is not one this window can stop
     */
    boolean stop(long runId, Long pid) {
        TrainerRun own = running.get(runId);
        if (own != null) {
            own.stop();
            return true;
        }
        if (pid == null) {
            return false;
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains("rlaif_trainers")).orElse(false))
                .map(ProcessHandle::destroy).orElse(false);
    }

    /** Asks every run of this window to stop (the window is closing). */
    void stopAll() {
        running.values().forEach(TrainerRun::stop);
    }
}
