package org.rlaif.workbench.ui.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rlaif.workbench.store.PairRow;
import org.rlaif.workbench.ui.common.DirectJobExecutor;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class PairsTableTest {
    private PairsTable windowed;

    @Start
    void start(Stage stage) {
        TableView<PairItem> table = new TableView<>();
        table.setFixedCellSize(24);
        windowed = new PairsTable(table);
    }

    @Test
    void aListingThatGetsItsCountKeepsItsRowsAndItsScrollBarFollows() throws Exception {
        PagedPairs listing = new PagedPairs(PairsTable.WINDOW + 1, 100, 50, new DirectJobExecutor(),
                p -> page(p, 100));
        WaitForAsyncUtils.asyncFx(() -> windowed.show(listing, false)).get();
        ScrollBar bar = (ScrollBar) windowed.lookup("#pairs-scrollbar");
        var shown = windowed.table().getItems();
        assertThat(shown).hasSize(PairsTable.WINDOW);
        assertThat(bar.getMax()).isEqualTo(PairsTable.WINDOW);

        // longer: the table's window of rows stays as it is, the bar reaches the new end
        WaitForAsyncUtils.asyncFx(() -> listing.settleSize(50_000)).get();
        assertThat(windowed.table().getItems()).isSameAs(shown);
        assertThat(bar.getMax()).isEqualTo(49_999);

        // shorter than the window: the table takes the rows that are left
        WaitForAsyncUtils.asyncFx(() -> listing.settleSize(120)).get();
        assertThat(windowed.table().getItems()).hasSize(120);
        assertThat(windowed.table().getItems().get(119).row().id()).isEqualTo(120);
        assertThat(bar.getMax()).isEqualTo(119);
    }

    private static List<PairRow> page(int page, int size) {
        return TestRows.page(page, size);
    }
}
