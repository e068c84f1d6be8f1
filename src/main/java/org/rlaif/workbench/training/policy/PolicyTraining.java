package org.rlaif.workbench.training.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.rlaif.workbench.domain.Policy;
import org.rlaif.workbench.domain.Run;
import org.rlaif.workbench.labeling.ApiKeySource;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.training.EnvironmentCheck;
import org.rlaif.workbench.training.RunFolders;
import org.rlaif.workbench.training.TrainerLaunch;
import org.rlaif.workbench.training.TrainerRun;
import org.rlaif.workbench.training.TrainingEnvironment;

/**
 * Policy runs of a project (decisions 22 and 45): SFT on a response source, RL against a reward model or a judge,
 * best-of-n, and a policy's outputs on held-out prompts. {@link #prepare} checks everything that can be checked
 * before anything starts and writes the run's data to a staging folder; {@link #run} makes it a run of the project,
 * runs the trainer through {@link TrainerRun} (every event stored as it arrives) and stores what it made: a policy,
 * and the outputs it wrote.
 */
public final class PolicyTraining {
    /** Failures of a judge logged one by one in the run's log before only every hundredth is. */
    private static final int FAILURES_LOGGED = 10;

    private final ProjectStore store;
    private final TrainingEnvironment env;
    private final ApiKeySource keys;

    public PolicyTraining(ProjectStore store, TrainingEnvironment env, ApiKeySource keys) {
        this.store = store;
        this.env = env;
        this.keys = keys;
    }

    /**
     * A request checked, with its data written; nothing is in the project's runs yet. A judge's endpoint has been
     * asked once and is held open: {@link #discard} closes it when the run will not happen.
     *
     * @param staging     the staging folder of a new run, or null when resuming
     * @param resumeRun   the run that goes on, or null for a new one
     * @param nothingToDo why there is nothing to run (every prompt has an output already), or null
     */
    public record Prepared(PolicyRequest request, String runName, RunFolders.Staging staging, Run resumeRun,
                           long resumeStep, Path resumeFolder, ObjectNode spec, String data, StartingPolicy from,
                           RewardChoice reward, JudgePlan judge, String nothingToDo) {
        static Prepared start(PolicyRequest r, String runName, RunFolders.Staging staging, ObjectNode spec,
                              String data, StartingPolicy from, RewardChoice reward, JudgePlan judge) {
            return new Prepared(r, runName, staging, null, 0, null, spec, data, from, reward, judge, null);
        }

        static Prepared resume(PolicyRequest r, Run run, long step, Path folder, ObjectNode spec, String data,
                               RewardChoice reward, JudgePlan judge) {
            return new Prepared(r, run.name(), null, run, step, folder, spec, data, null, reward, judge, null);
        }

        static Prepared nothing(PolicyRequest r, String why) {
            return new Prepared(r, null, null, null, 0, null, null, why, null, null, null, why);
        }

        public String trainer() {
            return request.trainer();
        }

        /** Deletes the staging folder and closes a judge: for a prepared run that will not run. */
        public void discard() {
            if (staging != null) {
                staging.discard();
            }
            if (judge != null) {
                judge.endpoint().close();
            }
        }
    }

    /**
     * How a run went and what it made.
     *
     * @param policy  the policy it made, or the one whose outputs it wrote (generate); null when none
     * @param outputs outputs stored in the project
     * @param judge   a judge's figures (ratings, failures, tokens, cost), or null
     */
    public record Result(TrainerRun.Outcome outcome, Path folder, Policy policy, long outputs, String data,
                         Map<String, Object> judge) {
    }

    /** Checks and writes the data; throws {@code TrainingSetupException} naming what is wrong. */
    public Prepared prepare(PolicyRequest request, EnvironmentCheck check) throws InterruptedException {
        return new PolicyPreparation(store, env, keys).prepare(request, check);
    }

    /**
     * Stores the run (or reopens the one that resumes), starts the trainer and waits for it; then stores the policy
     * and outputs it made.
     *
     * @param started told the run as soon as it exists (to stop it, or to show it)
     */
    public Result run(Prepared p, TrainerRun.Listener listener, Consumer<TrainerRun> started) {
        try (JudgeEndpoint judge = p.judge() == null ? null : p.judge().endpoint()) {
            TrainerRun run;
            Path folder;
            ObjectNode spec = p.spec().deepCopy();
            if (p.resumeRun() != null) {
                run = TrainerRun.reopen(store, p.resumeRun().id(), p.resumeStep(), listener);
                folder = p.resumeFolder();
            } else {
                run = TrainerRun.create(store, p.trainer(), p.runName(), spec, listener);
                try {
                    folder = p.staging().moveToRun(run.runId());
                } catch (IOException e) {
                    p.staging().discard();
                    return new Result(run.abandon("cannot make the run's folder: " + e.getMessage()), null, null, 0,
                            p.data(), null);
                }
                spec.put("run_id", run.runId());
                spec.put("output_dir", folder.toString());
                ObjectNode data = (ObjectNode) spec.get("data");
                for (String k : fieldNames(data)) {
                    data.put(k, folder.resolve(data.get(k).asText()).toString());
                }
            }
            started.accept(run);
            if (judge != null) {
                ((ObjectNode) spec.get("reward")).put("url", judge.serve(id -> p.judge().tasks().get(id),
                        p.judge().fallback(), failureLog(run.runId())));
            }
            Path specFile;
            try {
                specFile = RunFolders.writeSpec(folder, spec);
            } catch (IOException e) {
                return new Result(run.abandon("cannot write " + folder.resolve("spec.json") + ": " + e.getMessage()),
                        folder, null, 0, p.data(), null);
            }
            String module = p.trainer().replace('-', '_');
            TrainerLaunch launch = new TrainerLaunch(p.trainer(), p.runName(), spec,
                    env.trainerCommand(module, specFile), env.processEnvironment(), folder,
                    p.request().settings().stopGrace(), p.request().settings().silenceLimit());
            TrainerRun.Outcome outcome = run.execute(launch);
            Map<String, Object> judged = judge == null ? null : judge.figures();
            if (judge != null) {
                log(run.runId(), judge.describeFigures());
            }
            PolicyResults.Made made = new PolicyResults(store).store(p, spec, outcome);
            return new Result(outcome, folder, made.policy(), made.outputs(), p.data(), judged);
        }
    }

    private static List<String> fieldNames(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A judge's failures go to the run's log: the first few each, then every hundredth. */
    private Consumer<String> failureLog(long runId) {
        AtomicLong count = new AtomicLong();
        return why -> {
            long n = count.incrementAndGet();
            if (n <= FAILURES_LOGGED || n % 100 == 0) {
                log(runId, "warning: judge failed to rate a response (" + n + " so far; no reward, the sample is"
                        + " dropped): " + why);
            }
        };
    }

    private void log(long runId, String line) {
        store.write(c -> {
            store.runs().appendLog(c, runId, line);
            return null;
        });
    }
}
