package org.rlaif.workbench.metrics;

/**
 * What a labeler answered, over all its labels in force (every sample and order).
 *
 * @param firstShown  decisive labels that chose the response shown first (order known)
 * @param secondShown decisive labels that chose the response shown second (order known)
 */
public record AnswerCounts(long a, long b, long tie, long firstShown, long secondShown) {
    public long total() {
        return a + b + tie;
    }
}
