package org.rlaif.workbench.metrics;

import java.util.Objects;

/**
 * Who a column of the label arrays belongs to, as far as the metrics need to know.
 *
 * @param name   the labeler's unique name
 * @param kind   its kind as stored ({@code HUMAN}, {@code AI}, {@code REWARD_MODEL}, {@code POLICY_JUDGE})
 * @param params parameter count when known (the scaling fit uses it), else null
 */
public record LabelerInfo(String name, String kind, Double params) {
    public static final String HUMAN = "HUMAN";

    public LabelerInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (params != null && !(params > 0)) {
            throw new IllegalArgumentException(name + ": parameter count must be positive, got " + params);
        }
    }

    public boolean human() {
        return HUMAN.equals(kind);
    }
}
