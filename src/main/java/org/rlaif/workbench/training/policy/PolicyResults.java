package org.rlaif.workbench.training.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rlaif.workbench.domain.Policy;
import org.rlaif.workbench.domain.PolicyKind;
import org.rlaif.workbench.domain.PolicyOutput;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.training.TrainerRun;

/**
 * What a policy run leaves in the project once it ends with a result (decision 45): an sft or rl run's policy
 * (a {@code policy} row naming its model folder, base policy and reward source), a best-of-n run's policy and picks,
 * and a generate run's outputs, each a {@code policy_output} row of the policy that wrote it. One transaction each,
 * so a reader sees all of a run's outputs or none.
 */
final class PolicyResults {
    /** The policy made or written for, and how many outputs were stored. */
    record Made(Policy policy, long outputs) {
    }

    private final ProjectStore store;

    PolicyResults(ProjectStore store) {
        this.store = store;
    }

    Made store(PolicyTraining.Prepared p, ObjectNode spec, TrainerRun.Outcome outcome) {
        if (!outcome.succeeded()) {
            return new Made(null, 0);
        }
        long runId = outcome.runId();
        JsonNode app = spec.path("app");
        return switch (p.trainer()) {
            case "sft", "rl" -> {
                String folder = outcome.artifact("policy");
                yield new Made(folder == null ? null : create(runId, kindOf(p.trainer()), folder, app), 0);
            }
            case "best-of-n" -> {
                String outputs = outcome.artifact("outputs");
                if (outputs == null) {
                    yield new Made(null, 0);
                }
                Policy policy = create(runId, PolicyKind.BEST_OF_N, spec.path("backbone").asText(), app);
                yield new Made(policy, storeOutputs(policy, runId, Path.of(outputs)));
            }
            case "generate" -> {
                String outputs = outcome.artifact("outputs");
                if (outputs == null) {
                    yield new Made(null, 0);
                }
                Policy policy = policyOf(p.from());
                yield new Made(policy, storeOutputs(policy, runId, Path.of(outputs)));
            }
            default -> throw new IllegalStateException("unknown policy trainer " + p.trainer());
        };
    }

    private static PolicyKind kindOf(String trainer) {
        return trainer.equals("sft") ? PolicyKind.SFT : PolicyKind.RL;
    }

    /** The policy row of a run that made one; a run from before policies were stored gets one now. */
    Policy policyOf(StartingPolicy from) {
        if (from.policy() != null) {
            return from.policy();
        }
        JsonNode app = store.read(c -> store.runs().find(c, from.runId())).map(r -> {
            try {
                return Json.mapper().readTree(r.specJson()).path("app");
            } catch (IOException e) {
                return JsonNodeFactory.instance.objectNode();
            }
        }).orElse(JsonNodeFactory.instance.objectNode());
        return create(from.runId(), kindOf(from.runKind()), from.folder().path().toString(), app);
    }

    private Policy create(long runId, PolicyKind kind, String modelPath, JsonNode app) {
        ObjectNode config = app.isObject() ? ((ObjectNode) app).deepCopy() : JsonNodeFactory.instance.objectNode();
        config.remove("rating_template_text");
        config.put("run_id", runId);
        String wanted = app.path("policy_name").isTextual() ? app.path("policy_name").asText()
                : defaultName(kind, runId, app);
        return store.write(c -> {
            String name = store.policies().findByName(c, wanted).isPresent() ? wanted + "-run" + runId : wanted;
            Policy policy = store.policies().findOrCreate(c, new Policy(0, name, kind, runId, modelPath,
                    config.toString()));
            store.runs().appendLog(c, runId, "policy '" + policy.name() + "' (" + kind + ") stored in the project");
            return policy;
        });
    }

    /** {@code sft-<responses>-run<id>}, {@code rl-<rlaif|rlhf|direct-rlaif>-run<id>}, {@code bon<n>-<…>-run<id>}. */
    static String defaultName(PolicyKind kind, long runId, JsonNode app) {
        String what = switch (kind) {
            case SFT -> "sft-" + app.path("responses").asText("unknown");
            case RL -> "rl-" + app.path("reward_source").asText("unknown");
            case BEST_OF_N -> "bon" + app.path("n").asInt() + "-" + app.path("reward_source").asText("unknown");
            default -> kind.name().toLowerCase(Locale.ROOT);
        };
        return what.replaceAll("[^A-Za-z0-9._-]+", "-") + "-run" + runId;
    }

    /** The lines of an outputs.jsonl (decision 22) as outputs of {@code policy}; returns how many were added. */
    private long storeOutputs(Policy policy, long runId, Path file) {
        List<PolicyOutput> outputs = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = Json.mapper().readTree(line);
                JsonNode reward = row.path("reward");
                outputs.add(new PolicyOutput(0, policy.id(), row.path("id").asLong(), 0, row.path("response").asText(),
                        reward.isNumber() ? reward.asDouble() : null, runId));
            }
        } catch (IOException e) {
            log(runId, "could not read the outputs " + file + ": " + e.getMessage() + "; none were stored");
            return 0;
        }
        return store.write(c -> {
            long added = 0;
            long unknown = 0;
            for (PolicyOutput o : outputs) {
                if (store.policies().findPrompt(c, o.promptId()).isEmpty()) {
                    unknown++;
                    continue;
                }
                added += store.policies().addOutput(c, o, null) ? 1 : 0;
            }
            store.runs().appendLog(c, runId, String.format(Locale.ROOT, "%,d outputs of '%s' stored in the project%s",
                    added, policy.name(), unknown == 0 ? "" : String.format(Locale.ROOT,
                            " (%,d lines named a prompt the project does not have)", unknown)));
            return added;
        });
    }

    private void log(long runId, String line) {
        store.write(c -> {
            store.runs().appendLog(c, runId, line);
            return null;
        });
    }
}
