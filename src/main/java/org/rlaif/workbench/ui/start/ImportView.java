package org.rlaif.workbench.ui.start;

import atlantafx.base.controls.Message;
import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;

/** The import panel: a drop zone, the detected format, the first records, options, progress and errors. */
final class ImportView extends VBox {
    private final ImportViewModel vm;
    private final Consumer<List<Path>> needsProject;

    ImportView(ImportViewModel vm, Consumer<List<Path>> needsProject) {
        super(12);
        this.vm = vm;
        this.needsProject = needsProject;
        getStyleClass().addAll("card-panel", "import-panel");
        setId("import-panel");
        Label title = new Label("Import preference data", new FontIcon(Feather.UPLOAD));
        title.getStyleClass().add(Styles.TITLE_3);
        title.setGraphicTextGap(10);
        Label hint = new Label("JSON, JSON lines, CSV, gzip. The format is detected from the first records;"
                + " a file is imported whole or not at all, and importing it again adds nothing.");
        hint.setWrapText(true);
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        TableView<ImportPreview.Record> preview = previewTable();
        VBox.setVgrow(preview, Priority.ALWAYS);
        getChildren().addAll(title, hint, dropZone(), formatRow(), options(), problem(), preview, footer());
    }

    private HBox dropZone() {
        Label files = new Label();
        files.textProperty().bind(Bindings.createStringBinding(() -> vm.files().isEmpty()
                ? "Drop files here, or choose them"
                : String.join(", ", vm.files().stream().map(p -> p.getFileName().toString()).toList()), vm.files()));
        files.setWrapText(true);
        Button choose = new Button("Choose files…", new FontIcon(Feather.FILE));
        choose.setId("choose-import-files");
        choose.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Import preference data");
            chooser.getExtensionFilters().addAll(
                    new FileChooser.ExtensionFilter("Preference data", "*.jsonl", "*.json", "*.csv", "*.tsv", "*.gz"),
                    new FileChooser.ExtensionFilter("All files", "*.*"));
            List<File> chosen = chooser.showOpenMultipleDialog(getScene().getWindow());
            if (chosen != null && !chosen.isEmpty()) {
                vm.choose(chosen.stream().map(File::toPath).toList());
            }
        });
        FontIcon icon = new FontIcon(Feather.INBOX);
        icon.setIconSize(22);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox zone = new HBox(12, icon, files, grow, choose);
        zone.setAlignment(Pos.CENTER_LEFT);
        zone.getStyleClass().add("drop-zone");
        zone.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        zone.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                vm.choose(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
        return zone;
    }

    private HBox formatRow() {
        ComboBox<String> format = new ComboBox<>(vm.formats());
        format.valueProperty().bindBidirectional(vm.formatProperty());
        format.setId("import-format");
        Label detected = new Label();
        detected.textProperty().bind(vm.previewProperty().map(p -> p.format() + " — " + p.description()));
        detected.getStyleClass().add(Styles.TEXT_MUTED);
        detected.setWrapText(true);
        Label label = new Label("Format");
        label.setMinWidth(Region.USE_PREF_SIZE);
        format.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(detected, Priority.ALWAYS);
        HBox row = new HBox(10, label, format, detected);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private TitledPane options() {
        TextField labeler = new TextField();
        labeler.setPromptText("the format's default");
        labeler.textProperty().bindBidirectional(vm.labelerNameProperty());
        ComboBox<Task> task = new ComboBox<>();
        task.getItems().add(null);
        task.getItems().addAll(Task.values());
        task.valueProperty().bindBidirectional(vm.taskProperty());
        task.setConverter(nullable("from the file", Task::key));
        ComboBox<Split> split = new ComboBox<>();
        split.getItems().add(null);
        split.getItems().addAll(Split.values());
        split.valueProperty().bindBidirectional(vm.splitProperty());
        split.setConverter(nullable("from the file", Split::key));
        TextField source = new TextField();
        source.setPromptText("the format's name");
        source.textProperty().bindBidirectional(vm.sourceProperty());
        ToggleSwitch skip = new ToggleSwitch("Skip invalid records and list them (instead of refusing the file)");
        skip.selectedProperty().bindBidirectional(vm.skipInvalidProperty());
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label("Labeler"), labeler, new Label("Task"), task);
        grid.addRow(1, new Label("Source"), source, new Label("Split"), split);
        grid.add(skip, 0, 2, 4, 1);
        TitledPane pane = new TitledPane("Options", grid);
        pane.setExpanded(false);
        pane.getStyleClass().add(Styles.DENSE);
        return pane;
    }

    private static <T> StringConverter<T> nullable(String none, java.util.function.Function<T, String> name) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? none : name.apply(t);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException("not editable");
            }
        };
    }

    private VBox problem() {
        Message message = new Message();
        message.getStyleClass().add(Styles.DANGER);
        message.setGraphic(new FontIcon(Feather.ALERT_OCTAGON));
        Label line = new Label();
        line.getStyleClass().addAll("problem-line", Styles.TEXT_SMALL);
        line.setStyle("-fx-font-family: monospace;");
        line.setWrapText(true);
        VBox box = new VBox(6, message, line);
        box.setId("import-problem");
        box.managedProperty().bind(box.visibleProperty());
        box.visibleProperty().bind(vm.problemProperty().isNotNull());
        vm.problemProperty().addListener((o, was, p) -> {
            if (p != null) {
                message.setTitle(p.place());
                message.setDescription(p.problem());
                line.setText(p.lineText().isEmpty() ? "" : p.line() + " │ " + p.lineText());
            }
        });
        return box;
    }

    private TableView<ImportPreview.Record> previewTable() {
        TableView<ImportPreview.Record> table = new TableView<>();
        table.setId("import-preview");
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        table.setPlaceholder(new Label("The first records of the first file appear here."));
        table.getColumns().add(column("Line", 60, r -> Long.toString(r.line())));
        table.getColumns().add(column("Task", 100, ImportPreview.Record::task));
        table.getColumns().add(column("Context", 220, r -> oneLine(r.context())));
        table.getColumns().add(column("Response A", 200, r -> oneLine(r.responseA())));
        table.getColumns().add(column("Response B", 200, r -> oneLine(r.responseB())));
        table.getColumns().add(column("Labels", 220, ImportPreview.Record::labels));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        vm.previewProperty().addListener((o, was, p) -> table.getItems().setAll(p == null ? List.of() : p.records()));
        table.setMinHeight(160);
        return table;
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() > 300 ? t.substring(0, 300) + "…" : t;
    }

    private static TableColumn<ImportPreview.Record, String> column(String title, double width,
                                                                    java.util.function.Function<ImportPreview.Record, String> value) {
        TableColumn<ImportPreview.Record, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new javafx.beans.property.SimpleStringProperty(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    private HBox footer() {
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.runningProperty().or(vm.previewingProperty()));
        bar.managedProperty().bind(bar.visibleProperty());
        bar.setPrefWidth(220);
        bar.setId("import-progress");
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);
        status.setId("import-status");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button cancel = new Button("Cancel", new FontIcon(Feather.X_CIRCLE));
        cancel.setId("import-cancel");
        cancel.visibleProperty().bind(vm.runningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> vm.cancel());
        Button start = new Button("Import", new FontIcon(Feather.DOWNLOAD));
        start.setId("import-start");
        start.getStyleClass().add(Styles.ACCENT);
        start.setDefaultButton(false);
        start.disableProperty().bind(Bindings.isEmpty(vm.files())
                .or(vm.runningProperty())
                .or(vm.problemProperty().isNotNull()));
        start.setOnAction(e -> {
            if (vm.workspace().project() == null) {
                needsProject.accept(List.copyOf(vm.files()));
            } else {
                vm.start();
            }
        });
        HBox footer = new HBox(10, bar, status, grow, cancel, start);
        footer.setAlignment(Pos.CENTER_LEFT);
        footer.setPadding(new Insets(4, 0, 0, 0));
        return footer;
    }
}
