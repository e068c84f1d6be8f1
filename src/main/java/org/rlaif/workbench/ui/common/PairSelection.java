package org.rlaif.workbench.ui.common;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named set of pairs that no filter describes, e.g. "the pairs where judge-7b disagrees with the humans" from a
 * dashboard bar. The ids are kept sorted, so the pairs screen lists them in import order and compare can step
 * through them.
 */
public record PairSelection(String title, long[] ids) {
    public PairSelection {
        Objects.requireNonNull(title, "title");
        ids = ids.clone();
        Arrays.sort(ids);
    }

    public int size() {
        return ids.length;
    }

    /** 0-based place of {@code pairId}, or -1. */
    public int indexOf(long pairId) {
        int i = Arrays.binarySearch(ids, pairId);
        return i < 0 ? -1 : i;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PairSelection s && s.title.equals(title) && Arrays.equals(s.ids, ids);
    }

    @Override
    public int hashCode() {
        return 31 * title.hashCode() + Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return title + " (" + ids.length + " pairs)";
    }
}
