package org.rlaif.workbench.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One labeler's verdict on one pair. Labels are append-only: a correction or an undo is a new row whose
 * {@code supersedes} names the row it replaces; the newest row of a slot wins.
 *
 * <p>A slot is (comparison, labeler, sample index, order shown): several samples of one labeler on one pair are
 * seeds or temperature samples; the two orders of a position-debiased query are two labels of one sample.
 *
 * @param choice      the verdict in the pair's own A/B terms; null unless {@code status} is OK
 * @param probabilityA P(A is better) in [0,1] when the labeler gave one, else null
 * @param orderShown  the order the labeler saw, or null when unknown
 * @param prompt      the prompt sent to an AI labeler, when kept
 * @param rawAnswer   the labeler's raw answer text, when kept (a failed label always keeps it)
 * @param supersedes  id of the label this row replaces, or null
 */
public record Label(long id, long comparisonId, long labelerId, int sampleIndex, LabelStatus status, Choice choice,
                    Double probabilityA, String rationale, OrderShown orderShown, Instant createdAt,
                    Long supersedes, String prompt, String rawAnswer) {

    public Label {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        if (sampleIndex < 0) {
            throw new IllegalArgumentException("sample index must be >= 0, got " + sampleIndex);
        }
        if (status == LabelStatus.OK && choice == null) {
            throw new IllegalArgumentException("a label with status OK needs a choice");
        }
        if (status != LabelStatus.OK && choice != null) {
            throw new IllegalArgumentException("a " + status + " label cannot carry a choice");
        }
        if (probabilityA != null && !(probabilityA >= 0 && probabilityA <= 1)) {
            throw new IllegalArgumentException("P(A) must be in [0,1], got " + probabilityA);
        }
    }

    /** A verdict not stored yet. */
    public static Label of(long comparisonId, long labelerId, int sampleIndex, Choice choice, Double probabilityA,
                           String rationale, OrderShown orderShown) {
        return new Label(0, comparisonId, labelerId, sampleIndex, LabelStatus.OK, choice, probabilityA, rationale,
                orderShown, Instant.now(), null, null, null);
    }

    /** An attempt that produced no verdict; the raw answer says why. */
    public static Label failed(long comparisonId, long labelerId, int sampleIndex, OrderShown orderShown,
                               String prompt, String rawAnswer) {
        return new Label(0, comparisonId, labelerId, sampleIndex, LabelStatus.FAILED, null, null, null, orderShown,
                Instant.now(), null, prompt, rawAnswer);
    }

    public Label withPromptAndAnswer(String newPrompt, String newRawAnswer) {
        return new Label(id, comparisonId, labelerId, sampleIndex, status, choice, probabilityA, rationale,
                orderShown, createdAt, supersedes, newPrompt, newRawAnswer);
    }

    public Label superseding(long previousId) {
        return new Label(id, comparisonId, labelerId, sampleIndex, status, choice, probabilityA, rationale,
                orderShown, createdAt, previousId, prompt, rawAnswer);
    }

    public Label withId(long newId) {
        return new Label(newId, comparisonId, labelerId, sampleIndex, status, choice, probabilityA, rationale,
                orderShown, createdAt, supersedes, prompt, rawAnswer);
    }

    public boolean isVerdict() {
        return status == LabelStatus.OK;
    }
}
