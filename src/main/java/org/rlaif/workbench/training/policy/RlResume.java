package org.rlaif.workbench.training.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.rlaif.workbench.domain.Prompt;
import org.rlaif.workbench.domain.Run;
import org.rlaif.workbench.domain.RunState;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.labeling.ApiKeySource;
import org.rlaif.workbench.labeling.prompt.TaskTemplates;
import org.rlaif.workbench.labeling.prompt.TemplateException;
import org.rlaif.workbench.labeling.rating.ResponseRater;
import org.rlaif.workbench.runs.Watcher;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.training.EnvironmentCheck;
import org.rlaif.workbench.training.TrainingEnvironment;
import org.rlaif.workbench.training.TrainingSetupException;

/**
 * {@code train rl --resume RUN}: the same run goes on from its last checkpoint (decision 45), with its own spec, data
 * and folder; the trainer continues at that checkpoint's step, with the same optimizer and schedule, and what it
 * reports is added to the run. A judge's endpoint is served again on a new port. Checked first: the run is an rl run
 * that ended without finishing, nobody watches it any more, and its folder holds a checkpoint.
 */
final class RlResume {
    private final ProjectStore store;
    private final PolicyPreparation checks;

    RlResume(ProjectStore store, TrainingEnvironment env, ApiKeySource keys) {
        this.store = store;
        this.checks = new PolicyPreparation(store, env, keys);
    }

    PolicyTraining.Prepared prepare(PolicyRequest.Rl r, EnvironmentCheck check) throws InterruptedException {
        long id = r.resume();
        Run run = store.read(c -> store.runs().find(c, id)).orElseThrow(() ->
                new TrainingSetupException("there is no run #" + id + " in this project (see: rlaif-workbench runs)"));
        if (!run.kind().equals("rl")) {
            throw new TrainingSetupException("run #" + id + " is a " + run.kind() + " run; --resume continues an rl run");
        }
        if (run.state() == RunState.FINISHED) {
            throw new TrainingSetupException("run #" + id + " finished: there is nothing to resume; train on from its"
                    + " policy with: train rl --from " + id + " …");
        }
        if (!run.state().isTerminal() && run.watcher() != null && Watcher.isAlive(run.watcher())) {
            throw new TrainingSetupException("run #" + id + " is still running (watched by process " + run.watcher()
                    + "); stop it first");
        }
        ObjectNode spec = readSpec(run);
        Path folder = Path.of(spec.path("output_dir").asText());
        if (!hasCheckpoint(folder.resolve("checkpoints"))) {
            throw new TrainingSetupException("run #" + id + " saved no checkpoint to resume from (in " + folder
                    + "/checkpoints); start a new run instead");
        }
        JsonNode app = spec.path("app");
        if (r.from() != null && r.from() != app.path("from_run").asLong()) {
            throw new TrainingSetupException("run #" + id + " started from run #" + app.path("from_run").asLong()
                    + ", not #" + r.from() + "; --resume goes on with the run's own settings (leave --from out)");
        }
        if (r.reward() != null && !r.reward().strip().equals(app.path("reward_arg").asText())) {
            throw new TrainingSetupException("run #" + id + " is rewarded by " + app.path("reward_arg").asText()
                    + ", not " + r.reward().strip() + "; --resume goes on with the run's own settings (leave --reward"
                    + " out)");
        }
        Path train = Path.of(spec.path("data").path("train").asText());
        if (!Files.isRegularFile(train)) {
            throw new TrainingSetupException("run #" + id + "'s training prompts are gone (" + train + ")");
        }
        RewardChoice reward = RewardChoice.parse(store, app.path("reward_arg").asText());
        JudgePlan judge = null;
        if (reward instanceof RewardChoice.Judge) {
            List<Prompt> prompts = PolicyPrompts.list(store, Split.TRAIN);
            if (prompts.isEmpty()) {
                throw new TrainingSetupException("the project has no training prompts any more");
            }
            judge = checks.openJudge(reward, prompts, templates(app), spec.path("hyper").path("batch_size").asInt());
        }
        try {
            if (judge != null) {
                PolicyPreparation.rewardSection(spec, reward, judge);
            }
            checks.ready(check, new PolicySettings(spec.path("device").asText("auto"), 0, null, null, null, null,
                    null, null, null));
        } catch (RuntimeException e) {
            if (judge != null) {
                judge.endpoint().close();
            }
            throw e;
        }
        String checkpoint = lastCheckpoint(folder.resolve("checkpoints"));
        long step = Long.parseLong(checkpoint.substring("checkpoint-".length()));
        return PolicyTraining.Prepared.resume(r, run, step, folder, spec, String.format(Locale.ROOT,
                "run #%d (%s) resumes from %s", id, run.state().name().toLowerCase(Locale.ROOT), checkpoint), reward,
                judge);
    }

    private static TaskTemplates templates(JsonNode app) {
        String own = app.path("rating_template_text").isTextual() ? app.path("rating_template_text").asText() : null;
        try {
            return ResponseRater.templates(own, "the run's rating template");
        } catch (TemplateException e) {
            throw new TrainingSetupException(e.getMessage(), e);
        }
    }

    private static ObjectNode readSpec(Run run) {
        try {
            JsonNode spec = Json.mapper().readTree(run.specJson());
            if (!(spec instanceof ObjectNode o) || !o.path("output_dir").isTextual()) {
                throw new TrainingSetupException("run #" + run.id() + " has no folder in its spec");
            }
            ObjectNode copy = o.deepCopy();
            copy.remove("environment"); // the trainer reports its own again
            return copy;
        } catch (IOException e) {
            throw new TrainingSetupException("run #" + run.id() + " has an unreadable spec: " + e.getMessage(), e);
        }
    }

    private static boolean hasCheckpoint(Path checkpoints) {
        return lastCheckpoint(checkpoints) != null;
    }

    private static String lastCheckpoint(Path checkpoints) {
        if (!Files.isDirectory(checkpoints)) {
            return null;
        }
        try (Stream<Path> all = Files.list(checkpoints)) {
            return all.map(p -> p.getFileName().toString()).filter(n -> n.matches("checkpoint-\\d+"))
                    .max(java.util.Comparator.comparingLong(n -> Long.parseLong(n.substring("checkpoint-".length()))))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
