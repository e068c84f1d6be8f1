package org.rlaif.workbench.metrics;

/**
 * How often the longer response is chosen, over decisive verdicts on pairs whose responses differ in length by more
 * than the margin (30 characters unless set otherwise).
 *
 * @param share share of those pairs where the longer response was chosen, in [0,1]
 * @param n     pairs counted
 */
public record LengthPreference(double share, long n) {
}
