package org.rlaif.workbench.labeling.prompt;

import java.util.Objects;

/** A solved example shown before the pair (few-shot): a pair as shown, and the answer the judge should give. */
public record Exemplar(long comparisonId, ShownPair pair, Verdict answer) {
    public Exemplar {
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(answer, "answer");
        if (answer == Verdict.TIE) {
            throw new IllegalArgumentException("a few-shot exemplar needs a clear answer, not a tie");
        }
    }
}
