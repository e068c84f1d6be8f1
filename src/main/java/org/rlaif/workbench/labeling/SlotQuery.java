package org.rlaif.workbench.labeling;

import org.rlaif.workbench.domain.OrderShown;

/**
 * One query a run still has to make: a pair, a sample index and an order.
 *
 * @param supersedes the failed label in force that the answer replaces (retrying failures), or null
 */
public record SlotQuery(long comparisonId, int sampleIndex, OrderShown order, Long supersedes) {
}
