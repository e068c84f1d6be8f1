package org.rlaif.workbench.domain;

import java.util.Objects;

/**
 * A model that writes responses to prompts: what the RLAIF paper's pipelines end in, and what win rates compare.
 *
 * @param runId     the run that trained or wrote it, or null
 * @param modelPath its model folder, or null (a teacher, imported outputs)
 * @param configJson what it was made from, as a JSON object text (base policy, reward source, algorithm, teacher)
 */
public record Policy(long id, String name, PolicyKind kind, Long runId, String modelPath, String configJson) {
    public Policy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a policy needs a name");
        }
        if (configJson == null || configJson.isBlank()) {
            configJson = "{}";
        }
    }

    public static Policy of(String name, PolicyKind kind) {
        return new Policy(0, name, kind, null, null, "{}");
    }

    public Policy withId(long newId) {
        return new Policy(newId, name, kind, runId, modelPath, configJson);
    }
}
