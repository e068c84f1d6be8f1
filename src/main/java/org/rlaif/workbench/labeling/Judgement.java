package org.rlaif.workbench.labeling;

import java.time.Instant;
import java.util.Objects;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.LabelStatus;
import org.rlaif.workbench.domain.OrderShown;

/**
 * What one query of a judge produced, before it is stored: a verdict in the pair's own A/B terms, or a failure with
 * its reason. Either way the prompt sent and the raw answer are kept.
 *
 * @param probabilityA  P(A is better): from the answer token's log-probabilities when {@code fromLogprobs}, else
 *                      from the parsed answer (1, 0, or 0.5 for a tie); null for a failure
 * @param rationale     the chain-of-thought rationale, or for a failure the reason it failed
 * @param rawAnswer     the judge's verdict answer exactly as sent; for a failed request the server's body, if any
 */
public record Judgement(LabelStatus status, Choice choice, Double probabilityA, boolean fromLogprobs,
                        String rationale, String prompt, String rawAnswer) {

    public Judgement {
        Objects.requireNonNull(status, "status");
        if ((status == LabelStatus.OK) != (choice != null)) {
            throw new IllegalArgumentException("a verdict has a choice, a failure has none");
        }
    }

    public static Judgement verdict(Choice choice, double probabilityA, boolean fromLogprobs, String rationale,
                                    String prompt, String rawAnswer) {
        return new Judgement(LabelStatus.OK, choice, probabilityA, fromLogprobs, rationale, prompt, rawAnswer);
    }

    public static Judgement failed(String reason, String prompt, String rawAnswer) {
        return new Judgement(LabelStatus.FAILED, null, null, false, reason, prompt, rawAnswer);
    }

    public boolean isVerdict() {
        return status == LabelStatus.OK;
    }

    /** The label row for a slot. A failed label keeps its reason in {@code rationale}. */
    public Label toLabel(long comparisonId, long labelerId, int sampleIndex, OrderShown order, Long supersedes) {
        return new Label(0, comparisonId, labelerId, sampleIndex, status, choice, probabilityA, rationale, order,
                Instant.now(), supersedes, prompt, rawAnswer);
    }
}
