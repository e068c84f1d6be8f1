package org.rlaif.workbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.LabelStatus;
import org.rlaif.workbench.io.ImportOptions;
import org.rlaif.workbench.io.ImportProgress;
import org.rlaif.workbench.io.ImportService;
import org.rlaif.workbench.io.SyntheticProject;
import org.rlaif.workbench.metrics.LabelerAlignment;
import org.rlaif.workbench.store.AgreementStatus;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.testdata.PandaLmProject;
import org.rlaif.workbench.ui.common.Screen;
import org.rlaif.workbench.ui.pairs.PairItem;
import org.rlaif.workbench.ui.prefs.SettingsFile;
import org.rlaif.workbench.ui.start.SampleProjects;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window as a user meets it, headless: the first run opens the sample project (built from the real PandaLM
 * files by the real importer), then filter the pairs, search, open a pair and step through pairs with the keyboard,
 * label disputed pairs with the keyboard and undo, and see the dashboard take in the new labels.
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchWalkthroughTest {
    @TempDir
    static Path dir;
    private static String samplesBefore;
    private WorkbenchApp app;

    @BeforeAll
    static void sample() throws Exception {
        Path folder = dir.resolve("sample-projects");
        Files.createDirectories(folder);
        try (ProjectStore store = ProjectStore.open(folder.resolve("pandalm.rlaif"))) {
            if (PandaLmProject.available()) {
                new ImportService().importFiles(store, List.of(PandaLmProject.datasets().resolve("pandalm")),
                        "pandalm", ImportOptions.defaults(), ImportProgress.NONE);
            } else {
                new SyntheticProject(300, 5, 3).writeTo(store, n -> { });
            }
        }
        samplesBefore = System.getProperty(SampleProjects.FOLDER_PROPERTY);
        System.setProperty(SampleProjects.FOLDER_PROPERTY, folder.toString());
    }

    @AfterAll
    static void restore() {
        if (samplesBefore == null) {
            System.clearProperty(SampleProjects.FOLDER_PROPERTY);
        } else {
            System.setProperty(SampleProjects.FOLDER_PROPERTY, samplesBefore);
        }
    }

    @Start
    void start(Stage stage) {
        app = new WorkbenchApp();
        // a first run: no settings yet, so the sample opens
        app.start(stage, new SettingsFile(dir.resolve("user/settings.json")), null);
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.call();
        });
    }

    @SuppressWarnings("unchecked")
    private TableView<PairItem> table(FxRobot robot) {
        return (TableView<PairItem>) robot.lookup("#pairs-table").queryAs(TableView.class);
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void openFilterCompareReviewUndoAndSeeTheDashboardUpdate(FxRobot robot) throws Exception {
        // first run: the sample opens on the pairs screen
        waitUntil(() -> app.workspace().hasProject() && app.shell().screenProperty().get() == Screen.PAIRS);
        assertThat(app.workspace().project().file()).isEqualTo(dir.resolve("user/samples/pandalm.rlaif"));
        waitUntil(() -> table(robot).getItems() != null && !table(robot).getItems().isEmpty()
                && table(robot).getItems().get(0).row() != null);
        long all = app.workspace().summaryProperty().get().pairs();
        assertThat(text(robot, "#pairs-count")).isEqualTo(String.format("%,d pairs", all));

        // filter: disputed only
        robot.clickOn("#status-disputed");
        waitUntil(() -> text(robot, "#pairs-count").endsWith("match"));
        int disputed = table(robot).getItems().size();
        assertThat(disputed).isPositive().isLessThan((int) all);
        for (int i = 0; i < Math.min(10, disputed); i++) {
            int row = i;
            waitUntil(() -> table(robot).getItems().get(row).row() != null);
            assertThat(table(robot).getItems().get(i).row().status()).isEqualTo(AgreementStatus.DISPUTED);
        }

        // search within them (typing is debounced)
        robot.clickOn("#pairs-search").write("the");
        waitUntil(() -> app.screens().pairs().filterProperty().get().text().equals("the")
                && !app.screens().pairs().loadingProperty().get());
        assertThat(table(robot).getItems().size()).isPositive().isLessThanOrEqualTo(disputed);

        // open the first pair side by side, then step with the keyboard
        waitUntil(() -> table(robot).getItems().get(0).row() != null);
        long firstId = table(robot).getItems().get(0).row().id();
        long secondId = table(robot).getItems().size() > 1 ? table(robot).getItems().get(1).row().id() : firstId;
        javafx.scene.Node firstRow = robot.lookup("#pairs-table .table-row-cell")
                .match((javafx.scene.control.TableRow<?> r) -> r.getIndex() == 0).query();
        robot.doubleClickOn(firstRow);
        waitUntil(() -> app.shell().screenProperty().get() == Screen.COMPARE
                && text(robot, "#compare-pair").startsWith("Pair #" + firstId + " "));
        robot.type(KeyCode.J);
        waitUntil(() -> text(robot, "#compare-pair").startsWith("Pair #" + secondId + " "));
        robot.type(KeyCode.K);
        waitUntil(() -> text(robot, "#compare-pair").startsWith("Pair #" + firstId + " "));

        // review: label with the keyboard, then undo
        robot.clickOn("#nav-review");
        waitUntil(() -> app.screens().review().currentProperty().get() != null
                && !app.screens().review().busyProperty().get());
        robot.clickOn("#review-progress");
        long reviewed = app.screens().review().currentProperty().get().pair().id();
        robot.type(KeyCode.DIGIT1);
        waitUntil(() -> text(robot, "#review-progress").startsWith("1 decided"));
        assertThat(app.screens().review().currentProperty().get().pair().id()).isNotEqualTo(reviewed);
        String annotator = app.settings().annotatorProperty().get();
        long annotatorId = app.screens().review().annotatorProperty().get().id();
        assertThat(statusOfLastLabel(reviewed, annotatorId)).isEqualTo(LabelStatus.OK);

        robot.type(KeyCode.U);
        waitUntil(() -> app.screens().review().currentProperty().get().pair().id() == reviewed
                && text(robot, "#review-progress").startsWith("0 decided"));
        assertThat(statusOfLastLabel(reviewed, annotatorId)).isEqualTo(LabelStatus.RETRACTED);

        // two verdicts the dashboard must take in
        robot.type(KeyCode.DIGIT2);
        waitUntil(() -> text(robot, "#review-progress").startsWith("1 decided"));
        robot.type(KeyCode.T);
        waitUntil(() -> text(robot, "#review-progress").startsWith("2 decided"));

        robot.clickOn("#nav-dashboard");
        waitUntil(() -> app.screens().dashboard().reportProperty().get() != null
                && !app.screens().dashboard().computingProperty().get());
        LabelerAlignment mine = app.screens().dashboard().reportProperty().get().labeler(annotator);
        assertThat(mine.labels()).isEqualTo(2);
        assertThat(mine.labeler().human()).isTrue();

        // one more verdict: the dashboard follows
        robot.clickOn("#nav-review");
        waitUntil(() -> !app.screens().review().busyProperty().get());
        robot.clickOn("#review-progress");
        robot.type(KeyCode.DIGIT1);
        waitUntil(() -> text(robot, "#review-progress").startsWith("3 decided"));
        robot.clickOn("#nav-dashboard");
        AtomicLong labels = new AtomicLong();
        waitUntil(() -> {
            var r = app.screens().dashboard().reportProperty().get();
            labels.set(r == null ? -1 : r.labeler(annotator).labels());
            return labels.get() == 3 && !app.screens().dashboard().computingProperty().get();
        });
        assertThat(robot.lookup("#chart-agreement").tryQuery()).isPresent();
    }

    private LabelStatus statusOfLastLabel(long pairId, long labelerId) {
        ProjectStore store = app.workspace().project();
        var rows = store.read(c -> store.labels().history(c, pairId)).stream()
                .filter(l -> l.labelerId() == labelerId).toList();
        return rows.get(rows.size() - 1).status();
    }
}
