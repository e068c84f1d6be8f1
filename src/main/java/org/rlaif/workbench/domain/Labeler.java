package org.rlaif.workbench.domain;

import java.util.Objects;

/**
 * Who labels: a person, an AI judge, a reward model or a policy judge.
 *
 * @param name      unique within a project, shown as imported (e.g. {@code annotator1}, {@code gpt-3.5-turbo})
 * @param modelId   the model behind an AI labeler, when known
 * @param params    parameter count when known (for the scaling chart), else null
 * @param technique prompt technique (e.g. {@code base}, {@code preamble}, {@code cot}), when known
 * @param endpoint  base URL of the model server; never a secret
 * @param configJson further settings as a JSON object text ({@code {}} when none); never a secret
 */
public record Labeler(long id, String name, LabelerKind kind, String modelId, Double params, String technique,
                      String endpoint, String configJson) {

    public Labeler {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a labeler needs a name");
        }
        if (params != null && !(params > 0)) {
            throw new IllegalArgumentException("parameter count must be positive, got " + params);
        }
        if (configJson == null || configJson.isBlank()) {
            configJson = "{}";
        }
    }

    public static Labeler human(String name) {
        return new Labeler(0, name, LabelerKind.HUMAN, null, null, null, null, "{}");
    }

    public static Labeler ai(String name, String modelId, Double params) {
        return new Labeler(0, name, LabelerKind.AI, modelId, params, null, null, "{}");
    }

    public Labeler withId(long newId) {
        return new Labeler(newId, name, kind, modelId, params, technique, endpoint, configJson);
    }

    public boolean isHuman() {
        return kind == LabelerKind.HUMAN;
    }
}
