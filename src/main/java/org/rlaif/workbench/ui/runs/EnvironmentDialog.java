package org.rlaif.workbench.ui.runs;

import atlantafx.base.theme.Styles;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * "Training environment": the check of the Python the trainers run on, line by line, and making the app's own
 * environment with pip's output shown as it comes and a button that cancels it.
 */
final class EnvironmentDialog {
    private EnvironmentDialog() {
    }

    static void open(Node owner, EnvironmentViewModel env) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner.getScene().getWindow());
        dialog.setTitle("Training environment");
        dialog.setHeaderText("The Python the trainers run on: " + env.pythonPath());
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        dialog.getDialogPane().setContent(content(env));
        dialog.getDialogPane().setPrefWidth(640);
        dialog.show();
        env.check();
    }

    private static VBox content(EnvironmentViewModel env) {
        GridPane items = new GridPane();
        items.setHgap(12);
        items.setVgap(4);
        items.setId("environment-items");
        Runnable fill = () -> {
            items.getChildren().clear();
            int r = 0;
            for (EnvironmentViewModel.Item i : env.items()) {
                FontIcon mark = new FontIcon(i.ok() ? Feather.CHECK : Feather.X);
                mark.getStyleClass().add(i.ok() ? Styles.SUCCESS : Styles.DANGER);
                Label what = new Label(i.what());
                what.getStyleClass().add(Styles.TEXT_BOLD);
                items.addRow(r++, mark, what, new Label(i.found()));
            }
        };
        env.items().addListener((ListChangeListener<EnvironmentViewModel.Item>) c -> fill.run());
        fill.run();
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(env.checkingProperty().or(env.settingUpProperty()));
        Label summary = new Label();
        summary.setWrapText(true);
        summary.setMaxWidth(600);
        summary.setId("environment-summary");
        summary.textProperty().bind(env.summaryProperty());
        Button check = new Button("Check again", new FontIcon(Feather.REFRESH_CW));
        check.setOnAction(e -> env.check());
        check.disableProperty().bind(env.checkingProperty().or(env.settingUpProperty()));
        Button make = new Button("Make it", new FontIcon(Feather.DOWNLOAD));
        make.setId("environment-make");
        make.setOnAction(e -> env.setUp());
        make.disableProperty().bind(env.checkingProperty().or(env.settingUpProperty()));
        make.setVisible(env.canSetUp());
        make.setManaged(env.canSetUp());
        Button cancel = new Button("Cancel making it", new FontIcon(Feather.X));
        cancel.setId("environment-cancel");
        cancel.getStyleClass().add(Styles.DANGER);
        cancel.setOnAction(e -> env.cancelSetUp());
        cancel.visibleProperty().bind(env.settingUpProperty());
        cancel.managedProperty().bind(env.settingUpProperty());
        HBox actions = new HBox(8, check, make, cancel, busy);
        actions.setAlignment(Pos.CENTER_LEFT);
        LogArea output = new LogArea(env.output(), "environment-output");
        output.setPrefRowCount(10);
        output.visibleProperty().bind(env.settingUpProperty().or(javafx.beans.binding.Bindings.isNotEmpty(env.output())));
        output.managedProperty().bind(output.visibleProperty());
        return new VBox(10, summary, items, actions, output);
    }
}
