package org.rlaif.workbench.ui.pairs;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.rlaif.workbench.store.PairRow;

/**
 * One line of the pairs table: its position, and its row once the page it is on has been read (null until then,
 * which the table shows as "loading"). Cells bind to {@link #rowProperty()}, so they fill in when the page arrives.
 */
public final class PairItem {
    private final int index;
    private final ReadOnlyObjectWrapper<PairRow> row = new ReadOnlyObjectWrapper<>(this, "row");

    PairItem(int index) {
        this.index = index;
    }

    public int index() {
        return index;
    }

    public ReadOnlyObjectProperty<PairRow> rowProperty() {
        return row.getReadOnlyProperty();
    }

    public PairRow row() {
        return row.get();
    }

    void fill(PairRow r) {
        row.set(r);
    }
}
