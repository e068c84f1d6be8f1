package org.rlaif.workbench.ui.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.OrderShown;
import org.rlaif.workbench.store.PairSummaries;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.ui.TestProjects;
import org.rlaif.workbench.ui.common.DirectJobExecutor;
import org.rlaif.workbench.ui.common.Workspace;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A labeler that arrives (an import, a labeling run) fills a spare column slot: the table's columns stay the same
 * objects in the same order, so no row rebuilds its cells; only when the slots run out are columns added.
 */
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
        stage.setScene(new Scene(view, 1400, 700));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(workspace::closeNow).get();
    }

    @Test
    void aNewLabelerFillsASpareSlotAndItsCellsShowItsVerdicts() throws Exception {
        List<TableColumn<PairItem, ?>> before = fx(() -> List.copyOf(view.tableView().getColumns()));
        assertThat(headers(before)).hasSize(3);
        assertThat(before).hasSize(9 + 3 + VerdictColumns.SPARE);

        // "aaa" sorts first among the AI labelers: the ones after it move one slot along
        addLabeler("aaa-judge-70b", Choice.B);

        List<TableColumn<PairItem, ?>> after = fx(() -> List.copyOf(view.tableView().getColumns()));
        assertThat(after).containsExactlyElementsOf(before); // the same column objects: no row rebuilt its cells
        assertThat(headers(after)).hasSize(4).contains("aaa-judge-70b");
        TableColumn<PairItem, ?> slot = after.stream().filter(c -> "aaa-judge-70b".equals(header(c))).findFirst()
                .orElseThrow();
        assertThat(slot.getWidth()).isPositive();
        assertThat(fx(() -> cellText(slot, 0))).isEqualTo("B"); // pair 1, first row of the listing
        // the spare slots left take no room
        assertThat(after.stream().filter(c -> c.getStyleClass().contains("spare-verdict")))
                .hasSize(VerdictColumns.SPARE - 1).allSatisfy(c -> assertThat(c.getWidth()).isZero());

        fx(() -> { workspace.changed(); return null; }); // nothing new: the columns are not touched
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> List.copyOf(view.tableView().getColumns()))).containsExactlyElementsOf(after);
        assertThat(headers(fx(() -> List.copyOf(view.tableView().getColumns())))).isEqualTo(headers(after));
    }

    @Test
    void moreNewLabelersThanSpareSlotsAddColumnsOnce() throws Exception {
        List<TableColumn<PairItem, ?>> before = fx(() -> List.copyOf(view.tableView().getColumns()));
        for (int i = 0; i <= VerdictColumns.SPARE; i++) {
            addLabeler("judge-" + i, Choice.A);
        }
        List<TableColumn<PairItem, ?>> after = fx(() -> List.copyOf(view.tableView().getColumns()));
        // the slots ran out at the last one: as many labelers as there are now, and SPARE more
        assertThat(after).containsAll(before).hasSize(9 + (3 + VerdictColumns.SPARE + 1) + VerdictColumns.SPARE);
        assertThat(headers(after)).hasSize(3 + VerdictColumns.SPARE + 1);
    }

    @Test
    void theColumnsMenuHidesALabelerByName() throws Exception {
        String name = fx(() -> headers(view.tableView().getColumns()).get(0));
        hideInColumnsMenu(name);
        assertThat(fx(() -> headers(view.tableView().getVisibleLeafColumns()))).doesNotContain(name).hasSize(2);
        // it stays hidden when the labelers are read again
        addLabeler("zzz-late", Choice.A);
        assertThat(fx(() -> headers(view.tableView().getVisibleLeafColumns()))).doesNotContain(name)
                .contains("zzz-late");
    }

    @Test
    void aLabelerHiddenInOneProjectDoesNotHideTheLabelerWithItsIdInTheNext() throws Exception {
        String first = fx(() -> headers(view.tableView().getColumns()).get(0));
        hideInColumnsMenu(first);
        assertThat(fx(() -> headers(view.tableView().getVisibleLeafColumns()))).hasSize(2);

        Path other = TestProjects.copy(dir, 50, 3); // another project, its labelers with the same ids
        fx(() -> { workspace.open(other, false, s -> { }); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> headers(view.tableView().getVisibleLeafColumns()))).hasSize(3);
    }

    /** Opens the Columns menu (which builds its items) and unticks the labeler {@code name}. */
    private void hideInColumnsMenu(String name) throws Exception {
        MenuButton menu = (MenuButton) view.lookup("#columns-menu");
        fx(() -> {
            menu.getOnShowing().handle(null);
            menu.getItems().stream().filter(i -> i instanceof CheckMenuItem).map(i -> (CheckMenuItem) i)
                    .filter(i -> name.equals(i.getText())).findFirst().orElseThrow().setSelected(false);
            return null;
        });
    }

    private void addLabeler(String name, Choice choice) throws Exception {
        ProjectStore store = workspace.project();
        store.write(c -> {
            Labeler l = store.labelers().insert(c, Labeler.ai(name, "m", 7e10));
            store.labels().append(c, Label.of(1, l.id(), 0, choice, null, null, OrderShown.AB));
            new PairSummaries().catchUp(c);
            return null;
        });
        fx(() -> { workspace.changed(); return null; });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get();
    }

    private String cellText(TableColumn<PairItem, ?> column, int row) {
        return view.tableView().lookupAll(".table-cell").stream().map(n -> (TableCell<?, ?>) n)
                .filter(c -> c.getTableColumn() == column && c.getIndex() == row).findFirst().orElseThrow().getText();
    }

    private static String header(TableColumn<PairItem, ?> c) {
        return c.getGraphic() instanceof javafx.scene.control.Label l ? l.getText() : null;
    }

    private static List<String> headers(List<? extends TableColumn<PairItem, ?>> columns) {
        return columns.stream().map(PairsViewColumnsTest::header).filter(h -> h != null).toList();
    }
}
