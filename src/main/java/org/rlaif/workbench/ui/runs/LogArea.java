package org.rlaif.workbench.ui.runs;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.TextArea;

/**
 * A read-only text area that follows a list of lines (a run's log, pip's output). Lines added at the end are
 * appended, not the whole text set again, so a live log stays cheap and keeps the reader's selection; any other
 * change (lines dropped from the start, a new run) sets the text anew.
 */
final class LogArea extends TextArea {
    LogArea(ObservableList<String> lines, String id) {
        setEditable(false);
        getStyleClass().add("run-text");
        setId(id);
        lines.addListener((ListChangeListener<String>) c -> {
            boolean onlyAdded = true;
            StringBuilder added = new StringBuilder();
            while (c.next()) {
                if (c.wasRemoved() || c.getFrom() != c.getList().size() - c.getAddedSize()) {
                    onlyAdded = false;
                }
                c.getAddedSubList().forEach(l -> added.append(l).append('\n'));
            }
            if (onlyAdded) {
                appendText(added.toString());
            } else {
                setText(lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
                positionCaret(getLength());
            }
        });
    }
}
