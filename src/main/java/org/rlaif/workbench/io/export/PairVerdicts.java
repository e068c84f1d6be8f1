package org.rlaif.workbench.io.export;

import java.util.Map;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;

/**
 * A pair with one verdict per labeler (the majority over that labeler's samples and orders; a split vote is a tie)
 * and its adjudication, if any.
 *
 * @param verdicts labeler id to verdict, only for labelers with a verdict in force
 * @param meanProbabilityA labeler id to the mean P(A) over its labels that carry one
 */
public record PairVerdicts(Comparison pair, Map<Long, Choice> verdicts, Map<Long, Double> meanProbabilityA,
                           Choice adjudication) {
}
