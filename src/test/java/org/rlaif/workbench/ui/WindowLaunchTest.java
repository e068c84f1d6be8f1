package org.rlaif.workbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.ui.common.Screen;
import org.rlaif.workbench.ui.pairs.PairItem;
import org.rlaif.workbench.ui.prefs.SettingsFile;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window opening on a project shows once, with the first page of pairs in it, not empty and then filled. */
@ExtendWith(ApplicationExtension.class)
class WindowLaunchTest {
    @TempDir
    Path dir;
    private Stage stage;
    private WorkbenchApp app;
    private boolean showingWhenStartReturned;
    private final List<String> atFirstShow = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage primary) {
        // each test starts its own window
    }

    @AfterEach
    void close() throws Exception {
        if (app != null) {
            WaitForAsyncUtils.asyncFx(() -> {
                stage.hide();
                app.jobs().close();
                app.workspace().closeNow();
            }).get();
        }
    }

    private void launch(Path project) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            stage = new Stage();
            app = new WorkbenchApp();
            stage.showingProperty().addListener((o, was, now) -> {
                if (now && atFirstShow.isEmpty()) {
                    atFirstShow.addAll(List.of(app.workspace().hasProject() ? "project open" : "no project",
                            firstRow() != null ? "first row " + firstRow().row().id() : "no rows"));
                }
            });
            app.start(stage, new SettingsFile(dir.resolve("settings.json")), project);
            showingWhenStartReturned = stage.isShowing();
        }).get();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !atFirstShow.isEmpty());
    }

    @Test
    void theFirstFrameAlreadyShowsTheFirstPage() throws Exception {
        launch(TestProjects.copy(dir, 300, 2));
        assertThat(showingWhenStartReturned).isFalse();
        assertThat(atFirstShow).containsExactly("project open", "first row 1");
    }

    @Test
    void theLessUsedFiltersAreBuiltHiddenAMomentAfterTheFirstPage() throws Exception {
        launch(TestProjects.copy(dir, 300, 2));
        Node pairs = app.shellView().screenNode(Screen.PAIRS);
        assertThat(WaitForAsyncUtils.asyncFx(() -> pairs.lookup("#filter-labeler")).get()).isNull();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> pairs.lookup("#filter-labeler") != null);
        WaitForAsyncUtils.asyncFx(() -> {
            Node labeler = pairs.lookup("#filter-labeler");
            assertThat(labeler.getParent().isVisible()).isFalse();
            assertThat(labeler.getParent().isManaged()).isFalse();
            ((ToggleButton) pairs.lookup("#more-filters")).setSelected(true);
            assertThat(labeler.getParent().isVisible()).isTrue();
            assertThat(pairs.lookupAll("#filter-labeler")).hasSize(1);
        }).get();
    }

    @Test
    void aProjectThatCannotBeOpenedDoesNotKeepTheWindowHidden() throws Exception {
        launch(dir.resolve("missing.rlaif"));
        assertThat(atFirstShow).containsExactly("no project", "no rows");
    }

    private PairItem firstRow() {
        @SuppressWarnings("unchecked")
        TableView<PairItem> table = (TableView<PairItem>) app.shellView().screenNode(Screen.PAIRS).lookup("#pairs-table");
        return table == null || table.getItems() == null || table.getItems().isEmpty() ? null : table.getItems().get(0);
    }
}
