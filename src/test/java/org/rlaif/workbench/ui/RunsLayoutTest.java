package org.rlaif.workbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.RunState;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.ui.common.Screen;
import org.rlaif.workbench.ui.prefs.SettingsFile;
import org.rlaif.workbench.ui.runs.PastRuns;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Runs screen in the whole window at 1024×700: every control, tab and the training dialog fit, nothing is cut. */
@ExtendWith(ApplicationExtension.class)
class RunsLayoutTest {
    @TempDir
    static Path dir;
    private WorkbenchApp app;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path project = TestProjects.copy(dir, 60, 2);
        try (ProjectStore s = ProjectStore.open(project)) {
            PastRuns.add(s, "RLAIF reward model on judge-1b", "judge-1b", RunState.FINISHED);
            PastRuns.add(s, "RLHF reward model on humans", "humans", RunState.FINISHED);
            PastRuns.add(s, "reward model on ai", "ai", RunState.DIVERGED);
        }
        app = new WorkbenchApp();
        app.start(stage, new SettingsFile(dir.resolve("settings.json")), project);
        stage.setWidth(1024);
        stage.setHeight(700);
    }

    @Test
    void theScreenAndTheTrainingDialogFitAt1024By700(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.workspace().hasProject());
        robot.clickOn("#nav-runs");
        Parent screen = (Parent) app.shellView().screenNode(Screen.RUNS);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> screen.lookupAll(".run-chart").size() >= 4);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.getWidth()).isEqualTo(1024);
        assertThat(((TableView<?>) screen.lookup("#runs-table")).getItems()).hasSize(3);
        assertThat(screen.lookupAll(".chart").stream().filter(n -> n instanceof LineChart<?, ?>)).isNotEmpty();

        TabPane details = (TabPane) screen.lookup("#runs-details");
        for (int i = 0; i < details.getTabs().size(); i++) {
            int tab = i;
            robot.interact(() -> details.getSelectionModel().select(tab));
            WaitForAsyncUtils.waitForFxEvents();
            List<String> cut = onFx(() -> NotClipped.problems(screen));
            assertThat(cut).as("tab " + details.getTabs().get(tab).getText()).isEmpty();
        }

        robot.clickOn("#runs-train");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> dialogRoot() != null);
        Parent dialog = dialogRoot();
        assertThat(dialog.getScene().getHeight()).isLessThanOrEqualTo(700);
        assertThat(onFx(() -> NotClipped.problems(dialog))).isEmpty();
        robot.interact(() -> dialog.getScene().getWindow().hide());
    }

    private Parent dialogRoot() {
        for (Window w : Window.getWindows()) {
            if (w != stage && w.isShowing() && w.getScene() != null && w.getScene().getRoot().lookup("#train-labels") != null) {
                return w.getScene().getRoot();
            }
        }
        return null;
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
    }
}
