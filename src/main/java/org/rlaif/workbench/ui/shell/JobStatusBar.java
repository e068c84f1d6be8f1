package org.rlaif.workbench.ui.shell;

import atlantafx.base.theme.Styles;
import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.rlaif.workbench.ui.common.JobHandle;

/**
 * The bottom line of the window: the open project on the left, running jobs with progress and a cancel button on
 * the right. A job shows up only once it has run for a moment, so quick page loads do not make the bar flicker.
 */
final class JobStatusBar extends HBox {
    private static final Duration SHOW_AFTER = Duration.millis(350);
    private final HBox jobsBox = new HBox(14);

    JobStatusBar(ShellViewModel vm) {
        getStyleClass().add("status-line");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(12);
        Label project = new Label();
        project.textProperty().bind(vm.projectStatusProperty());
        project.setGraphic(new FontIcon(Feather.DATABASE));
        project.getStyleClass().add(Styles.TEXT_MUTED);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        jobsBox.setAlignment(Pos.CENTER_RIGHT);
        getChildren().addAll(project, spacer, jobsBox);
        vm.runningJobs().addListener((ListChangeListener<JobHandle>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(this::showLater);
                change.getRemoved().forEach(h -> jobsBox.getChildren().removeIf(n -> n.getUserData() == h));
            }
        });
        vm.runningJobs().forEach(this::showLater);
    }

    private void showLater(JobHandle handle) {
        PauseTransition delay = new PauseTransition(SHOW_AFTER);
        delay.setOnFinished(e -> {
            if (handle.isRunning()) {
                jobsBox.getChildren().add(jobView(handle));
            }
        });
        delay.play();
    }

    private HBox jobView(JobHandle handle) {
        Label text = new Label();
        text.textProperty().bind(handle.messageProperty().map(m -> m == null || m.isBlank() ? handle.title() : m));
        text.setMaxWidth(320);
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(handle.progressProperty());
        bar.setPrefWidth(140);
        bar.getStyleClass().add(Styles.SMALL);
        Button cancel = new Button(null, new FontIcon(Feather.X));
        cancel.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        cancel.setTooltip(new Tooltip("Cancel " + handle.title()));
        cancel.setOnAction(e -> handle.cancel());
        HBox box = new HBox(6, text, bar, cancel);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setUserData(handle);
        box.getStyleClass().add("job");
        return box;
    }
}
