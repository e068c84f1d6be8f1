package org.rlaif.workbench.training.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rlaif.workbench.domain.Policy;
import org.rlaif.workbench.domain.Run;
import org.rlaif.workbench.domain.RunArtifact;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.training.TrainingSetupException;

/**
 * The policy a run starts from: the policy an sft or rl run saved ({@code --from RUN}, {@code generate --run RUN}),
 * checked before anything starts: the run is there, ended with a result, saved a policy folder, and that folder
 * holds a causal language model.
 *
 * @param policy the project's policy row for it, or null when the run made none (a run older than policies)
 * @param name   the policy's name (the run's name when it has no row)
 */
record StartingPolicy(long runId, String runKind, Policy policy, String name, ModelFolder folder) {
    static final List<String> POLICY_RUNS = List.of("sft", "rl");

    static StartingPolicy ofRun(ProjectStore store, long runId) {
        Run run = store.read(c -> store.runs().find(c, runId)).orElseThrow(() ->
                new TrainingSetupException("there is no run #" + runId + " in this project (see: rlaif-workbench"
                        + " runs)"));
        if (!POLICY_RUNS.contains(run.kind())) {
            throw new TrainingSetupException("run #" + runId + " is a " + run.kind() + " run; a policy comes from an"
                    + " sft or rl run");
        }
        if (!run.state().hasResult()) {
            throw new TrainingSetupException("run #" + runId + " " + run.state().name().toLowerCase(Locale.ROOT)
                    + " without a policy to start from" + (run.kind().equals("rl") ? "; continue it with train rl"
                    + " --resume " + runId : ""));
        }
        String path = newestArtifact(store, runId, "policy").orElseThrow(() ->
                new TrainingSetupException("run #" + runId + " saved no policy folder"));
        ModelFolder folder = ModelFolder.read(Path.of(path), "the policy of run #" + runId)
                .requireCausalLm("the policy of run #" + runId);
        Policy policy = store.read(c -> store.policies().findByRun(c, runId)).orElse(null);
        return new StartingPolicy(runId, run.kind(), policy, policy != null ? policy.name() : run.name(), folder);
    }

    /** Whether this policy is the tiny offline model or grew from it (its runs want the tiny defaults). */
    boolean tiny(ProjectStore store) {
        return grewFromTiny(store, runId);
    }

    static boolean grewFromTiny(ProjectStore store, long runId) {
        return store.read(c -> store.runs().find(c, runId)).map(r -> {
            try {
                JsonNode spec = Json.mapper().readTree(r.specJson());
                return spec.path("app").path("tiny").asBoolean(spec.path("backbone").asText().equals("tiny"));
            } catch (IOException e) {
                return false;
            }
        }).orElse(false);
    }

    /** The model an SFT run starts from, and what its runs need to know of it. */
    record Base(String backbone, boolean tiny, Integer context, String describe) {
    }

    /**
     * The base of an SFT run: {@code tiny}, a model folder, the name of a policy of the project that has a model, or
     * (anything else) a Hugging Face id, which only the trainer can check.
     */
    static Base base(ProjectStore store, String text) {
        if (text.equalsIgnoreCase("tiny")) {
            return new Base("tiny", true, ModelFolder.TINY_CONTEXT, "tiny");
        }
        Optional<Policy> named = store.read(c -> store.policies().findByName(c, text));
        if (named.isPresent()) {
            Policy p = named.get();
            if (p.modelPath() == null) {
                throw new TrainingSetupException("policy '" + text + "' has no model folder to fine-tune (it is "
                        + p.kind() + ")");
            }
            ModelFolder m = ModelFolder.read(Path.of(p.modelPath()), "policy '" + text + "'")
                    .requireCausalLm("policy '" + text + "'");
            boolean tiny = p.runId() != null && grewFromTiny(store, p.runId());
            return new Base(m.path().toString(), tiny, m.context(), "policy '" + text + "'");
        }
        Path path = Path.of(text);
        boolean looksLikePath = text.startsWith("/") || text.startsWith(".") || text.startsWith("~")
                || text.contains("\\") || Files.exists(path);
        if (!looksLikePath) {
            return new Base(text, false, null, text); // a Hugging Face id: the trainer downloads and checks it
        }
        Path folder = path.toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new TrainingSetupException("the policy folder " + folder + " does not exist");
        }
        ModelFolder m = ModelFolder.read(folder, "the policy folder").requireCausalLm("the policy folder");
        return new Base(m.path().toString(), false, m.context(), folder.toString());
    }

    static Optional<String> newestArtifact(ProjectStore store, long runId, String kind) {
        List<RunArtifact> all = store.read(c -> store.runs().artifacts(c, runId));
        String found = null;
        for (RunArtifact a : all) {
            if (a.kind().equals(kind)) {
                found = a.path();
            }
        }
        return Optional.ofNullable(found);
    }
}
