package org.rlaif.workbench.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.stage.Stage;
import org.rlaif.workbench.domain.RunState;
import org.rlaif.workbench.io.SyntheticProject;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.training.TrainingEnvironment;
import org.rlaif.workbench.ui.common.FxJobExecutor;
import org.rlaif.workbench.ui.common.FxStallMonitor;
import org.rlaif.workbench.ui.common.Workspace;
import org.rlaif.workbench.ui.prefs.Theme;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Runs screen alone in a 1024×700 stage over a small generated project, for the tests that start a run from its
 * dialog and watch its chart: what the chart showed at each change, and in which state the run was then.
 */
final class RunsStage {
    /**
     * One change of a line as the screen drew it: how many values it stands for (drawn decimated past 400), how
     * many points it has, and the run's state then.
     */
    record Seen(int values, int points, RunState state) {
    }

    final FxJobExecutor jobs = new FxJobExecutor();
    final Workspace workspace = new Workspace(jobs);
    final RunsViewModel vm;
    final RunsView view;
    final FxStallMonitor monitor = new FxStallMonitor();
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    RunsStage(Stage stage, Path dir, TrainingEnvironment env) {
        Path project = dir.resolve("runs-" + System.nanoTime() + ".rlaif");
        try (ProjectStore s = ProjectStore.open(project)) {
            new SyntheticProject(120, 2, 1).writeTo(s, n -> { });
        }
        Application.setUserAgentStylesheet(Theme.LIGHT.userAgentStylesheet());
        vm = new RunsViewModel(workspace, env, null);
        view = new RunsView(vm);
        Scene scene = new Scene(view, 1024, 700);
        scene.getStylesheets().add(RunsStage.class.getResource("/ui/workbench.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
        monitor.start();
        workspace.open(project, false, s -> { });
    }

    /** Clicks through the training dialog with its defaults plus {@code fill}, and returns the new run's id. */
    long train(FxRobot robot, java.util.function.Consumer<FxRobot> fill) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, workspace::hasProject);
        robot.clickOn("#runs-train");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#train-submit").tryQuery().isPresent());
        fill.accept(robot);
        robot.clickOn("#train-submit");
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> !vm.rows().isEmpty());
        long id = vm.rows().getFirst().id();
        // the run is picked as soon as it shows, so its charts follow it
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.focusedRowProperty().get() != null
                && vm.focusedRowProperty().get().id() == id);
        return id;
    }

    /** Records every change of one line of the run from when it is first drawn. */
    void watch(long runId, String metric) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> view.chartsPane().seriesOf(runId, metric) != null
                    || state(runId) != null && state(runId).isTerminal());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no " + metric + " line for run #" + runId + " within 600 s: " + describe(), e);
        }
        assertThat(view.chartsPane().seriesOf(runId, metric)).as("the line of %s; %s", metric, describe())
                .isNotNull();
        WaitForAsyncUtils.asyncFx(() -> {
            XYChart.Series<Number, Number> s = view.chartsPane().seriesOf(runId, metric);
            SeriesKey key = new SeriesKey(runId, metric);
            s.getData().addListener((ListChangeListener<XYChart.Data<Number, Number>>) c ->
                    seen.add(new Seen(vm.charts().valuesOf(key), s.getData().size(), state(runId))));
            seen.add(new Seen(vm.charts().valuesOf(key), s.getData().size(), state(runId)));
        }).get(10, TimeUnit.SECONDS);
    }

    /** What the screen knows, for a failure message. */
    String describe() {
        return "rows " + vm.rows().stream().map(r -> "#" + r.id() + " " + r.stateText() + " (" + r.stateDetail()
                + ")").toList() + ", charted " + vm.charts().runs() + ", charts " + vm.charts().visibleCharts()
                + ", log " + vm.log();
    }

    RunState state(long runId) {
        RunRow r = vm.find(runId);
        return r == null ? null : r.state();
    }

    /** The distinct numbers of values the line stood for while the run was running, in order. */
    List<Integer> growthWhileRunning() {
        return seen.stream().filter(s -> s.state() == RunState.RUNNING && s.points() > 0).map(Seen::values)
                .distinct().toList();
    }

    /** Waits until the line has grown at least {@code times} times while the run was running. */
    void awaitGrowth(int times) throws Exception {
        WaitForAsyncUtils.waitFor(600, TimeUnit.SECONDS, () -> growthWhileRunning().size() > times);
        List<Integer> sizes = growthWhileRunning();
        for (int i = 1; i < sizes.size(); i++) {
            assertThat(sizes.get(i)).as("the line only grows").isGreaterThan(sizes.get(i - 1));
        }
    }

    /** Closes the project on the FX thread (the screen reacts to it), then the executor. */
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(workspace::closeNow).get(30, TimeUnit.SECONDS);
        jobs.close();
    }
}
