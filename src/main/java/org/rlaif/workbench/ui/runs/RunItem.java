package org.rlaif.workbench.ui.runs;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One run's line in the runs table. The line stays while the run's figures change under it ({@link #rowProperty}):
 * a table whose item is replaced drops it from the selection, and the runs picked for the charts would be lost at
 * every read of a live run.
 */
public final class RunItem {
    private final long id;
    private final ReadOnlyObjectWrapper<RunRow> row;

    RunItem(RunRow row) {
        this.id = row.id();
        this.row = new ReadOnlyObjectWrapper<>(this, "row", row);
    }

    public long id() {
        return id;
    }

    public RunRow row() {
        return row.get();
    }

    void update(RunRow now) {
        if (!now.equals(row.get())) {
            row.set(now);
        }
    }

    public ReadOnlyObjectProperty<RunRow> rowProperty() {
        return row.getReadOnlyProperty();
    }
}
