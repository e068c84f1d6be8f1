package org.rlaif.workbench.ui.pairs;

import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The pairs table for listings of any length: a TableView over a {@link PairWindow} of a few thousand rows, and
 * beside it a scroll bar over the whole listing. Scrolling the table near the window's edge, moving the selection
 * there, or dragging the bar moves the window; the rows on screen stay where they are.
 */
final class PairsTable extends HBox {
    static final int WINDOW = 3_000;
    private static final int MARGIN = 400;

    private final TableView<PairItem> table;
    private final ScrollBar bar = new ScrollBar();
    private PagedPairs listing;
    private PairWindow window;
    private boolean syncing;
    /** The listing got its exact length: the bar follows; the window moves only if it reached past the new end. */
    private final ListChangeListener<PairItem> resized = change -> {
        if (window == null) {
            return;
        }
        int size = Math.min(WINDOW, listing.size());
        if (window.offset() + window.size() > listing.size() || window.size() != size) {
            int row = Math.min(firstVisible(), Math.max(0, listing.size() - 1));
            place(row, row);
        } else {
            updateBar();
        }
    };

    PairsTable(TableView<PairItem> table) {
        this.table = table;
        table.getStyleClass().add("windowed");
        bar.setOrientation(Orientation.VERTICAL);
        bar.setId("pairs-scrollbar");
        bar.getStyleClass().add("listing-bar");
        HBox.setHgrow(table, Priority.ALWAYS);
        getChildren().addAll(table, bar);
        bar.valueProperty().addListener((o, was, now) -> {
            if (!syncing) {
                showRow((int) Math.round(now.doubleValue()));
            }
        });
        table.addEventFilter(ScrollEvent.SCROLL, e -> Platform.runLater(this::followTable));
        table.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> {
            if (window != null && now.intValue() >= 0
                    && (now.intValue() < MARGIN && window.offset() > 0
                    || now.intValue() > window.size() - MARGIN && window.offset() + window.size() < listing.size())) {
                Platform.runLater(this::recentreOnSelection);
            }
        });
        table.skinProperty().addListener((o, was, now) -> hookFlow());
    }

    /** Shows a new listing, from its top (or, when {@code keepRow}, from the row shown before if it still exists). */
    void show(PagedPairs items, boolean keepRow) {
        int first = keepRow ? firstVisible() : 0;
        if (listing != null) {
            listing.removeListener(resized);
        }
        listing = items;
        if (items != null) {
            items.addListener(resized);
        }
        if (items == null) {
            window = null;
            // an empty list, not null: JavaFX's table skin counts the items when the columns change (a labeler
            // arrives) and fails on a null list
            table.setItems(javafx.collections.FXCollections.emptyObservableList());
            bar.setVisible(false);
            return;
        }
        int row = Math.min(Math.max(0, first), Math.max(0, items.size() - 1));
        place(row, row);
    }

    /** The listing row (0-based) at the top of the table. */
    int firstVisible() {
        VirtualFlow<?> flow = flow();
        if (window == null || flow == null || flow.getFirstVisibleCell() == null) {
            return window == null ? 0 : window.offset();
        }
        return window.offset() + flow.getFirstVisibleCell().getIndex();
    }

    /** Scrolls so that listing row {@code row} is at the top, moving the window when it is not in it. */
    void showRow(int row) {
        if (listing == null || listing.isEmpty()) {
            return;
        }
        int target = Math.max(0, Math.min(row, listing.size() - 1));
        int low = window.offset() + (window.offset() > 0 ? MARGIN : 0);
        int end = window.offset() + window.size();
        int high = end - visibleRows() - (end < listing.size() ? MARGIN : 0);
        if (target >= low && target <= Math.max(low, high) && flow() != null) {
            flow().scrollToTop(target - window.offset());
            syncBar();
        } else {
            place(target, target);
        }
    }

    /** Puts a window around {@code centre} and scrolls listing row {@code top} to the top of the table. */
    private void place(int centre, int top) {
        int size = Math.min(WINDOW, listing.size());
        int start = PairWindow.startFor(centre, listing.size(), size);
        PairItem selected = table.getSelectionModel().getSelectedItem();
        window = new PairWindow(listing, start, size);
        table.setItems(window);
        VirtualFlow<?> flow = flow();
        if (flow != null && size > 0) {
            flow.scrollToTop(Math.max(0, Math.min(top - start, size - 1)));
        }
        if (selected != null && selected.index() >= start && selected.index() < start + size
                && selected.index() < listing.size() && listing.get(selected.index()) == selected) {
            table.getSelectionModel().select(selected.index() - start);
        }
        updateBar();
    }

    private void updateBar() {
        bar.setMin(0);
        bar.setMax(Math.max(0, listing.size() - 1));
        bar.setVisibleAmount(Math.max(1, visibleRows()));
        bar.setUnitIncrement(3);
        bar.setBlockIncrement(Math.max(1, visibleRows() - 1));
        bar.setVisible(listing.size() > visibleRows());
        syncBar();
    }

    /** After the table scrolled by itself (wheel, keys): moves the bar, and the window when near its edge. */
    private void followTable() {
        if (window == null || flow() == null || flow().getFirstVisibleCell() == null) {
            return;
        }
        int inWindow = flow().getFirstVisibleCell().getIndex();
        boolean nearTop = inWindow < MARGIN && window.offset() > 0;
        boolean nearEnd = inWindow > window.size() - MARGIN - visibleRows()
                && window.offset() + window.size() < listing.size();
        if (nearTop || nearEnd) {
            int row = window.offset() + inWindow;
            place(row, row);
        } else {
            syncBar();
        }
    }

    private void recentreOnSelection() {
        int selected = table.getSelectionModel().getSelectedIndex();
        if (window == null || selected < 0) {
            return;
        }
        int absolute = window.offset() + selected;
        int top = firstVisible();
        place(absolute, top);
        table.getSelectionModel().select(absolute - window.offset());
    }

    private void syncBar() {
        syncing = true;
        try {
            bar.setValue(firstVisible());
        } finally {
            syncing = false;
        }
    }

    private void hookFlow() {
        VirtualFlow<?> flow = flow();
        if (flow == null) {
            return;
        }
        for (var node : flow.lookupAll(".scroll-bar")) {
            if (node instanceof ScrollBar s && s.getOrientation() == Orientation.VERTICAL) {
                s.valueProperty().addListener((o, was, now) -> Platform.runLater(this::followTable));
            }
        }
    }

    private int visibleRows() {
        double h = table.getHeight() > 0 ? table.getHeight() : 600;
        return Math.max(1, (int) (h / table.getFixedCellSize()) - 1);
    }

    private VirtualFlow<?> flow() {
        return (VirtualFlow<?>) table.lookup(".virtual-flow");
    }

    TableView<PairItem> table() {
        return table;
    }

    ScrollBar bar() {
        return bar;
    }
}
