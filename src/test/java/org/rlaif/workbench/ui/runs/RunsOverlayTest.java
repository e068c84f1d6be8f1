package org.rlaif.workbench.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rlaif.workbench.domain.RunState;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.training.TrainingEnvironment;
import org.rlaif.workbench.ui.common.FxJobExecutor;
import org.rlaif.workbench.ui.common.Workspace;
import org.rlaif.workbench.ui.prefs.Theme;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Picking a second run in the table with Ctrl overlays its lines on the first one's, in another colour. */
@ExtendWith(ApplicationExtension.class)
class RunsOverlayTest {
    private final FxJobExecutor jobs = new FxJobExecutor();
    private final Workspace workspace = new Workspace(jobs);
    private RunsView view;
    private long first;
    private long second;

    @Start
    void start(Stage stage) throws Exception {
        Path dir = Files.createTempDirectory("runs-overlay");
        Path project = dir.resolve("p.rlaif");
        try (ProjectStore s = ProjectStore.open(project)) {
            first = PastRuns.add(s, "RLAIF reward model on judge-1b", "judge-1b", RunState.FINISHED);
            second = PastRuns.add(s, "RLHF reward model on humans", "humans", RunState.FINISHED);
        }
        Application.setUserAgentStylesheet(Theme.LIGHT.userAgentStylesheet());
        view = new RunsView(new RunsViewModel(workspace, TrainingEnvironment.locate(dir.resolve("data"), null), null));
        stage.setScene(new Scene(view, 1024, 700));
        stage.show();
        workspace.open(project, false, s -> { });
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(workspace::closeNow).get(30, TimeUnit.SECONDS);
        jobs.close();
    }

    @Test
    void ctrlClickingASecondRunOverlaysItsLines(FxRobot robot) throws Exception {
        RunChartsPane charts = view.chartsPane();
        // the newest run is picked when the screen first reads the project
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> charts.seriesOf(second, "train/loss") != null);
        TableView<?> table = robot.lookup("#runs-table").queryTableView();
        robot.press(KeyCode.CONTROL).clickOn(robot.lookup(".table-row-cell").nth(1).queryAs(javafx.scene.Node.class))
                .release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> charts.seriesOf(first, "train/loss") != null
                && charts.seriesOf(first, "train/loss").getData().size() == 20);
        assertThat(table.getSelectionModel().getSelectedItems()).hasSize(2);
        assertThat(view.viewModel().heldOut()).isEmpty(); // no scores: no held-out figure, nothing made up
        assertThat(charts.seriesOf(second, "train/loss").getData()).hasSize(20);
        String secondStyle = charts.seriesOf(second, "train/loss").getNode().getStyle();
        String firstStyle = charts.seriesOf(first, "train/loss").getNode().getStyle();
        assertThat(secondStyle).contains(RunChartCard.PALETTE[0]);
        assertThat(firstStyle).contains(RunChartCard.PALETTE[1]);
        assertThat(view.viewModel().charts().runs()).containsExactly(second, first);
        List<String> legend = robot.lookup(".run-chart-legend .label").queryAllAs(javafx.scene.control.Label.class)
                .stream().map(javafx.scene.control.Label::getText).toList();
        assertThat(legend).contains("#" + first + " train", "#" + second + " train");
    }
}
