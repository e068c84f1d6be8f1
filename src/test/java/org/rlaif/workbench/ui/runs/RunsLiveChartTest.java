package org.rlaif.workbench.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rlaif.workbench.domain.RunState;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.store.RunTail;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A run started from the dialog (against the stand-in trainer, 50 steps a second with five figures each: 250
 * events a second) charts live, one change per frame at most, and stops from the Stop button with every value it
 * stored on the chart.
 */
@ExtendWith(ApplicationExtension.class)
class RunsLiveChartTest {
    private RunsStage runs;
    private Path dir;

    @Start
    void start(Stage stage) throws Exception {
        dir = Files.createTempDirectory("runs-live");
        runs = new RunsStage(stage, dir, FakePython.environment(dir, 1_000_000, 20));
    }

    @AfterEach
    void close() throws Exception {
        runs.close();
    }

    @Test
    void theChartGrowsWhileTheRunRunsAndStopSavesAndEndsIt(FxRobot robot) throws Exception {
        long id = runs.train(robot, r -> { });
        runs.watch(id, "train/loss");
        WaitForAsyncUtils.asyncFx(runs.monitor::reset).get(10, TimeUnit.SECONDS); // measure the live charting only
        runs.awaitGrowth(3);
        assertThat(runs.vm.canStopProperty().get()).isTrue();

        robot.clickOn("#runs-stop");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> runs.state(id) == RunState.STOPPED);
        long stored;
        try (ProjectStore s = ProjectStore.open(runs.workspace.project().file())) {
            stored = s.read(c -> new RunTail().metricsAfter(c, id, 0)).points().stream()
                    .filter(p -> p.name().equals("train/loss")).count();
        }
        // the last read after the end brings the last values: the line stands for every one the run stored, drawn
        // in at most 400 points
        SeriesKey loss = new SeriesKey(id, "train/loss");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> runs.vm.charts().valuesOf(loss) == stored);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(runs.view.chartsPane().seriesOf(id, "train/loss").getData()).isNotEmpty()
                .hasSizeLessThanOrEqualTo(MetricCharts.MAX_POINTS);
        String figures = WaitForAsyncUtils.asyncFx(() -> {
            RunChartsPane pane = runs.view.chartsPane();
            assertThat(pane.framesApplied()).isLessThanOrEqualTo(runs.monitor.frames());
            return String.format(java.util.Locale.ROOT, "runs screen: %d loss values charted live (%d figures a"
                    + " step), %d chart updates in %d frames; longest update %.1f ms (%.1f ms of CPU); frame gaps"
                    + " p50 %.0f ms, p99 %.0f ms, longest %.0f ms", stored, 5, pane.framesApplied(),
                    runs.monitor.frames(), pane.longestApplyMillis(), pane.longestApplyCpuMillis(),
                    runs.monitor.percentileMillis(0.5), runs.monitor.percentileMillis(0.99),
                    runs.monitor.longestGapMillis());
        }).get(10, TimeUnit.SECONDS);
        System.out.println(figures);
        assertThat(runs.vm.canStopProperty().get()).isFalse();
        assertThat(robot.lookup("#runs-log").queryTextInputControl().getText()).contains("stopped after step");
    }
}
