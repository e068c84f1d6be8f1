package org.rlaif.workbench.store;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;

/**
 * Which pairs to show. An empty set means "any"; every condition given must hold.
 *
 * @param tasks          pairs of these tasks
 * @param splits         pairs of these splits
 * @param sources        pairs from these sources
 * @param statuses       pairs whose labelers agree, dispute, ... (see {@link AgreementStatus})
 * @param labeler        a condition on one labeler's verdict, or null
 * @param minConfidence  lowest mean labeler confidence, in [0,1]
 * @param maxConfidence  highest mean labeler confidence, in [0,1]; a range other than [0,1] leaves out pairs with no verdict
 * @param adjudicated    true: only adjudicated pairs, false: only pairs without an adjudication, null: either
 * @param text           full-text search over context and responses (words, "phrases", prefix*); blank = none
 */
public record PairFilter(Set<Task> tasks, Set<Split> splits, Set<String> sources, Set<AgreementStatus> statuses,
                         LabelerCondition labeler, double minConfidence, double maxConfidence, Boolean adjudicated,
                         String text) {

    public static final PairFilter ALL = new PairFilter(Set.of(), Set.of(), Set.of(), Set.of(), null, 0, 1, null, "");

    public PairFilter {
        tasks = tasks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(tasks));
        splits = splits.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(splits));
        sources = Set.copyOf(sources);
        statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        text = text == null ? "" : text.strip();
        if (!(minConfidence >= 0 && maxConfidence <= 1 && minConfidence <= maxConfidence)) {
            throw new IllegalArgumentException("confidence range must lie in [0,1], got [" + minConfidence + ", "
                    + maxConfidence + "]");
        }
    }

    /** One labeler's verdict: it has one, has none, or chose a given answer. */
    public record LabelerCondition(long labelerId, Mode mode) {
        public enum Mode {
            LABELED, NOT_LABELED, CHOSE_A, CHOSE_B, CHOSE_TIE;

            Choice choice() {
                return switch (this) {
                    case CHOSE_A -> Choice.A;
                    case CHOSE_B -> Choice.B;
                    case CHOSE_TIE -> Choice.TIE;
                    default -> null;
                };
            }
        }

        public LabelerCondition {
            Objects.requireNonNull(mode, "mode");
        }
    }

    public boolean restrictsConfidence() {
        return minConfidence > 0 || maxConfidence < 1;
    }

    public boolean hasText() {
        return !text.isEmpty();
    }

    public boolean isEverything() {
        return equals(ALL);
    }

    public PairFilter withTasks(Set<Task> v) {
        return new PairFilter(v, splits, sources, statuses, labeler, minConfidence, maxConfidence, adjudicated, text);
    }

    public PairFilter withSplits(Set<Split> v) {
        return new PairFilter(tasks, v, sources, statuses, labeler, minConfidence, maxConfidence, adjudicated, text);
    }

    public PairFilter withSources(Set<String> v) {
        return new PairFilter(tasks, splits, v, statuses, labeler, minConfidence, maxConfidence, adjudicated, text);
    }

    public PairFilter withStatuses(Set<AgreementStatus> v) {
        return new PairFilter(tasks, splits, sources, v, labeler, minConfidence, maxConfidence, adjudicated, text);
    }

    public PairFilter withLabeler(LabelerCondition v) {
        return new PairFilter(tasks, splits, sources, statuses, v, minConfidence, maxConfidence, adjudicated, text);
    }

    public PairFilter withConfidence(double min, double max) {
        return new PairFilter(tasks, splits, sources, statuses, labeler, min, max, adjudicated, text);
    }

    public PairFilter withAdjudicated(Boolean v) {
        return new PairFilter(tasks, splits, sources, statuses, labeler, minConfidence, maxConfidence, v, text);
    }

    public PairFilter withText(String v) {
        return new PairFilter(tasks, splits, sources, statuses, labeler, minConfidence, maxConfidence, adjudicated, v);
    }
}
