package org.rlaif.workbench.ui.pairs;

import java.util.Objects;
import org.rlaif.workbench.store.PairFilter;
import org.rlaif.workbench.store.PairOrder;

/** A filter the user named, to come back to (kept in the project file, so it travels with the project). */
public record SavedFilter(String name, PairFilter filter, PairOrder order) {
    public SavedFilter {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(order, "order");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a saved filter needs a name");
        }
        name = name.strip();
    }

    @Override
    public String toString() {
        return name;
    }
}
