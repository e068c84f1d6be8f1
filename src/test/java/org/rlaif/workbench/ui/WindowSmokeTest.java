package org.rlaif.workbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.io.SyntheticProject;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.ui.common.Screen;
import org.rlaif.workbench.ui.prefs.SettingsFile;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window opens headless (Monocle) on a project; the sidebar, Ctrl+number and the theme switch work. */
@ExtendWith(ApplicationExtension.class)
class WindowSmokeTest {
    @TempDir
    static Path dir;
    private Stage stage;
    private WorkbenchApp app;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Path project = dir.resolve("smoke.rlaif");
        try (ProjectStore s = ProjectStore.open(project)) {
            if (s.summary().pairs() == 0) {
                new SyntheticProject(50, 3, 1).writeTo(s, n -> { });
            }
        }
        app = new WorkbenchApp();
        app.start(stage, new SettingsFile(dir.resolve("settings.json")), project);
    }

    @Test
    void opensOnTheProjectAndMovesBetweenScreens(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.workspace().hasProject());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.getTitle()).isEqualTo("smoke.rlaif — RLAIF Workbench");
        assertThat(stage.isShowing()).isTrue();

        robot.clickOn("#nav-start");
        assertThat(app.shell().screenProperty().get()).isEqualTo(Screen.START);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        assertThat(app.shell().screenProperty().get()).isEqualTo(Screen.PAIRS);

        String light = Application.getUserAgentStylesheet();
        robot.clickOn("#theme-toggle");
        assertThat(Application.getUserAgentStylesheet()).isNotEqualTo(light).contains("dark");
        robot.clickOn("#theme-toggle");
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(light);
    }
}
