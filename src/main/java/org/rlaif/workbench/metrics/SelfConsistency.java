package org.rlaif.workbench.metrics;

/**
 * For a labeler with several samples per pair: the share of samples that equal the most common verdict among the
 * same labeler's other samples of the pair. A sample whose other samples tie for most common is skipped.
 *
 * @param value      consistent / considered, in [0,1]
 * @param considered samples compared with their siblings
 * @param skipped    samples left out because their siblings tie
 * @param maxSamples the most samples the labeler has on one pair
 */
public record SelfConsistency(double value, long considered, long skipped, int maxSamples) {
}
