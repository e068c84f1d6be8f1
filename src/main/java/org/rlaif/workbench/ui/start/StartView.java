package org.rlaif.workbench.ui.start;

import atlantafx.base.theme.Styles;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The start screen: actions on the left with the recent projects, the import panel on the right. */
public final class StartView extends BorderPane {
    private final StartViewModel vm;

    public StartView(StartViewModel vm) {
        this.vm = vm;
        getStyleClass().addAll("screen", "start-screen");
        setTop(header());
        ImportView importView = new ImportView(vm.importer(), this::createProjectFor);
        HBox body = new HBox(20, leftColumn(), importView);
        HBox.setHgrow(importView, Priority.ALWAYS);
        body.setPadding(new Insets(4, 20, 20, 20));
        setCenter(body);
    }

    private VBox header() {
        Label title = new Label("RLAIF Workbench");
        title.getStyleClass().add(Styles.TITLE_1);
        Label subtitle = new Label("Audit AI preference labels against human ones, correct the disputed pairs,"
                + " and show where they differ.");
        subtitle.getStyleClass().addAll("subtitle", Styles.TEXT_MUTED);
        VBox box = new VBox(4, title, subtitle);
        box.setPadding(new Insets(22, 20, 16, 20));
        return box;
    }

    private VBox leftColumn() {
        Button open = action("Open project…", Feather.FOLDER, "open-project");
        open.setOnAction(e -> chooseProject(false));
        Button create = action("New project…", Feather.FILE_PLUS, "new-project");
        create.setOnAction(e -> chooseProject(true));
        Button sample = action("Open the sample project", Feather.BOOK_OPEN, "open-sample");
        sample.setOnAction(e -> vm.openSample());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.openingProperty().isNotNull());
        Label opening = new Label();
        opening.textProperty().bind(vm.openingProperty().map(p -> "Opening " + p.getFileName() + "…"));
        opening.visibleProperty().bind(busy.visibleProperty());
        opening.getStyleClass().add(Styles.TEXT_MUTED);
        HBox openingRow = new HBox(8, busy, opening);
        openingRow.setAlignment(Pos.CENTER_LEFT);
        openingRow.managedProperty().bind(busy.visibleProperty());
        openingRow.visibleProperty().bind(busy.visibleProperty());

        Label samplesHint = new Label();
        samplesHint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        samplesHint.setWrapText(true);
        Runnable hint = () -> samplesHint.setText(vm.bundledSamples().isEmpty()
                ? "No sample project ships with this build: a small generated demo opens instead."
                : "Samples: " + String.join(", ", vm.bundledSamples().stream()
                        .map(p -> p.getFileName().toString()).toList()));
        hint.run();
        vm.bundledSamples().addListener((javafx.collections.ListChangeListener<Path>) c -> hint.run());

        VBox actions = new VBox(8, open, create, sample, samplesHint, openingRow);
        actions.getStyleClass().add("card-panel");

        Label recentTitle = new Label("RECENT PROJECTS");
        recentTitle.getStyleClass().add("section-title");
        ListView<Path> recent = new ListView<>(vm.recentProjects());
        recent.setId("recent-projects");
        recent.setCellFactory(l -> new RecentCell());
        recent.setPlaceholder(new Label("Projects you open appear here."));
        recent.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && recent.getSelectionModel().getSelectedItem() != null) {
                vm.open(recent.getSelectionModel().getSelectedItem());
            }
        });
        recent.setOnKeyPressed(e -> {
            Path p = recent.getSelectionModel().getSelectedItem();
            if (p != null && e.getCode() == KeyCode.ENTER) {
                vm.open(p);
            } else if (p != null && e.getCode() == KeyCode.DELETE) {
                vm.forget(p);
            }
        });
        VBox.setVgrow(recent, Priority.ALWAYS);
        VBox column = new VBox(14, actions, recentTitle, recent);
        column.setPrefWidth(380);
        column.setMinWidth(320);
        return column;
    }

    private static Button action(String text, Feather icon, String id) {
        Button b = new Button(text, new FontIcon(icon));
        b.setMaxWidth(Double.MAX_VALUE);
        b.setAlignment(Pos.CENTER_LEFT);
        b.setId(id);
        b.setGraphicTextGap(10);
        return b;
    }

    private void chooseProject(boolean create) {
        FileChooser chooser = projectChooser(create ? "New project" : "Open project");
        File f = create ? chooser.showSaveDialog(window()) : chooser.showOpenDialog(window());
        if (f == null) {
            return;
        }
        Path p = withExtension(f.toPath());
        if (create) {
            vm.create(p);
        } else {
            vm.open(p);
        }
    }

    /** Asked by the import panel when there is no project to import into: where to create one. */
    private void createProjectFor(List<Path> data) {
        FileChooser chooser = projectChooser("New project for the import");
        chooser.setInitialFileName(baseName(data.get(0)) + ".rlaif");
        File f = chooser.showSaveDialog(window());
        if (f != null) {
            vm.createAndImport(withExtension(f.toPath()), data);
        }
    }

    private static String baseName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.indexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private FileChooser projectChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("RLAIF Workbench project", "*.rlaif"));
        if (!vm.recentProjects().isEmpty() && vm.recentProjects().get(0).getParent() != null
                && Files.isDirectory(vm.recentProjects().get(0).getParent())) {
            chooser.setInitialDirectory(vm.recentProjects().get(0).getParent().toFile());
        }
        return chooser;
    }

    private static Path withExtension(Path p) {
        return p.getFileName().toString().endsWith(".rlaif") ? p : p.resolveSibling(p.getFileName() + ".rlaif");
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    /** A recent project: its name, its folder, and a note when the file is gone. */
    private final class RecentCell extends ListCell<Path> {
        @Override
        protected void updateItem(Path p, boolean empty) {
            super.updateItem(p, empty);
            if (empty || p == null) {
                setGraphic(null);
                setText(null);
                setContextMenu(null);
                return;
            }
            Label name = new Label(p.getFileName().toString(), new FontIcon(Feather.DATABASE));
            name.getStyleClass().add(Styles.TEXT_BOLD);
            Label folder = new Label(p.getParent() == null ? "" : p.getParent().toString());
            folder.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            VBox box = new VBox(2, name, folder);
            if (!Files.exists(p)) {
                Label gone = new Label("missing: moved or deleted");
                gone.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.DANGER);
                box.getChildren().add(gone);
            }
            setGraphic(box);
            setText(null);
            MenuItem forget = new MenuItem("Remove from list");
            forget.setOnAction(e -> vm.forget(p));
            setContextMenu(new ContextMenu(forget));
        }
    }
}
