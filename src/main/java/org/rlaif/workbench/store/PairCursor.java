package org.rlaif.workbench.store;

/**
 * A position in a pair listing: the sort key of a row, so the next page starts right after it (keyset paging).
 *
 * @param dispute the row's dispute score, for {@link PairOrder#DISPUTE}; needed in that order only
 * @param weight  the row's dispute weight, the tie-break of that order
 * @param id      the row's pair id
 */
public record PairCursor(Double dispute, Double weight, long id) {
    public PairCursor(long id) {
        this(null, null, id);
    }
}
