package org.rlaif.workbench.store;

/** The order of a pair listing. Both are total orders with an index behind them, so listings page by keyset. */
public enum PairOrder {
    /** As stored (import order). */
    ID,
    /**
     * Disputed pairs only, most confident disagreement first (see {@code pair_summary.dispute}), then by id: the
     * order of the review queue.
     */
    DISPUTE
}
