package org.rlaif.workbench.ui.pairs;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.controlsfx.control.CheckComboBox;
import org.controlsfx.control.RangeSlider;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.store.AgreementStatus;
import org.rlaif.workbench.store.PairFilter;
import org.rlaif.workbench.store.PairOrder;
import org.rlaif.workbench.store.PairRow;

/**
 * The pairs screen: a filter bar over a table of every pair, a page at a time from the project. Enter or a
 * double click opens a pair in the compare screen; Ctrl+F goes to the search field.
 */
public final class PairsView extends BorderPane {
    private static final Duration SEARCH_PAUSE = Duration.millis(250);
    /** How long after the first listing is shown the hidden filters are built (see filterBar). */
    private static final Duration PREPARE_AFTER = Duration.seconds(1);
    private final PairsViewModel vm;
    private final TableView<PairItem> table = new TableView<>();
    private final PairsTable windowed = new PairsTable(table);
    private long shownListing = -1;
    private final List<TableColumn<PairItem, PairRow>> fixedColumns;
    private final VerdictColumns verdictColumns = new VerdictColumns();
    private final CustomTextField search = new CustomTextField();

    public PairsView(PairsViewModel vm) {
        this.vm = vm;
        getStyleClass().addAll("screen", "pairs-screen");
        fixedColumns = List.of(
                PairCells.text("#", 70, r -> Long.toString(r.id())),
                PairCells.status(92),
                PairCells.text("Task", 124, r -> r.task().key()),
                PairCells.text("Source", 170, r -> r.source() + " · " + r.split().key()),
                PairCells.text("Context", 300, PairRow::contextPreview),
                PairCells.text("Response A", 240, PairRow::previewA),
                PairCells.text("Response B", 240, PairRow::previewB),
                PairCells.text("Length A / B", 100, r -> r.lengthA() + " / " + r.lengthB()),
                PairCells.text("Adjudicated", 96, r -> r.adjudication() == null ? ""
                        : r.adjudication() == Choice.TIE ? "tie" : r.adjudication().name()));
        VBox top = new VBox(header(), filterBar(), selectionChip());
        setTop(top);
        table();
        setCenter(windowed);
        vm.activeProperty().bind(sceneProperty().isNotNull());
    }

    // ------------------------------------------------------------------ header

    private HBox header() {
        Label title = new Label("Pairs");
        title.getStyleClass().add(Styles.TITLE_2);
        Label count = new Label();
        count.textProperty().bind(vm.statusProperty());
        count.getStyleClass().add(Styles.TEXT_MUTED);
        count.setId("pairs-count");
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(vm.loadingProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);

        Button disputed = new Button("Disputed first", new FontIcon(Feather.ZAP));
        disputed.setTooltip(new Tooltip("Only disputed pairs, most confident disagreement first"));
        disputed.setOnAction(e -> vm.showDisputed());
        disputed.setId("show-disputed");
        Button open = new Button("Open", new FontIcon(Feather.COLUMNS));
        open.setTooltip(new Tooltip("Open the selected pair side by side (Enter)"));
        open.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        open.setOnAction(e -> vm.open(table.getSelectionModel().getSelectedItem()));
        HBox box = new HBox(10, title, busy, count, grow, disputed, savedMenu(), columnsMenu(), open);
        box.getStyleClass().add("screen-header");
        return box;
    }

    /**
     * Which columns the table shows. The table's own menu button would list the labelers' spare slots as nameless
     * columns (see {@link VerdictColumns}), so the choice is made here, by name.
     */
    private MenuButton columnsMenu() {
        MenuButton menu = new MenuButton("Columns", new FontIcon(Feather.EYE));
        menu.setId("columns-menu");
        Runnable rebuild = () -> {
            menu.getItems().clear();
            for (TableColumn<PairItem, PairRow> c : fixedColumns) {
                CheckMenuItem item = new CheckMenuItem(c.getText());
                item.selectedProperty().bindBidirectional(c.visibleProperty());
                menu.getItems().add(item);
            }
            if (!verdictColumns.labelers().isEmpty()) {
                menu.getItems().add(new SeparatorMenuItem());
            }
            for (Labeler l : verdictColumns.labelers()) {
                CheckMenuItem item = new CheckMenuItem(l.name(), new FontIcon(l.isHuman() ? Feather.USER : Feather.CPU));
                item.setSelected(!verdictColumns.isHidden(l.id()));
                item.selectedProperty().addListener((o, was, now) -> verdictColumns.setHidden(l.id(), !now));
                menu.getItems().add(item);
            }
        };
        // built when opened: the labelers change with every import, the menu is opened now and then
        menu.setOnShowing(e -> rebuild.run());
        rebuild.run();
        return menu;
    }

    private MenuButton savedMenu() {
        MenuButton menu = new MenuButton("Saved filters", new FontIcon(Feather.BOOKMARK));
        menu.setId("saved-filters");
        Runnable rebuild = () -> {
            menu.getItems().clear();
            MenuItem save = new MenuItem("Save this filter…", new FontIcon(Feather.PLUS));
            save.setOnAction(e -> {
                TextInputDialog ask = new TextInputDialog();
                ask.setTitle("Save filter");
                ask.setHeaderText("Name this filter; it is kept in the project file.");
                ask.initOwner(getScene().getWindow());
                ask.showAndWait().filter(n -> !n.isBlank()).ifPresent(vm::saveFilter);
            });
            menu.getItems().add(save);
            if (!vm.savedFilters().isEmpty()) {
                menu.getItems().add(new SeparatorMenuItem());
            }
            for (SavedFilter f : vm.savedFilters()) {
                MenuItem use = new MenuItem(f.name());
                use.setOnAction(e -> vm.useFilter(f));
                menu.getItems().add(use);
            }
            if (!vm.savedFilters().isEmpty()) {
                MenuItem header = new MenuItem("Delete a saved filter:");
                header.setDisable(true);
                menu.getItems().addAll(new SeparatorMenuItem(), header);
                for (SavedFilter f : vm.savedFilters()) {
                    MenuItem del = new MenuItem("Delete “" + f.name() + "”", new FontIcon(Feather.TRASH_2));
                    del.setOnAction(e -> vm.deleteFilter(f));
                    menu.getItems().add(del);
                }
            }
        };
        rebuild.run();
        vm.savedFilters().addListener((ListChangeListener<SavedFilter>) c -> rebuild.run());
        return menu;
    }

    // ------------------------------------------------------------------ filters

    private VBox filterBar() {
        search.setPromptText("Search contexts and responses");
        search.setLeft(new FontIcon(Feather.SEARCH));
        Button clear = new Button(null, new FontIcon(Feather.X));
        clear.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        clear.setOnAction(e -> search.clear());
        clear.visibleProperty().bind(search.textProperty().isNotEmpty());
        search.setRight(clear);
        search.setPrefWidth(280);
        search.setId("pairs-search");
        search.setText(vm.searchProperty().get());
        PauseTransition pause = new PauseTransition(SEARCH_PAUSE);
        pause.setOnFinished(e -> vm.searchProperty().set(search.getText()));
        search.textProperty().addListener((o, was, now) -> pause.playFromStart());
        search.setOnAction(e -> {
            pause.stop();
            vm.searchProperty().set(search.getText());
        });
        vm.searchProperty().addListener((o, was, now) -> {
            if (!now.equals(search.getText())) {
                search.setText(now);
                pause.stop();
            }
        });

        HBox statuses = new HBox();
        statuses.getStyleClass().add("status-toggles");
        AgreementStatus[] order = {AgreementStatus.AGREE, AgreementStatus.DISPUTED, AgreementStatus.SINGLE,
                AgreementStatus.UNLABELED};
        for (int i = 0; i < order.length; i++) {
            AgreementStatus s = order[i];
            ToggleButton t = new ToggleButton(capitalized(s.key()));
            t.setId("status-" + s.key());
            t.getStyleClass().add(i == 0 ? Styles.LEFT_PILL : i == order.length - 1 ? Styles.RIGHT_PILL
                    : Styles.CENTER_PILL);
            t.setSelected(vm.statuses().contains(s));
            t.selectedProperty().addListener((o, was, now) -> {
                if (now) {
                    vm.statuses().add(s);
                } else {
                    vm.statuses().remove(s);
                }
            });
            vm.statuses().addListener((SetChangeListener<AgreementStatus>) c -> t.setSelected(vm.statuses().contains(s)));
            statuses.getChildren().add(t);
        }

        CheckComboBox<Task> tasks = checks("Task", List.of(Task.values()), vm.tasks(), Task::key);
        CheckComboBox<String> sources = checks("Source", vm.availableSources(), vm.sources(), s -> s);
        sources.setId("filter-source");
        tasks.setId("filter-task");

        ToggleButton more = new ToggleButton("More filters", new FontIcon(Feather.SLIDERS));
        more.setId("more-filters");
        Label moreCount = new Label();
        moreCount.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.ACCENT);
        moreCount.textProperty().bind(Bindings.createStringBinding(() -> {
            PairFilter f = vm.filterProperty().get();
            int n = (f.splits().isEmpty() ? 0 : 1) + (f.labeler() == null ? 0 : 1) + (f.restrictsConfidence() ? 1 : 0)
                    + (f.adjudicated() == null ? 0 : 1) + (vm.orderProperty().get() == PairOrder.ID ? 0 : 1);
            return n == 0 ? "" : n + " set";
        }, vm.filterProperty(), vm.orderProperty()));

        Button reset = new Button("Reset", new FontIcon(Feather.ROTATE_CCW));
        reset.getStyleClass().add(Styles.FLAT);
        reset.setOnAction(e -> vm.reset());
        reset.setId("pairs-reset");

        FlowPane bar = new FlowPane(10, 8, search, statuses, tasks, sources, more, moreCount, reset);
        bar.setPadding(new Insets(0, 20, 12, 20));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("filter-bar");
        VBox box = new VBox(bar);
        // The less used filters are not built with the window (every control costs start-up time) but a moment after
        // the first listing is on screen, hidden: styling them is then done, and showing them, or a saved filter or
        // a drill-down from the dashboard that sets one, costs a layout, not the first styling of a row of controls.
        FlowPane[] second = new FlowPane[1];
        Runnable build = () -> {
            if (second[0] == null) {
                second[0] = moreFilters();
                second[0].managedProperty().bind(more.selectedProperty());
                second[0].visibleProperty().bind(more.selectedProperty());
                box.getChildren().add(second[0]);
            }
        };
        more.selectedProperty().addListener((o, was, now) -> {
            if (now) {
                build.run();
            }
        });
        PauseTransition idle = new PauseTransition(PREPARE_AFTER);
        idle.setOnFinished(e -> build.run());
        vm.itemsProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends PagedPairs> o, PagedPairs was, PagedPairs now) {
                if (now != null) {
                    vm.itemsProperty().removeListener(this);
                    idle.playFromStart();
                }
            }
        });
        if (vm.itemsProperty().get() != null) {
            idle.playFromStart();
        }
        // a filter set elsewhere (a saved filter, the dashboard) shows its controls
        vm.filterProperty().addListener((o, was, f) -> {
            if (!more.isSelected() && !moreCount.getText().isEmpty()) {
                more.setSelected(true);
            }
        });
        return box;
    }

    private FlowPane moreFilters() {
        CheckComboBox<Split> splits = checks("Split", List.of(Split.values()), vm.splits(), Split::key);

        ComboBox<Labeler> labeler = new ComboBox<>();
        labeler.setPromptText("Any labeler");
        labeler.setId("filter-labeler");
        Runnable fillLabelers = () -> {
            Labeler keep = vm.labelerProperty().get();
            labeler.getItems().setAll((Labeler) null);
            labeler.getItems().addAll(vm.labelers());
            labeler.setValue(keep);
        };
        fillLabelers.run();
        vm.labelers().addListener((ListChangeListener<Labeler>) c -> fillLabelers.run());
        labeler.setConverter(converter(l -> l == null ? "Any labeler" : l.name()));
        labeler.valueProperty().bindBidirectional(vm.labelerProperty());
        ComboBox<PairFilter.LabelerCondition.Mode> mode = new ComboBox<>();
        mode.getItems().setAll(PairFilter.LabelerCondition.Mode.values());
        mode.setConverter(converter(PairsView::describeMode));
        mode.valueProperty().bindBidirectional(vm.labelerModeProperty());
        mode.disableProperty().bind(vm.labelerProperty().isNull());

        RangeSlider confidence = new RangeSlider(0, 1, vm.minConfidenceProperty().get(), vm.maxConfidenceProperty().get());
        confidence.setPrefWidth(130);
        confidence.setId("filter-confidence");
        Label confidenceText = new Label();
        confidenceText.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT,
                "Confidence %.2f–%.2f", confidence.getLowValue(), confidence.getHighValue()),
                confidence.lowValueProperty(), confidence.highValueProperty()));
        confidenceText.getStyleClass().add(Styles.TEXT_MUTED);
        Runnable pushConfidence = () -> {
            if (!confidence.isLowValueChanging() && !confidence.isHighValueChanging()) {
                vm.minConfidenceProperty().set(round(confidence.getLowValue()));
                vm.maxConfidenceProperty().set(round(confidence.getHighValue()));
            }
        };
        confidence.lowValueChangingProperty().addListener((o, was, now) -> pushConfidence.run());
        confidence.highValueChangingProperty().addListener((o, was, now) -> pushConfidence.run());
        vm.minConfidenceProperty().addListener((o, was, now) -> confidence.setLowValue(now.doubleValue()));
        vm.maxConfidenceProperty().addListener((o, was, now) -> confidence.setHighValue(now.doubleValue()));
        HBox confidenceBox = new HBox(6, confidenceText, confidence);
        confidenceBox.setAlignment(Pos.CENTER_LEFT);

        ComboBox<Boolean> adjudicated = new ComboBox<>();
        adjudicated.getItems().setAll(null, true, false);
        adjudicated.setConverter(converter(b -> b == null ? "Adjudicated or not" : b ? "Adjudicated" : "Not adjudicated"));
        adjudicated.valueProperty().bindBidirectional(vm.adjudicatedProperty());

        ComboBox<PairOrder> sort = new ComboBox<>();
        sort.getItems().setAll(PairOrder.values());
        sort.setConverter(converter(o -> o == PairOrder.ID ? "Import order" : "Most confident disagreement"));
        sort.valueProperty().bindBidirectional(vm.orderProperty());
        sort.setId("pairs-order");

        FlowPane row = new FlowPane(10, 8, splits, labeler, mode, confidenceBox, adjudicated, sort);
        row.setPadding(new Insets(0, 20, 12, 20));
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("filter-bar");
        return row;
    }

    /** While the listing is a selection from the dashboard: what it is, and a way back to the filter. */
    private HBox selectionChip() {
        Label what = new Label();
        what.textProperty().bind(vm.selectionProperty().map(sel -> "Showing " + sel));
        Button back = new Button("Back to the filter", new FontIcon(Feather.X));
        back.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        back.setOnAction(e -> vm.clearSelection());
        HBox chip = new HBox(8, new FontIcon(Feather.BAR_CHART_2), what, back);
        chip.setAlignment(Pos.CENTER_LEFT);
        chip.getStyleClass().add("selection-chip");
        chip.setId("pairs-selection");
        chip.visibleProperty().bind(vm.selectionProperty().isNotNull());
        chip.managedProperty().bind(chip.visibleProperty());
        return chip;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static String describeMode(PairFilter.LabelerCondition.Mode m) {
        return switch (m) {
            case LABELED -> "has a verdict";
            case NOT_LABELED -> "has no verdict";
            case CHOSE_A -> "chose A";
            case CHOSE_B -> "chose B";
            case CHOSE_TIE -> "said tie";
        };
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** A multi-choice box kept in step with a set of the view model, both ways. */
    private static <T> CheckComboBox<T> checks(String title, ObservableList<T> choices, ObservableSet<T> chosen,
                                               Function<T, String> name) {
        CheckComboBox<T> box = new CheckComboBox<>(choices);
        box.titleProperty().bind(Bindings.createStringBinding(() -> chosen.isEmpty() ? title
                : title + ": " + String.join(", ", chosen.stream().map(name).sorted().toList()), chosen));
        box.setConverter(converter(name));
        boolean[] syncing = {false};
        Runnable fromSet = () -> {
            syncing[0] = true;
            try {
                for (T t : box.getItems()) {
                    if (chosen.contains(t) != box.getCheckModel().isChecked(t)) {
                        if (chosen.contains(t)) {
                            box.getCheckModel().check(t);
                        } else {
                            box.getCheckModel().clearCheck(t);
                        }
                    }
                }
            } finally {
                syncing[0] = false;
            }
        };
        fromSet.run();
        chosen.addListener((SetChangeListener<T>) c -> fromSet.run());
        choices.addListener((ListChangeListener<T>) c -> fromSet.run());
        box.getCheckModel().getCheckedItems().addListener((ListChangeListener<T>) c -> {
            if (syncing[0]) {
                return;
            }
            List<T> now = List.copyOf(box.getCheckModel().getCheckedItems());
            chosen.retainAll(now);
            chosen.addAll(now);
        });
        return box;
    }

    private static <T> CheckComboBox<T> checks(String title, List<T> choices, ObservableSet<T> chosen,
                                               Function<T, String> name) {
        return checks(title, javafx.collections.FXCollections.observableArrayList(choices), chosen, name);
    }

    private static <T> StringConverter<T> converter(Function<T, String> name) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return name.apply(t);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException("not editable");
            }
        };
    }

    // ------------------------------------------------------------------ table

    private TableView<PairItem> table() {
        table.setId("pairs-table");
        table.getStyleClass().addAll("pairs-table", Styles.STRIPED);
        // a fixed row height lets the table place a million rows without measuring them
        table.setFixedCellSize(30);
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        showLabelers();
        vm.labelers().addListener((ListChangeListener<Labeler>) c -> showLabelers());
        vm.projectProperty().addListener((o, was, now) -> verdictColumns.forgetChoices());
        vm.itemsProperty().addListener((o, was, now) -> {
            boolean sameListing = vm.listingKey() == shownListing;
            shownListing = vm.listingKey();
            windowed.show(now, sameListing);
        });
        shownListing = vm.listingKey();
        windowed.show(vm.itemsProperty().get(), false);
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                vm.open(table.getSelectionModel().getSelectedItem());
            }
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                vm.open(table.getSelectionModel().getSelectedItem());
                e.consume();
            }
        });
        Button reset = new Button("Show every pair");
        reset.setOnAction(e -> vm.reset());
        Label none = new Label("No pair matches this filter.");
        none.getStyleClass().add(Styles.TEXT_MUTED);
        VBox empty = new VBox(10, none, reset);
        empty.setAlignment(Pos.CENTER);
        table.setPlaceholder(empty);
        sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
                    if (getScene() != null && isVisible()) {
                        search.requestFocus();
                    }
                });
            }
        });
        return table;
    }

    /** The labeler columns between the fixed ones; the table's columns change only when the slots did. */
    private void showLabelers() {
        if (verdictColumns.show(vm.labelers()) || table.getColumns().isEmpty()) {
            List<TableColumn<PairItem, ?>> wanted = new ArrayList<>(fixedColumns.subList(0, 4));
            wanted.addAll(verdictColumns.columns());
            wanted.addAll(fixedColumns.subList(4, fixedColumns.size()));
            table.getColumns().setAll(wanted);
        }
    }

    TableView<PairItem> tableView() {
        return table;
    }
}
