package org.rlaif.workbench.ui.runs;

import atlantafx.base.theme.Styles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/**
 * The project's runs, newest first; several can be picked (ctrl/shift-click) to overlay their charts. The table
 * reports what is picked to the view model and picks what the view model asks for (a run just started, the two
 * runs of a comparison).
 */
final class RunsTable extends TableView<RunItem> {
    private static final PseudoClass LIVE = PseudoClass.getPseudoClass("live");
    private static final PseudoClass BAD = PseudoClass.getPseudoClass("bad");
    private final RunsViewModel vm;
    private boolean applying;

    RunsTable(RunsViewModel vm) {
        super(vm.items());
        this.vm = vm;
        setId("runs-table");
        getStyleClass().addAll(Styles.DENSE, "runs-table");
        getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        Label none = new Label("No runs yet. Train a reward model here, or with `rlaif-workbench train reward-model`:"
                + " its run shows here, live.");
        none.setWrapText(true);
        none.getStyleClass().add("placeholder-text");
        setPlaceholder(none);
        getColumns().setAll(List.of(
                column("#", 44, i -> new ReadOnlyObjectWrapper<>(i.id())),
                text("Name", 230, r -> r.run().name()),
                state(),
                duration(vm),
                heldOut(),
                text("Label source", 120, RunRow::labelSource),
                text("Kind", 112, r -> r.run().kind()),
                text("Loss", 64, r -> r.finalText("train/loss")),
                text("Accuracy", 92, r -> r.finalText("train/accuracy")),
                text("Backbone", 110, RunRow::backbone),
                text("Device", 130, RunRow::device)));
        getSelectionModel().getSelectedItems().addListener((ListChangeListener<RunItem>) c -> report());
        getFocusModel().focusedItemProperty().addListener((o, was, now) -> report());
        vm.requestedSelectionProperty().addListener((o, was, ids) -> {
            if (ids != null) {
                select(ids);
            }
        });
    }

    private void report() {
        if (applying) {
            return;
        }
        List<Long> ids = new ArrayList<>();
        for (RunItem r : getSelectionModel().getSelectedItems()) {
            if (r != null) {
                ids.add(r.id());
            }
        }
        RunItem focus = getSelectionModel().getSelectedItem();
        vm.setSelection(ids, focus == null ? null : focus.id());
    }

    /** Picks the rows of {@code ids}, the first of them focused. */
    private void select(List<Long> ids) {
        applying = true;
        try {
            getSelectionModel().clearSelection();
            for (int i = ids.size() - 1; i >= 0; i--) {
                for (int row = 0; row < getItems().size(); row++) {
                    if (getItems().get(row).id() == ids.get(i)) {
                        getSelectionModel().select(row);
                    }
                }
            }
        } finally {
            applying = false;
        }
        report();
    }

    private static <T> TableColumn<RunItem, T> column(String title, double width,
                                                      Function<RunItem, ObservableValue<T>> value) {
        TableColumn<RunItem, T> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> value.apply(d.getValue()));
        return c;
    }

    /** A column of text from the run's figures, which follows them as they change. */
    private static TableColumn<RunItem, String> text(String title, double width, Function<RunRow, String> value) {
        return column(title, width, i -> i.rowProperty().map(value));
    }

    private static TableColumn<RunItem, RunRow> state() {
        TableColumn<RunItem, RunRow> c = column("State", 132, RunItem::rowProperty);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(RunRow r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : r.stateText());
                setTooltip(empty || r == null || r.stateDetail().isEmpty() ? null : new Tooltip(r.stateDetail()));
                pseudoClassStateChanged(LIVE, !empty && r != null && r.isLive());
                pseudoClassStateChanged(BAD, !empty && r != null && r.endedBadly());
            }
        });
        return c;
    }

    private static TableColumn<RunItem, String> heldOut() {
        TableColumn<RunItem, String> c = text("Held-out agreement", 190, RunRow::agreementText);
        Label header = new Label("Held-out agreement");
        header.setTooltip(new Tooltip("Agreement with the human verdict on the pairs the run never trained on, with"
                + " its 95% interval"));
        c.setGraphic(header);
        c.setText(null);
        return c;
    }

    /** Moves with the view model's clock while a run is live. */
    private static TableColumn<RunItem, String> duration(RunsViewModel vm) {
        return column("Duration", 86, i -> Bindings.createStringBinding(
                () -> i.row().durationText(Instant.ofEpochMilli(vm.clockProperty().get())), vm.clockProperty(),
                i.rowProperty()));
    }
}
