package org.rlaif.workbench.metrics;

/**
 * The report restricted to one group of pairs (one task, source, split or metadata value). Its
 * {@link AlignmentReport#verdicts()} is null: use the whole report's, filtered by the group.
 */
public record SliceReport(String dimension, String group, int groupIndex, AlignmentReport report) {
}
