package org.rlaif.workbench.metrics;

/**
 * A pair on which some labelers chose A and others B: an entry of the annotators' review queue.
 *
 * <p>Each labeler's weight is how sure it is of its verdict, {@code |2m - 1|} where m is the mean of its P(A) when it
 * gave one, else the mean of its hard labels (A = 1, TIE = 1/2, B = 0): 1 for a single hard label, less when its
 * samples or orders disagree. A side's strength is the sum of its labelers' weights.
 *
 * @param pairId    the project's pair id
 * @param pairIndex the pair's index in the {@link LabelTable}
 * @param score     the weaker side's strength: high when both sides are many and sure (ranked first)
 * @param weight    both sides' strength together (breaks ties in the ranking)
 * @param forA      labeler indexes whose verdict is A
 * @param forB      labeler indexes whose verdict is B
 * @param forTie    labeler indexes whose verdict is a tie
 * @param reference the reference's verdict on the pair (a choice code, or {@link LabelCodes#NONE})
 */
public record DisputedPair(long pairId, int pairIndex, double score, double weight, int[] forA, int[] forB,
                           int[] forTie, byte reference) {
}
