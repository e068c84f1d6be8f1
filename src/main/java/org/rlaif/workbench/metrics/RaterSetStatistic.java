package org.rlaif.workbench.metrics;

/**
 * A many-rater statistic (Fleiss' kappa, Krippendorff's alpha) over the human labelers and over all labelers.
 *
 * @param humans      over the humans; null with fewer than two humans or when undefined
 * @param humansPairs pairs it is computed over
 * @param all         over every labeler; null when undefined
 * @param allPairs    pairs it is computed over
 */
public record RaterSetStatistic(Double humans, long humansPairs, Double all, long allPairs) {
}
