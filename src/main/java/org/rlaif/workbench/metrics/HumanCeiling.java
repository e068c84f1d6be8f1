package org.rlaif.workbench.metrics;

import java.util.List;

/**
 * How well humans agree with each other: each human against the majority of the other humans (leave-one-out), the
 * yardstick for AI agreement figures.
 *
 * @param pooled every (human, pair) comparison together: the ceiling line of the chart
 * @param humans one entry per human
 */
public record HumanCeiling(Agreement pooled, List<HumanAgreement> humans) {
    public HumanCeiling {
        humans = List.copyOf(humans);
    }

    /** One human against the majority of the others. */
    public record HumanAgreement(int index, String name, Agreement agreement) {
    }
}
