package org.rlaif.workbench.domain;

import java.util.Objects;

/** One value of a run's metric stream, e.g. step 120 of {@code train/loss}. */
public record MetricPoint(long runId, long step, String name, double value, long timeMillis) {
    public MetricPoint {
        Objects.requireNonNull(name, "name");
    }
}
