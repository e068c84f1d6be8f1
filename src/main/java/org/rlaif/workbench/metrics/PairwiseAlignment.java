package org.rlaif.workbench.metrics;

/**
 * Two labelers compared on the pairs both labeled: a cell of the pairwise kappa heatmap. The confusion matrix has
 * {@code first}'s verdicts as rows.
 */
public record PairwiseAlignment(int first, int second, String firstName, String secondName, Agreement agreement) {
}
