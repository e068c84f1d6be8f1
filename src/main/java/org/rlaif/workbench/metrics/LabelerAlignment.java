package org.rlaif.workbench.metrics;

/**
 * One labeler's row of the report. Fields that do not apply are null: {@code agreement} when there is no
 * reference (or the labeler is the reference), {@code selfConsistency} with one sample per pair,
 * {@code position} without pairs labeled in both orders, {@code calibration} without P(A).
 *
 * @param index           the labeler's index in the {@link LabelTable}
 * @param pairs           pairs it gave a verdict on
 * @param labels          its labels in force with a verdict (every sample and order)
 * @param failed          its failed attempts in force (no verdict), not counted anywhere else
 * @param agreement       against the reference (a human under the human majority: against the other humans)
 * @param preferLonger    using its first sample on each pair
 * @param degenerate      what it always answers when it gave one answer every time (e.g. "A", "the first shown"),
 *                        else null; only judged on at least 10 labels
 */
public record LabelerAlignment(int index, LabelerInfo labeler, long pairs, long labels, long failed,
                               Agreement agreement, SelfConsistency selfConsistency, LengthPreference preferLonger,
                               PositionBias position, Calibration calibration, AnswerCounts answers,
                               String degenerate) {

    public String name() {
        return labeler.name();
    }

    public boolean isDegenerate() {
        return degenerate != null;
    }
}
