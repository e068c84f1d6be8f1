package org.rlaif.workbench.training.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.LabelerKind;
import org.rlaif.workbench.domain.Run;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.io.export.LabelSource;
import org.rlaif.workbench.labeling.AiLabelers;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.training.TrainingSetupException;

/**
 * Where an rl or best-of-n run's rewards come from, as {@code --reward} names it: a reward-model run (its
 * {@code model/} folder), or {@code judge:NAME}, an AI labeler of the project that rates each response (direct-RLAIF,
 * served by the app over loopback). It also says what kind of feedback the reward carries, which names the policy's
 * reward source: {@code rlaif} (a reward model trained on AI labels), {@code rlhf} (on human labels) or
 * {@code direct-rlaif} (the judge itself).
 */
sealed interface RewardChoice {
    String JUDGE_PREFIX = "judge:";

    /** rlaif, rlhf or direct-rlaif. */
    String feedback();

    /** How the policy's config names it. */
    String describe();

    record RewardModel(long runId, Path model, String labelSource, String feedback) implements RewardChoice {
        @Override
        public String describe() {
            return "reward model of run #" + runId + " (trained on " + labelSource + ")";
        }
    }

    record Judge(Labeler labeler) implements RewardChoice {
        @Override
        public String feedback() {
            return "direct-rlaif";
        }

        @Override
        public String describe() {
            return "judge '" + labeler.name() + "' (" + labeler.modelId() + ") rating each response 1-10";
        }
    }

    static RewardChoice parse(ProjectStore store, String text) {
        String t = text.strip();
        if (t.toLowerCase(Locale.ROOT).startsWith(JUDGE_PREFIX)) {
            return judge(store, t.substring(JUDGE_PREFIX.length()).strip());
        }
        long runId;
        try {
            runId = Long.parseLong(t.startsWith("#") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            throw new TrainingSetupException("--reward takes a reward-model run's id or judge:NAME, not '" + text
                    + "'");
        }
        return rewardModel(store, runId);
    }

    private static RewardChoice rewardModel(ProjectStore store, long runId) {
        Run run = store.read(c -> store.runs().find(c, runId)).orElseThrow(() ->
                new TrainingSetupException("there is no run #" + runId + " in this project (see: rlaif-workbench"
                        + " runs)"));
        if (!run.kind().equals("reward-model")) {
            throw new TrainingSetupException("run #" + runId + " is a " + run.kind() + " run, not a reward-model run");
        }
        String model = StartingPolicy.newestArtifact(store, runId, "reward-model").orElseThrow(() ->
                new TrainingSetupException("run #" + runId + " (" + run.state().name().toLowerCase(Locale.ROOT)
                        + ") has no reward model: it saved no model/ folder"));
        ModelFolder.read(Path.of(model), "the reward model of run #" + runId);
        String source = labelSource(run);
        return new RewardModel(runId, Path.of(model), source, feedbackOf(store, source));
    }

    private static String labelSource(Run run) {
        try {
            JsonNode spec = Json.mapper().readTree(run.specJson());
            return spec.path("label_source").asText("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** A reward model trained on human labels gives RLHF; on an AI labeler's (or AI majority's), RLAIF. */
    static String feedbackOf(ProjectStore store, String source) {
        if (source.equals("unknown")) {
            return "rlaif";
        }
        return switch (LabelSource.parse(source)) {
            case LabelSource.OneLabeler one -> store.listLabelers().stream()
                    .filter(l -> l.name().equals(one.name())).findFirst()
                    .map(l -> l.kind() == LabelerKind.HUMAN ? "rlhf" : "rlaif").orElse("rlaif");
            case LabelSource.AiMajority ai -> "rlaif";
            default -> "rlhf"; // the human majority, adjudications, or humans where the AI agrees
        };
    }

    private static RewardChoice judge(ProjectStore store, String name) {
        AiLabelers labelers = new AiLabelers(store);
        List<String> runnable = labelers.runnable().stream().map(Labeler::name).toList();
        String known = runnable.isEmpty() ? "; the project has no AI labeler with a server yet: configure one with"
                + " rlaif-workbench label --name NAME --base-url URL --model M --test-connection"
                : "; AI labelers with a server: " + String.join(", ", runnable);
        Labeler labeler = labelers.find(name).orElseThrow(() ->
                new TrainingSetupException("there is no labeler named '" + name + "' to judge with" + known));
        if (!runnable.contains(labeler.name())) {
            throw new TrainingSetupException("labeler '" + name + "' is not a configured AI judge (it is "
                    + labeler.kind() + (labeler.endpoint() == null ? ", with no server" : "") + ")" + known);
        }
        return new Judge(labeler);
    }
}
