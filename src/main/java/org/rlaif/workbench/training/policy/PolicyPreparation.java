package org.rlaif.workbench.training.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.rlaif.workbench.domain.Prompt;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.labeling.ApiKeySource;
import org.rlaif.workbench.labeling.prompt.TaskTemplates;
import org.rlaif.workbench.labeling.prompt.TemplateException;
import org.rlaif.workbench.labeling.rating.RemoteRewardServer;
import org.rlaif.workbench.labeling.rating.ResponseRater;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.training.EnvironmentCheck;
import org.rlaif.workbench.training.RewardModelTraining;
import org.rlaif.workbench.training.RunFolders;
import org.rlaif.workbench.training.TrainingEnvironment;
import org.rlaif.workbench.training.TrainingSetupException;

/**
 * Checks a policy request and writes its data before anything starts (decision 45): the policy it starts from is a
 * causal LM that saved a folder, the reward is a reward model that exists or a judge that is configured and answers,
 * the prompts fit the model's context, there is something to train on, and the training environment is ready.
 * Throws {@link TrainingSetupException} naming what is wrong; then no run is stored and no run folder is left.
 */
final class PolicyPreparation {
    private final ProjectStore store;
    private final TrainingEnvironment env;
    private final ApiKeySource keys;

    PolicyPreparation(ProjectStore store, TrainingEnvironment env, ApiKeySource keys) {
        this.store = store;
        this.env = env;
        this.keys = keys;
    }

    PolicyTraining.Prepared prepare(PolicyRequest request, EnvironmentCheck check) throws InterruptedException {
        return switch (request) {
            case PolicyRequest.Sft r -> sft(r, check);
            case PolicyRequest.Rl r when r.resume() != null -> new RlResume(store, env, keys).prepare(r, check);
            case PolicyRequest.Rl r -> rl(r, check);
            case PolicyRequest.BestOfN r -> bestOfN(r, check);
            case PolicyRequest.Generate r -> generate(r, check);
        };
    }

    private PolicyTraining.Prepared sft(PolicyRequest.Sft r, EnvironmentCheck check) {
        StartingPolicy.Base base = StartingPolicy.base(store, r.base());
        requireNewName(r.name());
        PolicyPrompts.sync(store);
        return staged(r.settings(), null, staging -> {
            Path train = staging.folder().resolve("train.jsonl");
            Path eval = staging.folder().resolve("eval.jsonl");
            SftData.Counts counts = SftData.write(store, r.responses(), train, eval);
            ObjectNode spec = PolicySpec.of("sft", r.settings(), base.backbone(), base.tiny(), base.context());
            ObjectNode data = spec.putObject("data").put("train", "train.jsonl");
            if (counts.eval() > 0) {
                data.put("eval", "eval.jsonl");
            } else {
                Files.deleteIfExists(eval);
            }
            ObjectNode app = (ObjectNode) spec.get("app");
            app.put("base", base.describe());
            app.put("responses", r.responses());
            app.put("response_source", counts.source());
            app.put("policy_name", r.name());
            spec.put("label_source", r.responses());
            ready(check, r.settings());
            return PolicyTraining.Prepared.start(r, runName(r.name(), "sft on " + r.responses()), staging, spec,
                    counts.describe(), null, null, null);
        });
    }

    private PolicyTraining.Prepared rl(PolicyRequest.Rl r, EnvironmentCheck check) throws InterruptedException {
        StartingPolicy from = StartingPolicy.ofRun(store, r.from());
        RewardChoice reward = RewardChoice.parse(store, r.reward());
        requireNewName(r.name());
        PolicyPrompts.Counts prompts = PolicyPrompts.sync(store);
        List<Prompt> train = PolicyPrompts.list(store, Split.TRAIN);
        if (train.isEmpty()) {
            throw new TrainingSetupException("the project has no prompts to train on: " + prompts.describe());
        }
        ObjectNode spec = PolicySpec.of("rl", r.settings(), from.folder().path().toString(), from.tiny(store),
                from.folder().context());
        PolicySpec.rl(spec, r);
        TaskTemplates templates = ratingTemplates(r.ratingTemplate(), reward);
        JudgePlan judge = openJudge(reward, train, templates, spec.path("hyper").path("batch_size").asInt());
        return staged(r.settings(), judge, staging -> {
            int written = PolicyPrompts.write(train, Set.of(), 0, staging.folder().resolve("train.jsonl"));
            spec.putObject("data").put("train", "train.jsonl");
            rewardSection(spec, reward, judge);
            ObjectNode app = describeStart(spec, from, reward, r.name());
            app.put("reward_arg", r.reward().strip());
            if (templates != null && r.ratingTemplate() != null) {
                app.put("rating_template", r.ratingTemplate().toString());
                app.put("rating_template_text", readTemplate(r.ratingTemplate())); // a resume rates the same way
            }
            ready(check, r.settings());
            String name = runName(r.name(), String.format(Locale.ROOT, "%s from run #%d against %s",
                    spec.path("rl").path("algorithm").asText().toUpperCase(Locale.ROOT), from.runId(),
                    r.reward().strip()));
            return PolicyTraining.Prepared.start(r, name, staging, spec, String.format(Locale.ROOT,
                    "%,d training prompts (%s)", written, prompts.splitRule()), from, reward, judge);
        });
    }

    private PolicyTraining.Prepared bestOfN(PolicyRequest.BestOfN r, EnvironmentCheck check)
            throws InterruptedException {
        StartingPolicy from = StartingPolicy.ofRun(store, r.from());
        RewardChoice reward = RewardChoice.parse(store, r.reward());
        requireNewName(r.name());
        PolicyPrompts.Counts counts = PolicyPrompts.sync(store);
        List<Prompt> prompts = PolicyPrompts.list(store, r.prompts());
        if (prompts.isEmpty()) {
            throw new TrainingSetupException("the project has no " + r.prompts().key() + " prompts: "
                    + counts.describe());
        }
        ObjectNode spec = PolicySpec.of("best-of-n", r.settings(), from.folder().path().toString(), from.tiny(store),
                from.folder().context());
        ((ObjectNode) spec.get("generation")).put("n", r.n());
        TaskTemplates templates = ratingTemplates(r.ratingTemplate(), reward);
        int batch = spec.path("generation").path("batch_size").asInt(16) * r.n();
        JudgePlan judge = openJudge(reward, prompts, templates, batch);
        return staged(r.settings(), judge, staging -> {
            int written = PolicyPrompts.write(prompts, Set.of(), r.limit(), staging.folder().resolve("prompts.jsonl"));
            spec.putObject("data").put("prompts", "prompts.jsonl");
            rewardSection(spec, reward, judge);
            ObjectNode app = describeStart(spec, from, reward, r.name());
            app.put("n", r.n());
            app.put("prompts", r.prompts().key());
            ready(check, r.settings());
            String name = runName(r.name(), "best of " + r.n() + " from run #" + from.runId() + " by " + r.reward());
            return PolicyTraining.Prepared.start(r, name, staging, spec, String.format(Locale.ROOT,
                    "%,d %s prompts, %d samples each", written, r.prompts().key(), r.n()), from, reward, judge);
        });
    }

    private PolicyTraining.Prepared generate(PolicyRequest.Generate r, EnvironmentCheck check) {
        StartingPolicy from = StartingPolicy.ofRun(store, r.run());
        PolicyPrompts.Counts counts = PolicyPrompts.sync(store);
        List<Prompt> prompts = PolicyPrompts.list(store, r.prompts());
        Set<Long> answered = from.policy() == null ? Set.of()
                : store.read(c -> store.policies().answeredPrompts(c, from.policy().id()));
        long open = prompts.stream().filter(p -> !answered.contains(p.id())).count();
        if (open == 0) {
            String why = prompts.isEmpty() ? "the project has no " + r.prompts().key() + " prompts (" + counts.describe()
                    + ")" : "policy '" + from.name() + "' already has outputs for all " + prompts.size() + " "
                    + r.prompts().key() + " prompts";
            return PolicyTraining.Prepared.nothing(r, "nothing to generate: " + why);
        }
        ObjectNode spec = PolicySpec.of("generate", r.settings(), from.folder().path().toString(), from.tiny(store),
                from.folder().context());
        return staged(r.settings(), null, staging -> {
            int written = PolicyPrompts.write(prompts, answered, r.limit(), staging.folder().resolve("prompts.jsonl"));
            spec.putObject("data").put("prompts", "prompts.jsonl");
            ObjectNode app = (ObjectNode) spec.get("app");
            app.put("from_run", from.runId());
            app.put("policy", from.name());
            app.put("prompts", r.prompts().key());
            ready(check, r.settings());
            return PolicyTraining.Prepared.start(r, "outputs of " + from.name() + " on " + r.prompts().key()
                    + " prompts", staging, spec, String.format(Locale.ROOT, "%,d %s prompts without an output from"
                    + " '%s' (%,d already have one)", written, r.prompts().key(), from.name(), answered.size()),
                    from, null, null);
        });
    }

    /** What a request writes into its staging folder, and the prepared run it makes of it. */
    @FunctionalInterface
    private interface Staged {
        PolicyTraining.Prepared fill(RunFolders.Staging staging) throws IOException;
    }

    /**
     * Makes a staging folder and fills it; a failure deletes it (and a models folder made for it) and closes the
     * judge, so a refused request leaves nothing behind.
     */
    private PolicyTraining.Prepared staged(PolicySettings settings, JudgePlan judge, Staged body) {
        RunFolders.Staging staging = null;
        try {
            staging = RunFolders.stage(settings.modelsFolder(), store.file());
            return body.fill(staging);
        } catch (RuntimeException | IOException e) {
            if (staging != null) {
                staging.discard();
            }
            if (judge != null) {
                judge.endpoint().close();
            }
            throw e instanceof RuntimeException re ? re : new TrainingSetupException(e.getMessage(), e);
        }
    }

    /** The app's own notes on where an rl or best-of-n run's policy comes from and what rewards it. */
    private static ObjectNode describeStart(ObjectNode spec, StartingPolicy from, RewardChoice reward, String name) {
        ObjectNode app = (ObjectNode) spec.get("app");
        app.put("from_run", from.runId());
        app.put("base_policy", from.name());
        app.put("reward_source", reward.feedback());
        app.put("reward", reward.describe());
        app.put("policy_name", name);
        switch (reward) {
            case RewardChoice.RewardModel m -> {
                app.put("reward_run", m.runId());
                spec.put("label_source", m.labelSource());
            }
            case RewardChoice.Judge j -> {
                app.put("judge", j.labeler().name());
                spec.put("label_source", RewardChoice.JUDGE_PREFIX + j.labeler().name());
            }
        }
        return app;
    }

    /** The spec's reward section; a judge's URL is its loopback endpoint's, known only once the run starts. */
    static void rewardSection(ObjectNode spec, RewardChoice reward, JudgePlan judge) {
        ObjectNode section = spec.putObject("reward");
        switch (reward) {
            case RewardChoice.RewardModel m -> section.put("model", m.model().toString());
            case RewardChoice.Judge j -> {
                section.put("url", "http://127.0.0.1:0" + RemoteRewardServer.PATH);
                section.put("timeout_s", judge.endpoint().requestTimeoutSeconds(judge.batch()));
            }
        }
    }

    /** The rating template for a judge (the shipped one, or a file of one's own), or null for a reward model. */
    static TaskTemplates ratingTemplates(Path file, RewardChoice reward) {
        if (!(reward instanceof RewardChoice.Judge)) {
            if (file != null) {
                throw new TrainingSetupException("--rating-template is for a judge's rewards (--reward judge:NAME)");
            }
            return null;
        }
        try {
            return ResponseRater.templates(file == null ? null : readTemplate(file), file == null ? null
                    : file.toString());
        } catch (TemplateException e) {
            throw new TrainingSetupException(e.getMessage(), e);
        }
    }

    private static String readTemplate(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new TrainingSetupException("cannot read the rating template " + file + ": " + e.getMessage(), e);
        }
    }

    /** A judge asked once about the run's first prompt, with the tasks of the prompts it will see. */
    JudgePlan openJudge(RewardChoice reward, List<Prompt> prompts, TaskTemplates templates, int batch)
            throws InterruptedException {
        if (!(reward instanceof RewardChoice.Judge j)) {
            return null;
        }
        Map<Long, Task> tasks = new HashMap<>();
        prompts.forEach(p -> tasks.put(p.id(), p.task()));
        Prompt first = prompts.getFirst();
        JudgeEndpoint endpoint = JudgeEndpoint.open(j.labeler(), keys, templates, first.task(), first.text());
        return new JudgePlan(endpoint, Map.copyOf(tasks), first.task(), batch);
    }

    void requireNewName(String name) {
        if (name != null && store.read(c -> store.policies().findByName(c, name)).isPresent()) {
            throw new TrainingSetupException("the project already has a policy named '" + name + "': choose another"
                    + " --name");
        }
    }

    void ready(EnvironmentCheck check, PolicySettings s) {
        RewardModelTraining.requireReady(check != null ? check : EnvironmentCheck.of(env), s.device());
    }

    private static String runName(String name, String otherwise) {
        return name != null ? name : otherwise;
    }
}
