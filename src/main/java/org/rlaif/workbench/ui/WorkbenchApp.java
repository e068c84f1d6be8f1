package org.rlaif.workbench.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The JavaFX application: the workbench window. */
public final class WorkbenchApp extends Application {

    public static void launchWindow(String[] args) {
        Application.launch(WorkbenchApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("RLAIF Workbench");
        stage.setScene(new Scene(new StackPane(new Label("RLAIF Workbench")), 1280, 800));
        stage.show();
    }
}
