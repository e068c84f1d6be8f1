package org.rlaif.workbench.ui.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.ui.TestProjects;
import org.rlaif.workbench.ui.common.DirectJobExecutor;
import org.rlaif.workbench.ui.common.Workspace;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A labeler that arrives (an import, a labeling run) adds its column; the other columns stay as they are. */
@ExtendWith(ApplicationExtension.class)
class PairsViewColumnsTest {
    @TempDir
    static Path dir;
    private Workspace workspace;
    private PairsView view;

    @Start
    void start(Stage stage) throws Exception {
        workspace = new Workspace(new DirectJobExecutor());
        workspace.open(TestProjects.copy(dir, 200, 3), false, s -> { });
        view = new PairsView(new PairsViewModel(workspace));
        stage.setScene(new Scene(view, 1200, 700));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(workspace::closeNow).get();
    }

    @Test
    void aNewLabelerAddsOneColumnAndKeepsTheOthers() throws Exception {
        List<TableColumn<PairItem, ?>> before = WaitForAsyncUtils.asyncFx(() -> List.copyOf(view.tableView().getColumns())).get();
        assertThat(headers(before)).hasSize(3);

        ProjectStore store = workspace.project();
        store.write(c -> store.labelers().insert(c, Labeler.ai("judge-70b", "m", 7e10)));
        WaitForAsyncUtils.asyncFx(workspace::changed).get();
        WaitForAsyncUtils.waitForFxEvents();

        List<TableColumn<PairItem, ?>> after = WaitForAsyncUtils.asyncFx(() -> List.copyOf(view.tableView().getColumns())).get();
        assertThat(after).hasSize(before.size() + 1).containsAll(before); // the same column objects, cells and all
        assertThat(headers(after)).contains("judge-70b");

        WaitForAsyncUtils.asyncFx(workspace::changed).get(); // nothing new: the columns are not touched
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(WaitForAsyncUtils.asyncFx(() -> List.copyOf(view.tableView().getColumns())).get())
                .containsExactlyElementsOf(after);
    }

    private static List<String> headers(List<TableColumn<PairItem, ?>> columns) {
        return columns.stream().filter(c -> c.getGraphic() instanceof javafx.scene.control.Label)
                .map(c -> ((javafx.scene.control.Label) c.getGraphic()).getText()).toList();
    }
}
