package org.rlaif.workbench.store;

/** The order of a pair listing. Both are total orders with an index behind them, so listings page by keyset. */
public enum PairOrder {
    /** As stored (import order). */
    ID,
    /**
     * Pairs some labelers call A and others B, most confident disagreement first: the review queue, ranked as
     * {@code metrics.PairVerdicts.disputed} ranks it (the weaker side's strength, then both sides', then by id).
     */
    DISPUTE
}
