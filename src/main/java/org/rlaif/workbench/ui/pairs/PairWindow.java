package org.rlaif.workbench.ui.pairs;

import javafx.collections.ObservableListBase;

/**
 * A stretch of a listing as the table's items: {@code size} rows starting at {@code offset}. The table only ever
 * holds a few thousand rows this way, because JavaFX's VirtualFlow walks every row above the visible ones on each
 * layout, which at a million rows costs more than a frame; the screen's own scroll bar moves the window instead.
 */
final class PairWindow extends ObservableListBase<PairItem> {
    private final PagedPairs listing;
    private final int offset;
    private final int size;

    PairWindow(PagedPairs listing, int offset, int size) {
        if (offset < 0 || size < 0 || offset + size > listing.size()) {
            throw new IllegalArgumentException("window " + offset + "+" + size + " outside a listing of " + listing.size());
        }
        this.listing = listing;
        this.offset = offset;
        this.size = size;
    }

    /** Where a window of {@code size} rows should start to show row {@code target} with room on both sides. */
    static int startFor(int target, int total, int size) {
        return Math.max(0, Math.min(target - size / 2, total - size));
    }

    @Override
    public PairItem get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size);
        }
        return listing.get(offset + index);
    }

    @Override
    public int size() {
        return size;
    }

    int offset() {
        return offset;
    }

    PagedPairs listing() {
        return listing;
    }
}
