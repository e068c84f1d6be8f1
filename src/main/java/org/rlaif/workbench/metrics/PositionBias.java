package org.rlaif.workbench.metrics;

/**
 * Position effects over the samples labeled in both orders (A first and B first).
 *
 * @param consistency    share of those samples whose verdict is the same in both orders
 * @param firstShownWins share of their labels that chose the response shown first (0.5 = no position preference;
 *                       a tie is not a win)
 * @param pairs          samples labeled in both orders (pair x sample)
 */
public record PositionBias(double consistency, double firstShownWins, long pairs) {
}
